// Numeric answers: day counts ("3", "tres", "twice", "every day", "3 outta 5",
// "mon wed fri") and 0-10 ratings ("7/10", "a 7", "siete"). The rule is
// never guess: two different numbers, a vague quantity ("a few", "casi todos")
// or an exception ("every day except Monday") is a question back.
import type { ParseResult } from './api.js';
import { compilePhrase, findMatches, overlaps, type Match, type Pattern } from './match.js';
import { isContent, tokenize, squeeze, type Token } from './normalise.js';
import { MEASURES, NUMBER_WORDS, PAIN_WORDS, numberMentions } from './numbers.js';

export interface Range {
  min: number;
  max: number;
}

const compile = (list: string[]): Pattern[] => list.map(compilePhrase);

const ALL_DAYS = compile(['every day', 'everyday', 'every single day', 'each day', 'all week', 'all days', 'all the days',
  'daily', '7 days a week', 'todos los dias', 'todo los dias', 'toda la semana', 'cada dia', 'diario', 'diariamente', 'a diario']);
const ZERO = compile(['no days', 'not once', 'not one', 'not a single', 'not any', 'not at all', 'didnt do it',
  'did not do it', 'didnt do any', 'didnt ... at all', 'did not ... at all', 'didnt ... this week', 'did not ... this week',
  'havent ... this week', 'not this week', 'zero', 'ninguno', 'ninguna', 'ningun', 'ni un', 'ni una', 'no lo hice',
  'no ... esta semana', 'esta semana no', 'para nada', 'cero']);
const VAGUE = compile(['couple', 'few', 'several', 'some days', 'some of them', 'most days', 'most of the', 'most of them', 'half', 'every other day', 'almost',
  'nearly', 'not every day', 'not everyday', 'or so', 'at least', 'more than', 'less than', 'over {n}', 'under {n}', 'sometimes',
  'here and there', 'on and off', 'not sure', 'dont know', 'dont remember', 'cant remember',
  'varios', 'varias', 'algunos', 'algunas', 'unos dias', 'unos', 'pocos', 'pocas', 'casi', 'la mayoria', 'un par',
  'no se', 'no recuerdo', 'no me acuerdo', 'mas de', 'menos de', 'al menos', 'por lo menos', 'o asi']);
/** Vague only when nothing more precise is given ("5, skipped the weekend" is 5). */
const SOFT_VAGUE = compile(['weekdays', 'weekend', 'sometimes', 'a veces', 'entre semana', 'fin de semana', 'some']);
/** Zero only in a short reply or as its first words: "nothing this week" is 0, "coughed blood, probably nothing" is not. */
const SHORT_ZERO = compile(['none', 'nothing', 'nada', 'did none']);
const SHORT = 4;
/** "only" in Spanish ("dos días nada más"), not a zero. */
const NEUTRAL = compile(['nada mas', 'nomas', 'no mas', 'nothing else', 'nothing more']);
const AT_ALL = compile(['at all', 'para nada', 'en toda la semana']);
const NEGATIONS = new Set(['didnt', 'not', 'no', 'never', 'havent', 'cant', 'nunca', 'dont'].map(squeeze));
const EXCEPT = compile(['except', 'excepto', 'menos', 'salvo', 'but not', 'other than', 'besides', 'aside from', 'apart from']);
const TIMES = compile(['once', 'twice', 'thrice', 'una vez', 'un dia', 'one time', 'two times']);
const TIMES_VALUE: Record<string, number> = { once: 1, twice: 2, thrice: 3, 'una vez': 1, 'un dia': 1, 'one time': 1, 'two times': 2 };

const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, lunes: 1, tuesday: 2, tue: 2, tues: 2, martes: 2, wednesday: 3, wed: 3, miercoles: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, jueves: 4, friday: 5, fri: 5, viernes: 5, saturday: 6, sabado: 6,
  sunday: 7, domingo: 7,
};
const WEEKDAY = new Map(Object.entries(WEEKDAYS).map(([k, v]) => [squeeze(k), v]));
/** "sat" and "sun" are also words ("sat down", "the sun"): days only next to another day ("sat and sun"). */
const WEAK_WEEKDAYS: Record<string, number> = { sat: 6, sun: 7 };
const DAY_LINKS = new Set(['and', 'y', ',', '&', '+', '/']);
const RANGE_WORDS = new Set(['to', 'through', 'til', 'until', 'hasta', 'al', 'a', '-', 'since', 'desde']);

type Candidates = { values: number[]; vague: boolean };

function live(tokens: Token[], patterns: Pattern[], taken: Match[]): Match[] {
  return findMatches(tokens, patterns).filter((m) => !taken.some((t) => overlaps(t, m)));
}

