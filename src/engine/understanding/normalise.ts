// Text normalisation shared by every parser. A reply becomes a list of tokens:
// lowercase, accents stripped ("azúcar" -> "azucar"), apostrophes dropped
// ("can't" -> "cant"), a few emoji turned into words. Each word is kept twice:
// as typed (`w`, for phrase matching, where "heeelp" matches "help" but "feel"
// never matches "fell") and squeezed (`t`, "heeelp" -> "help", "sleep" ->
// "slep", for lookups in the small fixed word lists the parsers use). Each
// token keeps its offsets in the original text so evidence quotes the patient.

export type TokenKind = 'word' | 'number' | 'symbol' | 'comma' | 'break';

export interface Token {
  /** Lookup key: squeezed letters for words, digits as written, the symbol itself. */
  t: string;
  /** The word as typed (lowercase, no accents); equals `t` for numbers and symbols. */
  w: string;
  kind: TokenKind;
  /** Offsets [from, to) in the original text. */
  from: number;
  to: number;
}

/** Emoji that carry meaning; every other pictograph is dropped (a space). */
const EMOJI_WORDS: Record<string, string> = {
  '👍': ' thumbsup ',
  '👎': ' thumbsdown ',
  '✅': ' checkmark ',
  '✔': ' checkmark ',
  '☑': ' checkmark ',
  '✓': ' checkmark ',
  '🩸': ' blood ',
  '🤮': ' vomiting ',
  '💊': ' pills ',
  '🏥': ' hospital ',
};

/** Shorthand and contractions, keyed by their squeezed form. */
const REWRITES_RAW: Record<string, string[]> = {
  cannot: ['cant'],
  cnt: ['cant'],
  couldnt: ['cant'],
  wanna: ['want', 'to'],
  gonna: ['going', 'to'],
  gotta: ['got', 'to'],
  u: ['you'],
  ur: ['your'],
  pls: ['please'],
  plz: ['please'],
  dnt: ['dont'],
  idk: ['i', 'dont', 'know'],
  abt: ['about'],
  thru: ['through'],
  tho: ['though'],
  xq: ['porque'],
  pq: ['porque'],
  q: ['que'],
  d: ['de'],
  bc: ['because'],
  pa: ['para'],
  enuf: ['enough'],
  nite: ['night'],
  tmrw: ['tomorrow'],
  tmr: ['tomorrow'],
  toy: ['estoy'],
  hubby: ['husband'],
  wifey: ['wife'],
  bout: ['about'],
  somethin: ['something'],
  nothin: ['nothing'],
  nuff: ['enough'],
  cuz: ['because'],
  ill: ['i', 'will'],
};

/** Runs of one letter a-z become one letter ("heeelp" -> "help"); anything else is kept as is. */
export function squeeze(word: string): string {
  // Same result as word.replace(/([a-z])\1+/g, '$1'), without a regex or a new
  // string for the common word that has no doubled letter (this runs for every
  // token against every phrase).
  const n = word.length;
  let i = 1;
  while (i < n && !doubledLetter(word, i)) i++;
  if (i >= n) return word;
  let out = word.slice(0, i);
  for (i += 1; i < n; i++) if (!doubledLetter(word, i)) out += word[i];
  return out;
}

/** Is word[i] a letter a-z equal to the one before it? */
function doubledLetter(word: string, i: number): boolean {
  const c = word.charCodeAt(i);
  return c >= 97 && c <= 122 && c === word.charCodeAt(i - 1);
}

/** Is `typed` the word `p` with letters held down ("heeelp" for "help", "yess" for "yes")? "fell" is not "feel". */
export function elongates(typed: string, p: string): boolean {
  if (typed === p) return true;
  if (typed.length <= p.length || squeeze(typed) !== squeeze(p)) return false;
  const runs = (s: string): number[] => s.match(/(.)\1*/g)?.map((r) => r.length) ?? [];
  const a = runs(typed);
  const b = runs(p);
  return a.length === b.length && a.every((n, i) => n >= (b[i] ?? 0));
}

const REWRITES = new Map<string, string[]>(Object.entries(REWRITES_RAW).map(([k, v]) => [squeeze(k), v]));

const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f\u20e3]/u;
const APOSTROPHE = /['’‘`´]/;

/** Invisible characters that split words ("S\u200bTOP"): removed. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u180e]/u;
/** Letters that look Latin but are not (Cyrillic and Greek look-alikes typed to dodge filters, or by keyboards). */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u',
};

/** Lowercased, accent-free text plus, for each output character, its span in the original. */
function fold(text: string): { s: string; from: number[]; to: number[] } {
  let s = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const end = i + ch.length;
    let out: string;
    const code = ch.charCodeAt(0);
    // Plain ASCII (nearly every text) needs no Unicode folding.
    if (code < 128 && code !== 39 && code !== 96) {
      out = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      s += out;
      from.push(i);
      to.push(end);
      i = end;
      continue;
    }
    const emoji = EMOJI_WORDS[ch];
    if (emoji !== undefined) out = emoji;
    else if (PICTOGRAPH.test(ch)) out = ' ';
    else if (APOSTROPHE.test(ch) || INVISIBLE.test(ch)) out = '';
    else {
      // NFKC first: full-width "ＳＴＯＰ" and "５" become STOP and 5.
      const lower = ch.normalize('NFKC').toLowerCase();
      out = [...lower].map((c) => LOOK_ALIKES[c] ?? c).join('').normalize('NFD').replace(/\p{M}/gu, '');
    }
    for (const o of out) {
      s += o;
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  return { s, from, to };
}

const TOKEN = /\d+(?:\.\d+)?|[a-z]+|[.!?;\n]+|,|[:/\-%#()+<>=~]/g;

/** Splits a reply into tokens. Pure; never throws. */
export function tokenize(text: string): Token[] {
  const { s, from, to } = fold(text);
  const tokens: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    const span = { from: from[start] ?? 0, to: to[start + raw.length - 1] ?? 0 };
    if (/^\d/.test(raw)) tokens.push({ t: raw, w: raw, kind: 'number', ...span });
    else if (/^[a-z]/.test(raw)) {
      const rewrite = REWRITES.get(squeeze(raw));
      if (rewrite) for (const w of rewrite) tokens.push({ t: squeeze(w), w, kind: 'word', ...span });
      else tokens.push({ t: squeeze(raw), w: raw, kind: 'word', ...span });
    } else if (raw === ',') tokens.push({ t: ',', w: ',', kind: 'comma', ...span });
    else if (/^[.!?;\n]/.test(raw)) {
      const b = raw.includes('?') ? '?' : '.';
      tokens.push({ t: b, w: b, kind: 'break', ...span });
    } else tokens.push({ t: raw, w: raw, kind: 'symbol', ...span });
  }
  return mergeCanNot(tokens);
}

/** "can not" -> "cant", so phrases need one spelling. */
function mergeCanNot(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const tok of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.t === 'can' && tok.t === 'not') out[out.length - 1] = { ...prev, t: 'cant', w: 'cant', to: tok.to };
    else out.push(tok);
  }
  return out;
}

/** A content token is one a phrase may match (not a break or comma). */
export function isContent(tok: Token | undefined): tok is Token {
  return tok !== undefined && tok.kind !== 'break' && tok.kind !== 'comma';
}

/** The original words behind tokens [start, end). */
export function quote(text: string, tokens: Token[], start: number, end: number): string {
  const a = tokens[start];
  const b = tokens[Math.max(start, end - 1)];
  return a && b ? text.slice(a.from, b.to) : '';
}
