// The care team's vocabulary: every phrase list reply understanding uses, as
// data (conversations/vocabulary.yaml). The logic that is not a matter of
// wording (normalisation, negation windows, number parsing, glucose
// thresholds, pain 9-10/10) stays in code.
import { z } from 'zod';
import type { HumanCategory, UrgentCategory } from './api.js';

const phrase = z
  .string()
  .trim()
  .min(1, 'a phrase cannot be empty')
  .refine((s) => /[\p{L}\p{N}]/u.test(s), 'a phrase needs at least one letter or digit')
  .refine((s) => !/^(\.\.\.|~)|(\.\.\.|~)$/.test(s.trim()), '"..." and "~" go between words, not at the ends');

const phrases = z.array(phrase).default([]);

const urgentLists = z.strictObject({
  self_harm: phrases,
  chest_pain: phrases,
  breathing: phrases,
  stroke: phrases,
  fainting: phrases,
  fall: phrases,
  glucose_low: phrases,
  glucose_high: phrases,
  severe_pain: phrases,
  bleeding: phrases,
  overdose: phrases,
  other: phrases,
} satisfies Record<UrgentCategory, typeof phrases>);

const humanLists = z.strictObject({
  talk_to_person: phrases,
  medication: phrases,
  hospital_visit: phrases,
  symptoms: phrases,
  other: phrases,
} satisfies Record<HumanCategory, typeof phrases>);

export const vocabularySchema = z.strictObject({
  /** Bump when the lists change, so escalations can be traced to a version. */
  version: z.union([z.number(), z.string()]),
  /**
   * Named word classes, used in phrases as "@name": the concepts a red flag is
   * built from (means, saving verbs, death words, third persons…). A class may
   * use classes defined above it.
   */
  classes: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a class name is lowercase letters, digits and _'), phrases).default({}),
  urgent: urgentLists,
  human: humanLists,
  lowMood: phrases,
  /** Natural-language opt-outs ("stop texting me"); the standard keywords are built in. */
  optOut: phrases,
  negation: z.strictObject({
    /** Words that negate what follows ("no", "never", "sin"). */
    cues: phrases,
    /** Words allowed between a cue and the phrase ("don't HAVE ANY chest pain"). */
    bridges: phrases,
  }),
  /** Idioms that never escalate, and hide any red flag inside them ("dying to try"). */
  benign: phrases,
  /** Said after a red flag, these make it a resolved event: routine, not urgent ("but fine now"). */
  resolved: phrases,
  /** Anywhere in the same sentence, these make a red flag a past event: routine ("last year"). */
  past: phrases,
});

export type Vocabulary = z.output<typeof vocabularySchema>;
