// Numbers in a reply: digits and number words (English and Spanish), with the
// context that says what a number is NOT: a duration ("45 minutes"), a time
// ("7:30"), an ordinal ("3rd"), a denominator ("3/5", "3 out of 5") or a
// measurement ("sugar 140", "bp 130/80").
import { isContent, squeeze, type Token } from './normalise.js';

const sq = (words: Record<string, number>): Map<string, number> =>
  new Map(Object.entries(words).map(([k, v]) => [squeeze(k), v]));

/** Number words shared by every parser. "once" differs per parser (1 time vs Spanish 11). */
export const NUMBER_WORDS = sq({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12,
  cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, doce: 12,
});

/** Words after a number that make it something other than an answer. */
export const UNITS = new Set(
  [
    'min', 'mins', 'minute', 'minutes', 'minuto', 'minutos', 'hr', 'hrs', 'hour', 'hours', 'hora', 'horas',
    'sec', 'secs', 'seconds', 'segundos', 'am', 'pm', 'steps', 'pasos', 'mile', 'miles', 'milla', 'millas',
    'km', 'kms', 'k', 'kilometers', 'kilometros', 'block', 'blocks', 'cuadra', 'cuadras', 'lb', 'lbs',
    'pound', 'pounds', 'libras', 'kg', 'kilos', 'laps', 'vueltas', 'reps', 'sets', 'pages', 'paginas',
    'years', 'year', 'anos', 'ano', 'months', 'month', 'meses', 'mes', 'weeks', 'semanas', 'g', 'grams',
    'gramos', 'mg', 'mmol', 'units', 'unidades', 'cups', 'tazas', 'glasses', 'vasos', 'ml', 'oz',
    'calories', 'calorias', 'st', 'nd', 'rd', 'th', 'oclock', 'percent', 'ciento', 'yrs', 'yr', 'yo', 'old', 'degrees',
    'degree', 'grados', 'f', 'dogs', 'dog', 'perros', 'kids', 'grandkids', 'nietos', 'pills', 'pastillas', 'floors', 'pisos',
    'stairs', 'flights', 'times a day', 'feet', 'ft', 'pies', 'metros', 'meters', 'mph', 'bpm', 'cal', 'kcal', 'am', 'pm',
  ].map(squeeze),
);

/** Words whose number is a measurement, not an answer. */
export const MEASURES = new Set(
  [
    'sugar', 'sugars', 'glucose', 'bs', 'bg', 'cbg', 'fbs', 'reading', 'readings', 'meter', 'glucometer',
    'azucar', 'glucosa', 'glucemia', 'glicemia', 'bp', 'pressure', 'presion', 'weight', 'weigh', 'weighed',
    'peso', 'pese', 'a1c', 'hba1c', 'pulse', 'pulso', 'heart', 'temp', 'temperature', 'temperatura', 'fever',
    'fiebre', 'oxygen', 'oxigeno', 'o2', 'sat', 'sats', 'spo2', 'insulin', 'insulina', 'age', 'edad',
  ].map(squeeze),
);

export const PAIN_WORDS = new Set(
  ['pain', 'pains', 'painful', 'hurt', 'hurts', 'hurting', 'ache', 'aches', 'aching', 'headache', 'migraine',
    'dolor', 'dolores', 'duele', 'dolia', 'jaqueca', 'migrana'].map(squeeze),
);

const DENOMINATOR_LINKS = new Set(['/', 'of', 'outa', 'de', 'sobre', 'from']);
const ARTICLES = new Set(['the', 'los', 'las', 'my', 'mis']);
/** "110-130", "110 to 130": the second number belongs with the first. */
const RANGE_LINKS = new Set(['-', 'to', 'and', 'or', '/', 'a', 'y', 'o']);
const MEASURE_REACH = 4;

export interface NumberMention {
  value: number;
  /** Token index. */
  index: number;
  /** The "5" of "3/5" or "3 out of 5", when given. */
  outOf: number | null;
}

/** Spanish spelled as it sounds ("sinco", "sero", "sies"). */
const SOUNDS_LIKE = sq({ sinco: 5, zinco: 5, sero: 0, sies: 6, seiz: 6, ciete: 7, diesz: 10, won: 1 });

/** One swap, one missing or one extra letter in a number word of 4+ letters, same first letter. */
/** Real words one letter from a number word: "did them for days" is no count. */
const NOT_TYPOS = new Set(['for', 'fore', 'fiver', 'tho', 'sevens', 'nice', 'then', 'ones', 'tens', 'teen', 'seis'].map(squeeze));

