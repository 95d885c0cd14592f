// A vocabulary turned into patterns once and cached per vocabulary object
// (a WeakMap: no global state that outlives the vocabulary, and still pure).
import type { HumanCategory, UrgentCategory } from './api.js';
import { compilePhrase, type Pattern } from './match.js';
import { squeeze } from './normalise.js';
import type { Vocabulary } from './vocabulary.js';

export interface CompiledVocabulary {
  urgent: Array<[UrgentCategory, Pattern[]]>;
  human: Array<[HumanCategory, Pattern[]]>;
  lowMood: Pattern[];
  optOut: Pattern[];
  cues: Pattern[];
  bridges: Set<string>;
  benign: Pattern[];
  resolved: Pattern[];
  past: Pattern[];
}

const cache = new WeakMap<Vocabulary, CompiledVocabulary>();

const all = (list: readonly string[]): Pattern[] => list.map(compilePhrase);

export function compileVocabulary(vocab: Vocabulary): CompiledVocabulary {
  const hit = cache.get(vocab);
  if (hit) return hit;
  const compiled: CompiledVocabulary = {
    urgent: (Object.keys(vocab.urgent) as UrgentCategory[]).map((c) => [c, all(vocab.urgent[c])]),
    human: (Object.keys(vocab.human) as HumanCategory[]).map((c) => [c, all(vocab.human[c])]),
    lowMood: all(vocab.lowMood),
    optOut: all(vocab.optOut),
    cues: all(vocab.negation.cues),
    bridges: new Set(vocab.negation.bridges.flatMap((b) => b.toLowerCase().split(/\s+/).map(squeeze))),
    // Idioms hide red flags, so they match exactly (no typo tolerance): "hablare" must not hide "hablar".
    benign: all(vocab.benign).map((p) => ({ ...p, fuzzy: false })),
    resolved: all(vocab.resolved),
    past: all(vocab.past),
  };
  cache.set(vocab, compiled);
  return compiled;
}