/** Days named: "mon wed fri" -> 3. A range ("mon to fri") or a "but"/"except" makes it vague. */
function weekdays(tokens: Token[]): { count: number; listed: number; vague: boolean } {
  const days = new Set<number>();
  const listed = new Set<number>();
  let vague = false;
  const strong = (i: number): boolean => WEEKDAY.has(tokens[i]?.t ?? '');
  const weak = (i: number): number | undefined => WEAK_WEEKDAYS[tokens[i]?.t ?? ''];
  const isDay = (i: number): boolean => strong(i) || weak(i) !== undefined;
  const nextToDay = (i: number): boolean =>
    [-1, 1].some((s) => isDay(i + s) || (DAY_LINKS.has(tokens[i + s]?.t ?? '') && isDay(i + 2 * s)));
  tokens.forEach((tok, i) => {
    const d = WEEKDAY.get(tok.t) ?? (nextToDay(i) ? weak(i) : undefined);
    if (d === undefined) return;
    days.add(d);
    if (nextToDay(i)) listed.add(d);
    if (RANGE_WORDS.has(tokens[i - 1]?.t ?? '') && WEEKDAY.has(tokens[i - 2]?.t ?? '')) vague = true;
    if (tokens[i - 1]?.t === 'but') vague = true;
  });
  return { count: days.size, listed: listed.size, vague };
}

function countCandidates(tokens: Token[], range: Range): Candidates {
  const vagueHits = findMatches(tokens, VAGUE);
  const values: number[] = [];
  const taken: Match[] = [...vagueHits, ...findMatches(tokens, NEUTRAL)];
  for (const m of live(tokens, ALL_DAYS, taken)) {
    values.push(range.max);
    taken.push(m);
  }
  const content = tokens.filter(isContent);
  const leading = (m: Match): boolean => content.length <= SHORT || content.indexOf(tokens[m.start] as Token) < 2;
  const zeros = [...live(tokens, ZERO, taken), ...live(tokens, SHORT_ZERO, taken).filter(leading)];
  for (const m of zeros) {
    values.push(0);
    taken.push(m);
  }
  if (values.length === 0 && findMatches(tokens, AT_ALL).length > 0 && tokens.some((t) => NEGATIONS.has(t.t))) values.push(0);
  for (const m of live(tokens, TIMES, taken)) {
    values.push(TIMES_VALUE[m.pattern.source] ?? NaN);
    taken.push(m);
  }
  const skipAfter = new Set([...MEASURES, ...PAIN_WORDS]);
  for (const n of numberMentions(tokens, { words: NUMBER_WORDS, skipAfter })) {
    if (taken.some((t) => n.index >= t.start && n.index < t.end)) continue;
    values.push(n.outOf !== null && n.value > n.outOf ? NaN : n.value);
  }
  // A list of named days is a count ("mon wed fri" is 3; with "3 days" it agrees); one day named
  // alongside a number is incidental ("4 days, chest pain on Thursday").
  const wd = weekdays(tokens);
  const named = wd.listed > 1 || (wd.count > 0 && values.length === 0);
  if (named) values.push(values.length === 0 ? wd.count : wd.listed);
  const except = values.length > 0 && findMatches(tokens, EXCEPT).length > 0;
  const soft = values.length === 0 && findMatches(tokens, SOFT_VAGUE).length > 0;
  return { values, vague: vagueHits.length > 0 || (named && wd.vague) || except || soft };
}

function decide(c: Candidates, range: Range): ParseResult<number> {
  const distinct = [...new Set(c.values)];
  if (c.vague) return { ok: false, reason: 'ambiguous' };
  if (distinct.length === 0) return { ok: false, reason: 'no_answer' };
  const [value] = distinct;
  if (distinct.length > 1 || value === undefined || !Number.isInteger(value)) return { ok: false, reason: 'ambiguous' };
  if (value < range.min || value > range.max) return { ok: false, reason: 'out_of_range' };
  return { ok: true, value };
}

/** Days done this week (or any count in range). Never guesses. */
export function parseCount(text: string, range: Range): ParseResult<number> {
  return decide(countCandidates(tokenize(text), range), range);
}

const RATING_WORDS = new Map([...NUMBER_WORDS, ['once', 11]]);
const RATING_VAGUE = compile(['between', 'or so', 'at least', 'more than', 'less than', 'not sure', 'dont know', 'no se',
  'entre', 'mas o menos', 'o asi', 'al menos', 'mas de', 'menos de']);

/** A 0-10 style rating: "7", "7/10", "a 7", "siete", "about 8", "8 out of 10". */
export function parseRating(text: string, range: Range): ParseResult<number> {
  const tokens = tokenize(text);
  const values: number[] = [];
  for (const n of numberMentions(tokens, { words: RATING_WORDS, skipAfter: MEASURES })) {
    values.push(n.outOf !== null && n.outOf !== range.max ? NaN : n.value);
  }
  return decide({ values, vague: findMatches(tokens, RATING_VAGUE).length > 0 }, range);
}
