// Phrase patterns, the little language of conversations/vocabulary.yaml:
//   words in order            "chest pain"
//   "..." = up to 3 words     "chest ... tight"   (chest feels really tight)
//   "~" = further in the same sentence (up to 10 words, commas allowed)
//                             "sangr* ~ no para"  (sangrando de la nariz hace una hora y no para)
//   "*" at the end of a word  "suicid*"           (suicide, suicidal, suicidarme)
//   "{n}" = any number        "{n} kms"
//   "@name" = any entry of the word class `name` ("@save ... @means" matches
//   "saving up my pain pills" and "juntando las pastillas"); an entry may be
//   several words, a prefix ("stockpil*") or a phrase with gaps.
// Matching forgives what patients type: case, accents, repeated letters,
// missing spaces ("chestpain"), split words ("my self"), one typo in a long
// word ("brething", "breath" for "breathe") and a swapped pair ("pian").
import { elongates, isContent, squeeze, tokenize, type Token } from './normalise.js';

export type Element =
  | { kind: 'word'; w: string; prefix: boolean; /** `w` squeezed, computed once. */ sq: string }
  | { kind: 'number' }
  | { kind: 'gap'; max: number; commas: boolean }
  | { kind: 'class'; name: string; alts: Pattern[]; /** The alts by the first letter they can match ("" for any). */ byFirst: Map<string, Pattern[]> };

/** Word classes by name, each entry already compiled. */
export type WordClasses = ReadonlyMap<string, Pattern[]>;
const NO_CLASSES: WordClasses = new Map();

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
const MIN_COMPACT = 8;
const LONG_GAP_MAX = 10;
/** A gap never skips a negation: "breathing ... bad" must not match "breathing is not bad". */
const GAP_STOPS = new Set(['no', 'not', 'never', 'isnt', 'wasnt', 'arent', 'dont', 'doesnt', 'didnt', 'aint', 'ni', 'sin', 'nunca', 'without']);

