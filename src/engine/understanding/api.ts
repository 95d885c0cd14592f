// The contract of reply understanding: pure functions over the patient's raw
// text. No I/O, no clock. Vocabulary (red flags, human requests, keywords) is
// data passed in, loaded from conversations/vocabulary.yaml by an adapter, so a
// care team can extend it without code changes.

export type Lang = 'en' | 'es';

/** Whole-message compliance keywords (and clear natural-language opt-outs). */
export type Keyword = 'opt_out' | 'opt_in' | 'help';

export type UrgentCategory =
  | 'self_harm'
  | 'chest_pain'
  | 'breathing'
  | 'stroke'
  | 'fainting'
  | 'fall'
  | 'glucose_low'
  | 'glucose_high'
  | 'severe_pain'
  | 'bleeding'
  | 'overdose'
  | 'other';

export type HumanCategory =
  | 'talk_to_person'
  | 'medication'
  | 'hospital_visit'
  | 'symptoms'
  | 'other';

export interface Evidence<C extends string> {
  category: C;
  /** The words that triggered it, for staff context. Never logged. */
  evidence: string;
}

/** Everything the global interrupts need to know about one inbound text. */
export interface ReplySignals {
  keyword: Keyword | null;
  urgent: Evidence<UrgentCategory> | null;
  /** Someone else's present emergency ("my husband is having chest pain"): a bystander's safety text. */
  bystander: Evidence<UrgentCategory> | null;
  human: Evidence<HumanCategory> | null;
  lowMood: { evidence: string } | null;
}

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'no_answer' | 'ambiguous' | 'out_of_range' };

export interface ChoiceOption {
  /** The option's key as saved in results, e.g. "time". */
  key: string;
  /** Its number in the menu as shown to the patient (1-based). */
  number: number;
  /** Words that select it, both languages mixed; matched case- and accent-insensitively. */
  synonyms: string[];
}
