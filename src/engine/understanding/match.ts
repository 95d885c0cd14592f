// Phrase patterns, the little language of conversations/vocabulary.yaml:
//   words in order            "chest pain"
//   "..." = up to 3 words     "chest ... tight"   (chest feels really tight)
//   "*" at the end of a word  "suicid*"           (suicide, suicidal, suicidarme)
//   "{n}" = any number        "{n} kms"
// Matching forgives what patients type: case, accents, repeated letters,
// missing spaces ("chestpain"), split words ("my self"), one typo in a long
// word ("brething", "breath" for "breathe") and a swapped pair ("pian").
import { elongates, isContent, squeeze, tokenize, type Token } from './normalise.js';

export type Element =
  | { kind: 'word'; w: string; prefix: boolean }
  | { kind: 'number' }
  | { kind: 'gap'; max: number };

export interface Pattern {
  source: string;
  elements: Element[];
  /** Typos allowed: multi-word phrases, or single words of 7+ letters. */
  fuzzy: boolean;
  /** The phrase without spaces, for "ihavechestpain"; null when it has gaps, prefixes or numbers. */
  compact: string | null;
}

/** Where a pattern matched: token indices [start, end). */
export interface Match {
  start: number;
  end: number;
  pattern: Pattern;
}

const GAP_MAX = 3;
/** A gap never skips a negation: "breathing ... bad" must not match "breathing is not bad". */
const GAP_STOPS = new Set(['no', 'not', 'never', 'isnt', 'wasnt', 'arent', 'dont', 'doesnt', 'didnt', 'aint', 'ni', 'sin', 'nunca', 'without']);

export function compilePhrase(source: string): Pattern {
  const elements: Element[] = [];
  source.split('...').forEach((part, i) => {
    if (i > 0) elements.push({ kind: 'gap', max: GAP_MAX });
    for (const word of part.trim().split(/\s+/).filter(Boolean)) {
      if (word === '{n}') {
        elements.push({ kind: 'number' });
        continue;
      }
      const prefix = word.endsWith('*');
      const toks = tokenize(prefix ? word.slice(0, -1) : word).filter(isContent);
      toks.forEach((tok, j) => elements.push({ kind: 'word', w: tok.w, prefix: prefix && j === toks.length - 1 }));
    }
  });
  const words = elements.filter((e): e is Extract<Element, { kind: 'word' }> => e.kind === 'word');
  const plain = words.length === elements.length && words.every((w) => !w.prefix);
  const compact = plain ? words.map((w) => w.w).join('') : null;
  const fuzzy = words.length >= 2 || (words[0]?.w.length ?? 0) >= 7;
  return { source, elements, fuzzy, compact: compact && compact.length >= 8 ? compact : null };
}

/** Is the Damerau-Levenshtein distance between a and b at most 1? */
function distanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (restA === restB) return true; // substitution
  if (a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i)) return true; // insertion / deletion
  return a.length === b.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** A typo of a phrase word: same first letter; 5+ letters: one edit; 4 letters: one swap. */
export function near(p: string, t: string): boolean {
  if (p === t) return true;
  if (/\d/.test(p) || /\d/.test(t) || p[0] !== t[0]) return false;
  if (p.length >= 5) return distanceAtMostOne(p, t);
  if (p.length === 4 && t.length === 4) return distanceAtMostOne(p, t) && [...p].sort().join('') === [...t].sort().join('');
  return false;
}

function wordEq(el: { w: string; prefix: boolean }, t: string, fuzzy: boolean): boolean {
  if (el.prefix) return squeeze(t).startsWith(squeeze(el.w));
  return elongates(t, el.w) || (fuzzy && near(el.w, t));
}

function matchAt(p: Pattern, ei: number, tokens: Token[], ti: number): number {
  const el = p.elements[ei];
  if (el === undefined) return ti;
  const tok = tokens[ti];
  if (el.kind === 'gap') {
    for (let k = 0; k <= el.max; k++) {
      const skipped = tokens[ti + k - 1];
      if (k > 0 && (!isContent(skipped) || GAP_STOPS.has(skipped.t))) break;
      const r = matchAt(p, ei + 1, tokens, ti + k);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (!isContent(tok)) return -1;
  if (el.kind === 'number') return tok.kind === 'number' ? matchAt(p, ei + 1, tokens, ti + 1) : -1;
  // Every way below needs the token to start with the phrase word's first
  // letter (elongation, a typo, joined or split words all keep it): skip the
  // rest, which dominates the cost of matching, when it does not.
  if (el.w.length > 0 && tok.w.length > 0 && tok.w.charCodeAt(0) !== el.w.charCodeAt(0)) return -1;
  if (wordEq(el, tok.w, p.fuzzy)) {
    const r = matchAt(p, ei + 1, tokens, ti + 1);
    if (r >= 0) return r;
  }
  // Missing space: one token holds several phrase words ("chestpain").
  let joined = el.w;
  let shortest = el.w.length;
  for (let k = 1; k < 4; k++) {
    const next = p.elements[ei + k];
    if (next?.kind !== 'word' || next.prefix) break;
    joined += next.w;
    shortest = Math.min(shortest, next.w.length);
    // A typo is forgiven only when every joined word is 3+ letters: "tropece y" is not "tropece".
    if (elongates(tok.w, joined) || (p.fuzzy && shortest >= 3 && joined.length >= 6 && near(joined, tok.w))) {
      const r = matchAt(p, ei + k + 1, tokens, ti + 1);
      if (r >= 0) return r;
    }
  }
  // Extra space: two tokens make one phrase word ("my self").
  const after = tokens[ti + 1];
  if (!el.prefix && isContent(after) && tok.kind === 'word' && after.kind === 'word' && elongates(tok.w + after.w, el.w)) {
    return matchAt(p, ei + 1, tokens, ti + 2);
  }
  return -1;
}

/** Every place a pattern matches (overlaps allowed), in token order. */
export function findMatches(tokens: Token[], patterns: readonly Pattern[]): Match[] {
  const found: Match[] = [];
  for (const pattern of patterns) {
    for (let ti = 0; ti < tokens.length; ti++) {
      const tok = tokens[ti];
      const end = matchAt(pattern, 0, tokens, ti);
      if (end > ti) found.push({ start: ti, end, pattern });
      else if (pattern.compact && tok?.kind === 'word' && tok.w.length > pattern.compact.length && tok.w.includes(pattern.compact)) {
        found.push({ start: ti, end: ti + 1, pattern });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
