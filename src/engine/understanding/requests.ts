// Routine escalations (human requests, care questions) and low mood. Phrases
// come from the vocabulary; benign idioms and negations ("no need to call me",
// "no me llamen") do not count.
import type { HumanCategory } from './api.js';
import type { CompiledVocabulary } from './compiled.js';
import type { Token } from './normalise.js';
import { liveMatches, type Finding, type Span } from './safety.js';
import { subjectOf } from './subject.js';

/** Categories about the patient's own health: someone else's hospital stay is not the patient's. */
const ABOUT_THE_PATIENT: ReadonlySet<HumanCategory> = new Set(['hospital_visit', 'symptoms']);

/** The first human category (in vocabulary order) with a live match. */
export function findHuman(tokens: Token[], vocab: CompiledVocabulary, benign: Span[]): Finding<HumanCategory> | null {
  for (const [category, patterns] of vocab.human) {
    const own = liveMatches(tokens, patterns, vocab, benign).live
      .filter((m) => !ABOUT_THE_PATIENT.has(category) || subjectOf(tokens, m, false) === 'patient');
    const m = own[0];
    if (m) return { category, start: m.start, end: m.end };
  }
  return null;
}

export function findLowMood(tokens: Token[], vocab: CompiledVocabulary, benign: Span[]): Span | null {
  return liveMatches(tokens, vocab.lowMood, vocab, benign).live[0] ?? null;
}