function typoOf(t: string, words: ReadonlyMap<string, number>): number | null {
  if (t.length < 3 || NOT_TYPOS.has(t)) return null;
  const heard = SOUNDS_LIKE.get(t);
  if (heard !== undefined) return heard;
  for (const [w, v] of words) {
    if (w.length < 4 || w[0] !== t[0] || Math.abs(w.length - t.length) > 1) continue;
    if (editDistanceOne(w, t)) return v;
  }
  return null;
}

function editDistanceOne(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.slice(i + 1) === b.slice(i + 1) && a.length === b.length) return true;
  if (a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i)) return true;
  return a.length === b.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Value of token i as a number (digits or a number word), or null. */
export function numberAt(tokens: Token[], i: number, words: ReadonlyMap<string, number>, fuzzy = false): number | null {
  const tok = tokens[i];
  if (tok === undefined) return null;
  if (tok.kind === 'number') return Number(tok.t);
  if (tok.kind === 'word') return words.get(tok.t) ?? (fuzzy ? typoOf(tok.t, words) : null);
  return null;
}

/** "I'm 82", "tengo 82 años", "at 60": an age, not an answer. */
const AGE_BEFORE = new Set(['im', 'am', 'age', 'aged', 'edad', 'at'].map(squeeze));

/** Index of the denominator after a number at i ("/ 5", "of 5", "out of 5", "outta 5", "de 5"), or -1. */
function denominatorIndex(tokens: Token[], i: number, words: ReadonlyMap<string, number>): number {
  let j = i + 1;
  if (tokens[j]?.t === 'out' && tokens[j + 1]?.t === 'of') j++;
  if (!DENOMINATOR_LINKS.has(tokens[j]?.t ?? '')) return -1;
  if (ARTICLES.has(tokens[j + 1]?.t ?? '')) j++;
  return numberAt(tokens, j + 1, words) !== null ? j + 1 : -1;
}

/** Is token i within `reach` content tokens after one of `words`? */
export function after(tokens: Token[], i: number, words: ReadonlySet<string>, reach: number): boolean {
  for (let k = 1; k <= reach; k++) {
    const tok = tokens[i - k];
    if (!isContent(tok)) return false;
    if (words.has(tok.t)) return true;
  }
  return false;
}

export interface MentionOptions {
  words: ReadonlyMap<string, number>;
  /** Also read number words with one typo ("fuor", "sevn", "sinco"): only where the reply is little more than the number. */
  fuzzy?: boolean;
  /** Skip numbers that follow these words (measurements). */
  skipAfter: ReadonlySet<string>;
}

/** The numbers a reply offers as answers, with durations, times, ordinals, denominators and measurements removed. */
export function numberMentions(tokens: Token[], options: MentionOptions): NumberMention[] {
  const mentions: NumberMention[] = [];
  const skip = new Set<number>();
  const measured = new Set<number>();
  tokens.forEach((tok, i) => {
    if (skip.has(i)) return;
    // A typed-as-heard number word counts when the reply is little more than it, or "days" follows ("tree days").
    const value = numberAt(tokens, i, options.words, options.fuzzy === true || /^(days?|dias?)$/.test(tokens[i + 1]?.t ?? ''));
    if (value === null) return;
    if (tok.kind === 'number' && AGE_BEFORE.has(tokens[i - 1]?.t ?? '')) return;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (next && (UNITS.has(next.t) || next.t === '%' || next.t === ':')) return;
    if (prev?.t === ':' && tokens[i - 2]?.kind === 'number') return;
    if (tok.kind === 'number' && value >= 1000) return;
    // "2 of my pills", "3 de mis pastillas": a number of things, not of days.
    if (next?.t === 'of' || next?.t === 'de') {
      const after = ARTICLES.has(tokens[i + 2]?.t ?? '') ? tokens[i + 3] : tokens[i + 2];
      if (after?.kind === 'word' && !options.words.has(after.t) && !/^(day|days|dia|dias|time|times|veces)$/.test(after.t)) return;
    }
    const d = denominatorIndex(tokens, i, options.words);
    const outOf = d >= 0 ? numberAt(tokens, d, options.words) : null;
    if (d >= 0) skip.add(d);
    const rangeEnd = RANGE_LINKS.has(prev?.t ?? '') && measured.has(i - 2);
    if (rangeEnd || after(tokens, i, options.skipAfter, MEASURE_REACH)) {
      measured.add(i);
      return;
    }
    mentions.push({ value, index: i, outOf });
  });
  return mentions;
}
