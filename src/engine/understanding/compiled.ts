// A vocabulary turned into patterns once and cached per vocabulary object
// (a WeakMap: no global state that outlives the vocabulary, and still pure).
import type { HumanCategory, UrgentCategory } from './api.js';
import { compilePhrase, type Pattern, type WordClasses } from './match.js';
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

/**
 * Word classes compile in file order, so a class may use the classes above it
 * ("@die" inside "death_wish"); an entry of 5+ letters forgives one typo.
 */
export function compileClasses(classes: Readonly<Record<string, readonly string[]>>): WordClasses {
  const out = new Map<string, Pattern[]>();
  for (const [name, entries] of Object.entries(classes)) {
    out.set(name, entries.map((e) => {
      const p = compilePhrase(e, out);
      const single = p.elements.length === 1 && p.elements[0]?.kind === 'word';
      return single && !p.elements.some((x) => x.kind === 'word' && x.prefix) ? { ...p, fuzzy: (p.elements[0] as { w: string }).w.length >= 5 } : p;
    }));
  }
  return out;
}

export function compileVocabulary(vocab: Vocabulary): CompiledVocabulary {
  const hit = cache.get(vocab);
  if (hit) return hit;
  const classes = compileClasses(vocab.classes);
  const all = (list: readonly string[]): Pattern[] => list.map((p) => compilePhrase(p, classes));
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