export function compilePhrase(source: string, classes: WordClasses = NO_CLASSES): Pattern {
  const elements: Element[] = [];
  source.split(/(\.\.\.|~)/).forEach((part, i, parts) => {
    if (part === '...' || part === '~') return;
    if (i > 0) elements.push(parts[i - 1] === '~' ? { kind: 'gap', max: LONG_GAP_MAX, commas: true } : { kind: 'gap', max: GAP_MAX, commas: false });
    for (const word of part.trim().split(/\s+/).filter(Boolean)) {
      if (word === '{n}') {
        elements.push({ kind: 'number' });
        continue;
      }
      if (word.startsWith('@')) {
        const alts = classes.get(word.slice(1));
        if (!alts) throw new Error(`unknown word class ${word} in "${source}"`);
        elements.push({ kind: 'class', name: word.slice(1), alts, byFirst: groupByFirst(alts) });
        continue;
      }
      const prefix = word.endsWith('*');
      const toks = tokenize(prefix ? word.slice(0, -1) : word).filter(isContent);
      toks.forEach((tok, j) => elements.push({ kind: 'word', w: tok.w, sq: tok.t, prefix: prefix && j === toks.length - 1 }));
    }
  });
  const words = elements.filter((e): e is Extract<Element, { kind: 'word' }> => e.kind === 'word');
  const plain = words.length === elements.length && words.every((w) => !w.prefix);
  const compact = plain ? words.map((w) => w.w).join('') : null;
  const fuzzy = words.length >= 2 || (words[0]?.w.length ?? 0) >= 7;
  return { source, elements, fuzzy, compact: compact && compact.length >= MIN_COMPACT ? compact : null };
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

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const hasDigit = (s: string): boolean => { for (const c of s) if (isDigit(c)) return true; return false; };

/** A typo of a phrase word: same first letter; 5+ letters: one edit; 4 letters: one swap. */
export function near(p: string, t: string): boolean {
  if (p === t) return true;
  if (p[0] !== t[0] || Math.abs(p.length - t.length) > 1 || hasDigit(p) || hasDigit(t)) return false;
  if (p.length >= 5) return distanceAtMostOne(p, t);
  if (p.length === 4 && t.length === 4) return distanceAtMostOne(p, t) && [...p].sort().join('') === [...t].sort().join('');
  return false;
}

/** Hot path: token and element both carry their squeezed forms, so nothing is squeezed here. */
function wordEq(el: { w: string; sq: string; prefix: boolean }, tok: Token, fuzzy: boolean): boolean {
  if (el.prefix) return tok.t.startsWith(el.sq);
  if (tok.w === el.w) return true;
  if (tok.t === el.sq && tok.w.length > el.w.length && elongates(tok.w, el.w)) return true;
  // Dropped endings as people say them: "walkin" for walking, "enredao" for enredado.
  const lw = el.w.length;
  if (lw === tok.w.length + 1 && tok.w.length >= 4 && el.w.endsWith('ing') && el.w.startsWith(tok.w)) return true;
  if (lw === tok.w.length + 1 && tok.w.length >= 4 && el.w.endsWith('ado') && tok.w.endsWith('ao') && el.w.startsWith(tok.w.slice(0, -1))) return true;
  return fuzzy && near(el.w, tok.w);
}

function matchAt(p: Pattern, ei: number, tokens: Token[], ti: number): number {
  const el = p.elements[ei];
  if (el === undefined) return ti;
  const tok = tokens[ti];
  if (el.kind === 'gap') {
    for (let k = 0; k <= el.max; k++) {
      const skipped = tokens[ti + k - 1];
      const passable = isContent(skipped) || (el.commas && (skipped as Token | undefined)?.kind === 'comma');
      if (k > 0 && (!passable || GAP_STOPS.has((skipped as Token).t))) break;
      const r = matchAt(p, ei + 1, tokens, ti + k);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (!isContent(tok)) return -1;
  if (el.kind === 'class') {
    for (const group of [el.byFirst.get(tokenKey(tok)), el.byFirst.get('')]) {
      if (group) for (const alt of group) {
        const end = matchAt(alt, 0, tokens, ti);
        if (end > ti) {
          const r = matchAt(p, ei + 1, tokens, end);
          if (r >= 0) return r;
        }
      }
    }
    return -1;
  }
  if (el.kind === 'number') return tok.kind === 'number' ? matchAt(p, ei + 1, tokens, ti + 1) : -1;
  if (wordEq(el, tok, p.fuzzy)) {
    const r = matchAt(p, ei + 1, tokens, ti + 1);
    if (r >= 0) return r;
  }
  if (tok.kind !== 'word') return -1;
  // Missing space: one token holds several phrase words ("chestpain").
  if (tok.w.length > el.w.length && tok.w[0] === el.w[0]) return joinedAt(p, ei, tokens, ti);
  // Extra space: two tokens make one phrase word ("my self").
  const after = tokens[ti + 1];
  if (!el.prefix && isContent(after) && after.kind === 'word' && el.sq.startsWith(tok.t) && elongates(tok.w + after.w, el.w)) {
    return matchAt(p, ei + 1, tokens, ti + 2);
  }
  return -1;
}

/** One token holding phrase words ei, ei+1, … run together. */
function joinedAt(p: Pattern, ei: number, tokens: Token[], ti: number): number {
  const el = p.elements[ei] as Extract<Element, { kind: 'word' }>;
  const tok = tokens[ti] as Token;
  // Cheap filter first: the token must begin like the first word (two letters, squeezed).
  if (!tok.t.startsWith(el.sq.slice(0, 2))) return -1;
  let joined = el.w;
  let shortest = el.w.length;
  for (let k = 1; k < 4; k++) {
    const next = p.elements[ei + k];
    if (next?.kind !== 'word' || next.prefix) break;
    joined += next.w;
    // Joined words only grow: once longer than the token (and a typo's one letter), nothing can match.
    if (joined.length > tok.w.length + 1) break;
    shortest = Math.min(shortest, next.w.length);
    // A typo is forgiven only when every joined word is 3+ letters: "tropece y" is not "tropece".
    const exact = joined.length <= tok.w.length && tok.t === squeeze(joined) && elongates(tok.w, joined);
    if (exact || (p.fuzzy && shortest >= 3 && joined.length >= 6 && near(joined, tok.w))) {
      const r = matchAt(p, ei + k + 1, tokens, ti + 1);
      if (r >= 0) return r;
    }
  }
  return -1;
}

/**
 * The keys a pattern's first token can have: its first two (squeezed) letters,
 * and the first and third for a typo at the second letter ("cehst", "chst");
 * "#" for a number; null when it can start anywhere. Every way a word matches
 * (held letters, joined or split words, a typo after the first letter, a
 * prefix, a dropped "g") keeps one of these keys.
 */
function firstKeys(p: Pattern): Set<string> | null {
  const el = p.elements[0];
  if (el === undefined || el.kind === 'gap') return null;
  if (el.kind === 'number') return new Set(['#']);
  if (el.kind === 'word') {
    const w = el.sq;
    if (w.length < 3 || el.prefix) return new Set([w.slice(0, 2)]);
    return new Set([w.slice(0, 2), w.charAt(0) + w.charAt(2)]);
  }
  const out = new Set<string>();
  for (const alt of el.alts) {
    const f = firstKeys(alt);
    if (f === null) return null;
    for (const c of f) out.add(c);
  }
  return out;
}

/** A token's key (see firstKeys). */
export function tokenKey(tok: Token): string {
  return tok.kind === 'number' ? '#' : tok.t.slice(0, 2);
}

/** Patterns by each key their first token can have; "" holds those that can start anywhere. */
function groupByFirst(patterns: readonly Pattern[]): Map<string, Pattern[]> {
  const out = new Map<string, Pattern[]>();
  for (const p of patterns) {
    const first = firstKeys(p);
    for (const c of first ?? ['']) out.set(c, [...(out.get(c) ?? []), p]);
  }
  return out;
}

interface PatternIndex {
  byFirst: Map<string, Pattern[]>;
  any: Pattern[];
  compact: Pattern[];
}

const indexes = new WeakMap<readonly Pattern[], PatternIndex>();

/** Patterns grouped by the first letter they can match: a token is tried only against its own group. */
function indexOf(patterns: readonly Pattern[]): PatternIndex {
  const hit = indexes.get(patterns);
  if (hit) return hit;
  const index: PatternIndex = { byFirst: new Map(), any: [], compact: patterns.filter((p) => p.compact !== null) };
  for (const p of patterns) {
    const first = firstKeys(p);
    if (first === null) index.any.push(p);
    else for (const c of first) index.byFirst.set(c, [...(index.byFirst.get(c) ?? []), p]);
  }
  indexes.set(patterns, index);
  return index;
}

/** Every place a pattern matches (overlaps allowed), in token order. Linear in the text for a fixed vocabulary. */
export function findMatches(tokens: Token[], patterns: readonly Pattern[]): Match[] {
  const index = indexOf(patterns);
  const found: Match[] = [];
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti] as Token;
    if (!isContent(tok)) continue;
    const group = index.byFirst.get(tokenKey(tok));
    if (group) for (const pattern of group) {
      const end = matchAt(pattern, 0, tokens, ti);
      if (end > ti) found.push({ start: ti, end, pattern });
    }
    for (const pattern of index.any) {
      const end = matchAt(pattern, 0, tokens, ti);
      if (end > ti) found.push({ start: ti, end, pattern });
    }
    // A run-together phrase ("ihavechestpain") is 8+ letters: short tokens cannot hold one.
    if (tok.kind !== 'word' || tok.w.length <= MIN_COMPACT) continue;
    for (const pattern of index.compact) {
      const c = pattern.compact as string;
      if (tok.w.length > c.length && tok.w.includes(c) && !found.some((m) => m.start === ti && m.pattern === pattern)) {
        found.push({ start: ti, end: ti + 1, pattern });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
