// Scenario files (conversations/scenarios/*.yaml): a patient and plan, the
// conversation to start, then actions (reply, wait) and expectations checked
// against what happened since the last action. Documented in
// conversations/README.md.
import { z } from 'zod';
import { parseDuration } from './durations.js';

const duration = z.string().refine((s) => parseDuration(s) !== null, { message: 'use a duration like 4h, 2d, 1w or PT4H' });
/** Plain text matches as a substring (ignoring case); /text/flags is a regular expression. */
const matcher = z.string().min(1);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const actions = {
  reply: z.strictObject({ reply: z.union([z.string(), z.number()]).transform(String) }),
  wait: z.strictObject({ wait: duration }),
  start: z.strictObject({ start: z.string() }),
  /** Staff resolve the open escalation: careloop answers the patient again. */
  resolve_escalation: z.strictObject({ resolve_escalation: z.literal(true) }),
};

const expectations = {
  says: z.strictObject({ says: z.union([matcher, z.array(matcher).min(1)]) }),
  not_says: z.strictObject({ not_says: matcher }),
  silent: z.strictObject({ silent: z.literal(true) }),
  results: z.strictObject({
    results: z.record(z.string(), z.union([scalar, z.strictObject({ value: scalar.optional(), category: z.string().optional() })])),
  }),
  escalates: z.strictObject({
    escalates: z.union([z.enum(['urgent', 'routine']), z.strictObject({ urgency: z.enum(['urgent', 'routine']), reason: matcher.optional(), category: z.string().optional() })]),
  }),
  no_escalation: z.strictObject({ no_escalation: z.literal(true) }),
  opts_out: z.strictObject({ opts_out: z.literal(true) }),
  opts_in: z.strictObject({ opts_in: z.literal(true) }),
  consent: z.strictObject({ consent: z.literal(true) }),
  logs_day: z.strictObject({ logs_day: z.literal(true) }),
  plan: z.strictObject({ plan: z.strictObject({ action: z.string().optional(), daysPerWeek: z.number().optional(), confidence: z.number().optional() }) }),
  starts: z.strictObject({ starts: z.string() }),
  ends: z.strictObject({ ends: z.string() }),
  still_waiting: z.strictObject({ still_waiting: z.literal(true) }),
  /** The week of the program the current (or last) conversation is about. */
  week: z.strictObject({ week: z.number().int().positive() }),
  /** The current (or last) conversation started at this instant, e.g. "2026-03-09T18:00-04:00". */
  started_at: z.strictObject({ started_at: z.iso.datetime({ offset: true, local: false }) }),
};

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  /** The conversation started at the beginning; leave out to begin with no conversation (idle replies). */
  conversation: z.string().optional(),
  language: z.enum(['en', 'es']).default('en'),
  patient: z.strictObject({ firstName: z.string().default('Maria') }).default({ firstName: 'Maria' }),
  plan: z
    .strictObject({ action: z.string().default('walk 10 minutes after dinner'), daysPerWeek: z.number().int().default(3), confidence: z.number().nullable().default(8) })
    .default({ action: 'walk 10 minutes after dinner', daysPerWeek: 3, confidence: 8 }),
  loggedDays: z.number().int().nullable().default(null),
  careTeam: z.strictObject({ name: z.string().default('Riverside Clinic'), phone: z.string().optional() }).default({ name: 'Riverside Clinic' }),
  week: z.number().int().default(1),
  vars: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  clock: z.iso.datetime({ offset: true }).default('2025-03-03T17:00:00Z'),
  /** Replace called conversations by one that ends at once with this outcome, to test a dialogue on its own. */
  stubs: z.record(z.string(), z.string()).default({}),
  /**
   * A journey: the patient is enrolled (consent on file) at `clock` with this
   * check-in slot, and `wait` runs the service's scheduling rules: check-ins
   * start on their own (leave out `conversation`).
   */
  journey: z
    .strictObject({
      timezone: z.string().default('America/New_York'),
      checkin: z.strictObject({ weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']), time: z.string().regex(/^\d\d:\d\d$/) }),
      quietHours: z.union([z.literal('off'), z.string().regex(/^\d\d:\d\d-\d\d:\d\d$/)]).default('21:00-08:00'),
    })
    .optional(),
  steps: z.array(z.record(z.string(), z.unknown())).min(1),
  /**
   * The whole conversation, pinned: every action and every text, in order
   * (`careloop test --update` writes it). Any extra or missing text fails.
   */
  transcript: z.array(z.string()).optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;

/** The patient part of a scenario, also read by `careloop chat --patient file`. */
export const patientProfileSchema = scenarioSchema.pick({
  language: true, patient: true, plan: true, loggedDays: true, careTeam: true, week: true, vars: true, clock: true,
});
export type PatientProfile = z.infer<typeof patientProfileSchema>;

export type ScenarioStep =
  | { reply: string }
  | { wait: string }
  | { start: string }
  | { resolve_escalation: true }
  | { week: number }
  | { started_at: string }
  | { says: string | string[] }
  | { not_says: string }
  | { silent: true }
  | { results: Record<string, z.infer<typeof scalar> | { value?: z.infer<typeof scalar>; category?: string }> }
  | { escalates: 'urgent' | 'routine' | { urgency: 'urgent' | 'routine'; reason?: string; category?: string } }
  | { no_escalation: true }
  | { opts_out: true }
  | { opts_in: true }
  | { consent: true }
  | { logs_day: true }
  | { plan: { action?: string; daysPerWeek?: number; confidence?: number } }
  | { starts: string }
  | { ends: string }
  | { still_waiting: true };

export const STEP_KINDS = [...Object.keys(actions), ...Object.keys(expectations)];
/** Every kind of step, for the editors' JSON Schema (scenario.schema.json). */
export const STEP_SCHEMAS = [...Object.values(actions), ...Object.values(expectations)];

/** Checks one scenario step; returns a plain message when it is not a known step. */
export function parseScenarioStep(raw: Record<string, unknown>): { ok: true; step: ScenarioStep } | { ok: false; error: string } {
  const keys = Object.keys(raw);
  const kind = keys[0];
  if (keys.length !== 1 || kind === undefined || !STEP_KINDS.includes(kind)) {
    return { ok: false, error: `each step has one key out of: ${STEP_KINDS.join(', ')} (got ${keys.join(', ') || 'nothing'})` };
  }
  const schema = (actions as Record<string, z.ZodType>)[kind] ?? (expectations as Record<string, z.ZodType>)[kind];
  const parsed = schema?.safeParse(raw);
  if (!parsed?.success) return { ok: false, error: `${kind}: ${parsed?.error.issues.map((i) => i.message).join('; ')}` };
  return { ok: true, step: parsed.data as ScenarioStep };
}
