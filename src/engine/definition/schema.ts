// The conversation language: one YAML file per conversation, checked by this
// zod schema, which is also the single source of the TypeScript types. The
// schema checks shape only (unknown keys, missing translations, bad
// durations); the graph, templates, conditions and SMS sizes are checked by
// validate.ts, which needs the whole set of files.
import { z } from 'zod';
import { Duration } from 'luxon';

const isoDuration = z
  .string()
  .refine((text) => Duration.fromISO(text).isValid, {
    message: 'must be an ISO-8601 duration such as PT4H (4 hours) or P2D (2 days)',
  });

/** Step ids and result names: lower case, digits and underscores. */
export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const name = z.string().regex(NAME_PATTERN, { message: 'use lower case letters, digits and _ (e.g. ask_days)' });
const conversationId = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'use lower case letters, digits and - (e.g. weekly-checkin)' });

/** Patient-facing text: every language is required. */
export const localizedText = z.strictObject({ en: z.string().min(1), es: z.string().min(1) });

const escalation = z.strictObject({
  urgency: z.enum(['urgent', 'routine']),
  /** Staff-facing, English: why a person should look at this patient. */
  reason: z.string().min(1),
  category: z.string().optional(),
  /**
   * What the dialogue does next. `hand_over` (the default when absent): the
   * care team takes the conversation; the session ends after the next text
   * (the acknowledgement) or when the dialogue would wait or return to its
   * caller. `continue`: the dialogue goes on while the escalation is open.
   * Left optional (no default) so existing definitions keep their hashes.
   */
  then: z.enum(['hand_over', 'continue']).optional(),
});

const choiceOption = z.strictObject({
  key: name,
  synonyms: z.strictObject({ en: z.array(z.string().min(1)).min(1), es: z.array(z.string().min(1)).min(1) }),
});

const expectation = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('number'), min: z.number().int(), max: z.number().int() }),
  z.strictObject({ type: z.literal('rating'), min: z.number().int().default(0), max: z.number().int().default(10) }),
  z.strictObject({ type: z.literal('yes_no') }),
  z.strictObject({
    type: z.literal('choice'),
    options: z.array(choiceOption).min(2),
    /** The menu number of the first option: 1 (default), or 0 for scales that start at 0 (PHQ-2: 0 not at all ... 3). */
    first_number: z.union([z.literal(0), z.literal(1)]).default(1),
    /**
     * The patient's own answer: a reply that picks no option but says something
     * (3 words or more, not "I don't know") is saved as typed, with category
     * `own_answer`, and goes here at once instead of being asked again.
     */
    own_answer: z.strictObject({ goto: name }).optional(),
  }),
  z.strictObject({ type: z.literal('text') }),
]);

const route = z.strictObject({
  /** A condition such as `days_done >= plan.daysPerWeek`; absent means "otherwise". */
  if: z.string().min(1).optional(),
  /** The category recorded with the result; defaults to the target step's id. */
  category: name.optional(),
  goto: name,
});

/** A value: a number, or an expression naming a variable (`results.new_days`). */
const valueExpression = z.union([z.number(), z.string().min(1)]);

const step = z.strictObject({
  say: localizedText.optional(),
  set: z.record(name, valueExpression).optional(),
  escalate: escalation.optional(),
  update_plan: z
    .strictObject({ action: valueExpression.optional(), days_per_week: valueExpression.optional(), confidence: valueExpression.optional() })
    .optional(),
  consent: z.literal('confirmed').optional(),
  log_day: z.literal(true).optional(),
  expect: expectation.optional(),
  save: name.optional(),
  retry: localizedText.optional(),
  fallback: z.strictObject({ goto: name, escalate: escalation.optional() }).optional(),
  remind: z.union([z.literal(false), z.strictObject({ after: isoDuration.default('PT4H'), say: localizedText.optional() })]).optional(),
  timeout: z.strictObject({ after: isoDuration.default('PT48H'), goto: name }).optional(),
  routes: z.array(route).min(1).optional(),
  goto: name.optional(),
  call: z
    .strictObject({ conversation: conversationId, with: z.record(name, valueExpression).optional(), save: name.optional(), then: name })
    .optional(),
  handoff: conversationId.optional(),
  end: name.optional(),
});

export const conversationSchema = z.strictObject({
  id: conversationId,
  version: z.number().int().positive(),
  title: z.string().min(1),
  description: z.string().optional(),
  start: name,
  /** The whole conversation closes (outcome `expired`) this long after it starts. */
  expire: isoDuration.default('P7D'),
  /** Extra inputs the conversation uses as {{vars.name}}, each with a realistic example value. */
  vars: z.record(name, z.string()).default({}),
  steps: z.record(name, step),
});

export type ConversationDefinition = z.infer<typeof conversationSchema>;
export type StepDefinition = z.infer<typeof step>;
export type Expectation = z.infer<typeof expectation>;
export type RouteDefinition = z.infer<typeof route>;
export type EscalationDefinition = z.infer<typeof escalation>;
export type LocalizedText = z.infer<typeof localizedText>;
export type ValueExpression = z.infer<typeof valueExpression>;
export type Lang = keyof LocalizedText;
export const LANGS: readonly Lang[] = ['en', 'es'];

/** A parsed definition pinned by its content hash (sha256 of canonical JSON). */
export interface LoadedDefinition {
  hash: string;
  definition: ConversationDefinition;
}
