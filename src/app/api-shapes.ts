// What the care-team API answers, as zod schemas. The routes serialize every
// response through these (unknown keys are stripped), and the OpenAPI document
// (src/adapters/http/openapi.ts) is generated from them, so the document lists
// exactly the fields a client receives.
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { WEEKDAYS } from './patient-input.js';

const timestamp = z.iso.datetime().describe('UTC, ISO 8601');
const date = z.iso.date();
const id = z.guid();

export const planSchema = z.object({
  action: z.string().meta({ examples: ['walk 10 minutes after dinner'] }),
  daysPerWeek: z.number().int(),
  confidence: z.number().int(),
  startDate: date,
  version: z.number().int().describe('raised by every change; older versions are kept'),
});

export const patientSchema = z.object({
  id,
  phone: z.string().describe('E.164').meta({ examples: ['+15555550123'] }),
  name: z.string(),
  label: z.string().describe('pseudonymous label used in Slack'),
  timezone: z.string().meta({ examples: ['America/Chicago'] }),
  language: z.enum(['en', 'es']),
  status: z.enum(['pending_consent', 'active', 'paused', 'opted_out']),
  consent: z.enum(['pending', 'confirmed', 'revoked']),
  plan: planSchema.nullable(),
  checkin: z.object({ weekday: z.enum(WEEKDAYS), time: z.string().meta({ examples: ['18:00'] }) }).nullable(),
  nextCheckin: z
    .object({ at: timestamp, week: z.number().int().nullable(), kind: z.enum(['weekly-checkin', 'refine', 'reassess']).nullable() })
    .nullable()
    .describe('null while paused, waiting for consent or opted out'),
  createdAt: timestamp,
});

export const messageSchema = z.object({
  /** The text's place in write order: pass the last one as ?before= for the next page. */
  cursor: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  status: z.enum(['received', 'queued', 'deferred', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'simulated', 'suppressed']),
  author: z.enum(['patient', 'bot', 'staff', 'system']),
  errorCode: z.string().optional().describe('Twilio error code of a failed text'),
  createdAt: timestamp,
});

export const checkinSchema = z.object({
  id,
  kind: z.enum(['weekly-checkin', 'refine', 'reassess', 'manual']),
  week: z.number().int(),
  weekStart: date,
  daysDone: z.number().int().nullable(),
  daysTarget: z.number().int(),
  confidence: z.number().int().nullable(),
  barrier: z.string().nullable(),
  status: z.enum(['in_progress', 'completed', 'no_response', 'missed', 'escalated', 'cancelled']),
});

export const escalationSchema = z.object({
  id,
  patientId: id,
  urgency: z.enum(['urgent', 'routine']),
  reason: z.string(),
  status: z.enum(['open', 'claimed', 'resolved']),
  /** e.g. delivery_landline, long_text, unreadable, or a red-flag category. */
  category: z.string().nullable(),
  /** Present when the staff channel refused the post for good (e.g. "slack: channel_not_found"). */
  notifyError: z.string().optional(),
  createdAt: timestamp,
});

export const scheduleSchema = z.object({
  patientId: id,
  timezone: z.string(),
  status: patientSchema.shape.status,
  events: z.array(
    z.object({
      at: timestamp,
      local: z.string().describe("the same moment in the patient's time zone, for people"),
      kind: z.string().meta({ examples: ['weekly-checkin'] }),
      detail: z.string().optional(),
    }),
  ),
});

export const checkinStartedSchema = z.object({ status: z.literal('started') });

const ERROR_CODES = ['invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unavailable', 'internal'] as const satisfies readonly ErrorCode[];

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('what is wrong with each field, by its path (plan.action)'),
  }),
});

export type PatientShape = z.input<typeof patientSchema>;
export type MessageShape = z.input<typeof messageSchema>;
export type CheckinShape = z.input<typeof checkinSchema>;
export type EscalationShape = z.input<typeof escalationSchema>;
export type ScheduleShape = z.input<typeof scheduleSchema>;
export type ErrorShape = z.input<typeof errorSchema>;

export const messageListSchema = z.array(messageSchema);
export const checkinListSchema = z.array(checkinSchema);
export const escalationListSchema = z.array(escalationSchema);
