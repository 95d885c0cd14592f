// What the care-team API accepts for a patient, validated once here.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { invalidInput } from './errors.js';
import { parsePhone, type PhoneRules } from './phone.js';
import { MAX_FILL_IN_LENGTH } from '../engine/context.js';
import { smsLength } from '../engine/sms-segments.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A phone number as a person types it, read with the clinic's rules; the output is E.164. */
const phoneField = (rules: PhoneRules) =>
  z
    .string({ message: 'must be a phone number written as text, like "+1 312 555 0123"' })
    .transform((text, ctx) => {
      const read = parsePhone(text, rules);
      if (read.ok) return read.e164;
      ctx.addIssue({ code: 'custom', message: read.error });
      return z.NEVER;
    })
    .meta({
      description: `the patient's mobile number as a person types it: international (+1 312 555 0123) or national for the clinic's country (${rules.defaultCountry}); stored and answered as E.164`,
      examples: ['+1 312 555 0123', '(312) 555-0123'],
    });
const timezone = z.string().refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone like America/Chicago');
const isoDate = z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid, 'must be a date like 2026-11-23');
// Every patient text is checked (careloop validate) to fit in 2 SMS with a
// plan of 40 characters; a longer plan would overflow some of them.
const PLAN_MAX = MAX_FILL_IN_LENGTH.planAction;
const planAction = z
  .string()
  .trim()
  .min(1, 'is required')
  .refine((a) => smsLength(a) <= PLAN_MAX, `must be at most ${PLAN_MAX} characters (like "walk 10 minutes after dinner"), so every text fits in 2 SMS`);
const planFields = {
  action: planAction,
  daysPerWeek: z.number().int('must be a whole number').min(1, 'must be between 1 and 7').max(7, 'must be between 1 and 7'),
  confidence: z.number().int('must be a whole number').min(0, 'must be between 0 and 10').max(10, 'must be between 0 and 10'),
  startDate: isoDate.optional(),
};
const checkin = z.strictObject({
  weekday: z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like 18:00'),
});

/** Built from the phone rules in config (the API builds it once; the Slack modal per submission). */
export const newPatientSchemaFor = (phone: PhoneRules) => z.strictObject({
  phone: phoneField(phone),
  name: z.string().trim().min(1, 'is required').max(200),
  timezone,
  language: z.enum(['en', 'es'], { message: 'must be en or es' }),
  consent: z.enum(['pending', 'confirmed'], { message: 'must be pending or confirmed' }),
  plan: z.strictObject(planFields),
  checkin,
  careTeam: z.string().trim().min(1).max(100).optional(),
}).meta({ title: 'NewPatient' });
export type NewPatientSchema = ReturnType<typeof newPatientSchemaFor>;

export const patientChangesSchema = z.strictObject({
  status: z.enum(['active', 'paused'], { message: 'must be active or paused' }).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  timezone: timezone.optional(),
  language: z.enum(['en', 'es']).optional(),
  plan: z.strictObject(planFields).partial().optional(),
  checkin: checkin.optional(),
});

export type NewPatientInput = z.output<NewPatientSchema>;
export type PatientChanges = z.infer<typeof patientChangesSchema>;

/** Parses or throws invalid_input naming every bad field. */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '(body)';
    fields[path] ??= issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  }
  throw invalidInput('the request has invalid fields', fields);
}
