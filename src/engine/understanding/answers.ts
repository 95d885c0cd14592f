// Numeric answers: day counts ("3", "tres", "twice", "every day", "3 outta 5",
// "mon wed fri") and 0-10 ratings ("7/10", "a 7", "siete"). The rule is
// never guess: two different numbers, a vague quantity ("a few", "casi todos")
// or an exception ("every day except Monday") is a question back.
import type { ParseResult } from './api.js';
import { compilePhrase, findMatches, overlaps, type Match, type Pattern } from './match.js';
import { isContent, tokenize, squeeze, type Token } from './normalise.js';
import { MEASURES, NUMBER_WORDS, PAIN_WORDS, numberMentions } from './numbers.js';
import { namedDays } from './weekdays.js';

export interface Range {
  min: number;
  max: number;
}

const compile = (list: string[]): Pattern[] => list.map((s) => compilePhrase(s));

/** "all week" only in a short reply: "all week!" is 7, "it rained all week" is no count. */
const SHORT_ALL_DAYS = compile(['all week', 'toda la semana', 'the whole week', 'whole week']);
const ALL_DAYS = compile(['every day', 'everyday', 'every single day', 'each day', 'all days', 'all the days', 'all 7',
  'daily', '7 days a week', 'todos los dias', 'todo los dias', 'toditos los dias', 'cada dia', 'diario', 'diariamente', 'a diario']);
const ONE_DAY = compile(['only today', 'just today', 'solo hoy', 'nomas hoy', 'only yesterday', 'just yesterday']);
const ZERO = compile(['ni uno', 'ni una', 'ni un dia', 'ni una vez', 'not even one', 'not even once', 'not a one', 'no days', 'not once', 'not one', 'not a single', 'not any', 'not at all', 'didnt do it',
  'did not do it', 'didnt do any', 'didnt ... at all', 'did not ... at all', 'didnt ... this week', 'did not ... this week',
  'havent ... this week', 'not this week', 'havent been', 'havent walked', 'havent done', 'no he ... nada', 'no he hecho nada',
  'no pude ... nada', 'no camine', 'no hice nada', 'zero', 'ninguno', 'ninguna', 'ningun', 'ni un', 'ni una', 'no lo hice',
  'no ... esta semana', 'esta semana no', 'para nada', 'cero']);
const VAGUE = compile(['maybe', 'probably', 'perhaps', 'tal vez', 'quizas', 'quiza', 'a lo mejor', 'couple', 'few', 'several', 'some days', 'some of them', 'most days', 'most of the', 'most of them', 'half', 'every other day', 'almost',
  'nearly', 'not every day', 'not everyday', 'or so', 'at least', 'more than', 'less than', 'over {n}', 'under {n}', 'sometimes',
  'here and there', 'on and off', 'not sure', 'dont know', 'dont remember', 'cant remember',
  'varios', 'varias', 'algunos', 'algunas', 'unos dias', 'unos', 'pocos', 'pocas', 'casi', 'la mayoria', 'un par',
  'no se', 'no recuerdo', 'no me acuerdo', 'mas de', 'menos de', 'al menos', 'por lo menos', 'o asi']);
/** Vague only when nothing more precise is given ("5, skipped the weekend" is 5). */
const SOFT_VAGUE = compile(['weekdays', 'weekend', 'sometimes', 'a veces', 'entre semana', 'fin de semana', 'some']);
/** Zero only in a short reply or as its first words: "nothing this week" is 0, "coughed blood, probably nothing" is not. */
const SHORT_ZERO = compile(['none', 'nothing', 'nada', 'did none']);
const THIS_WEEK_WORDS = new Set(['this', 'esta', 'at', 'yet', 'todavia', 'aun', 'en'].map(squeeze));
const DAY_WORDS = new Set(['day', 'days', 'dia', 'dias', 'times', 'time', 'veces', 'vez', 'x', 'nights', 'noches', 'mornings', 'evenings',
  'mananas', 'tardes', 'afternoons', 'days', 'dayz', 'dys', 'ds', 'd'].map(squeeze));
const OTHER_WEEK = compile(['last week', 'the week before', 'week before', 'la semana pasada', 'semana anterior', 'la otra semana',
  'usually', 'normally', 'normalmente', 'antes', 'before that', 'next week', 'la proxima semana', 'la otra']);
/** "would of been 7": what might have been is not what was done. */
const COUNTERFACTUAL = compile(['would of', 'would have', 'wouldve', 'could of', 'could have', 'hubiera', 'hubieran', 'habria']);
const CLAUSE_SPLIT = new Set(['but', 'pero', 'and', 'y', 'then', 'luego'].map(squeeze));
const SHORT = 4;
/** "only" in Spanish ("dos días nada más"), not a zero. */
const NEUTRAL = compile(['nada mas', 'nomas', 'no mas', 'nothing else', 'nothing more', 'for once', 'por una vez']);
const AT_ALL = compile(['at all', 'para nada', 'en toda la semana']);
const NEGATIONS = new Set(['didnt', 'not', 'no', 'never', 'havent', 'cant', 'nunca', 'dont'].map(squeeze));
const EXCEPT = compile(['but the', 'except', 'excepto', 'menos', 'salvo', 'but not', 'other than', 'besides', 'aside from', 'apart from']);
const TIMES = compile(['once', 'twice', 'thrice', 'una vez', 'un dia', 'one time', 'two times']);
const TIMES_VALUE: Record<string, number> = { once: 1, twice: 2, thrice: 3, 'una vez': 1, 'un dia': 1, 'one time': 1, 'two times': 2 };

type Candidates = { values: number[]; vague: boolean };

function live(tokens: Token[], patterns: Pattern[], taken: Match[]): Match[] {
  return findMatches(tokens, patterns).filter((m) => !taken.some((t) => overlaps(t, m)));
}

function countCandidates(all: Token[], range: Range): Candidates {
  if (looksLikeCode(all)) return { values: [], vague: true };
  // A greeting is not an answer ("Happy Friday!"); nor is a question ("can you call me after 5?").
  if (all.filter(isContent).length <= 4 && findMatches(all, GREETINGS).length > 0) return { values: [], vague: false };
  const tokens = thisWeek(withoutQuestions(all));
  const vagueHits = findMatches(tokens, VAGUE);
  const values: number[] = [];
  const taken: Match[] = [...vagueHits, ...findMatches(tokens, NEUTRAL)];
  const wd = namedDays(tokens);
  if (!wd.derived) {
    const allWeek = tokens.filter(isContent).length <= SHORT ? live(tokens, SHORT_ALL_DAYS, taken) : [];
    for (const m of [...live(tokens, ALL_DAYS, taken), ...allWeek]) {
      values.push(range.max);
      taken.push(m);
    }
  }
  const content = tokens.filter(isContent);
  const alone = (m: Match): boolean => {
    const next = tokens[m.end];
    const first = content.indexOf(tokens[m.start] as Token) < 2;
    return (content.length <= SHORT || first) && (next === undefined || !isContent(next) || THIS_WEEK_WORDS.has(next.t));
  };
  const zeros = [...live(tokens, ZERO, taken), ...live(tokens, SHORT_ZERO, taken).filter(alone)];
  for (const m of zeros) {
    values.push(0);
    taken.push(m);
  }
  if (values.length === 0 && findMatches(tokens, AT_ALL).length > 0 && tokens.some((t) => NEGATIONS.has(t.t))) values.push(0);
  for (const m of live(tokens, ONE_DAY, taken)) {
    values.push(1);
    taken.push(m);
  }
  for (const m of live(tokens, TIMES, taken)) {
    values.push(TIMES_VALUE[m.pattern.source] ?? NaN);
    taken.push(m);
  }
  const skipAfter = new Set([...MEASURES, ...PAIN_WORDS]);
  const mentions = numberMentions(tokens, { words: NUMBER_WORDS, skipAfter, fuzzy: content.length <= 2 })
    .filter((n) => !taken.some((t) => n.index >= t.start && n.index < t.end));
  // "walked my 3 dogs 4 days", "6 days, my grandson came 2 of them": a number said with "days" is the answer.
  const withDays = mentions.filter((n) => DAY_WORDS.has(tokens[n.index + 1]?.t ?? ''));
  // A bare number standing on its own still counts against it ("walked 3 days and biked 2" is a question back).
  const bare = mentions.filter((n) => !withDays.includes(n) && !isContent(tokens[n.index + 1]));
  // "every day but the 2 days i had dialysis" is 5.
  const allBut = values.length === 1 && values[0] === range.max && findMatches(tokens, EXCEPT).length > 0 && withDays.length === 1;
  if (allBut) {
    values[0] = range.max - (withDays[0] as { value: number }).value;
    return { values, vague: false };
  }
  // A rating out of 10 is not a count of days ("like 6/10, did 2").
  const counted = (withDays.length > 0 ? [...withDays, ...bare] : mentions).filter((n) => n.outOf === null || n.outOf <= range.max);
  for (const n of counted) values.push(n.outOf !== null && n.value > n.outOf ? NaN : n.value);
  // A list of named days is a count ("mon wed fri" is 3; with "3 days" it agrees); one day named
  // alongside a number is incidental ("4 days, chest pain on Thursday"); a range or an exception is the answer.
  // One day named in a long reply is when something happened ("se murió mi mamá el martes"), not a count.
  const single = wd.listed === 0 && !wd.derived && content.length > SHORT;
  const named = wd.count !== null && !single && (wd.derived || wd.listed > 1 || values.length === 0);
  if (named) values.push(values.length === 0 || wd.derived ? (wd.count as number) : wd.listed);
  const except = !wd.derived && values.length > 0 && findMatches(tokens, EXCEPT).length > 0;
  const soft = values.length === 0 && findMatches(tokens, SOFT_VAGUE).length > 0;
  return { values, vague: vagueHits.length > 0 || wd.vague || except || soft };
}

const QUESTION_WORDS = new Set(['can', 'could', 'do', 'does', 'should', 'is', 'are', 'what', 'how', 'when', 'who', 'why', 'where', 'will',
  'puedo', 'puede', 'debo', 'debe', 'que', 'como', 'cuando', 'quien', 'donde', 'por'].map(squeeze));
const GREETINGS = compile(['happy', 'feliz', 'good morning', 'buenos dias', 'merry']);

/** The reply without its questions: "Walked 3 days. Can the nurse call me?" is 3. */
function withoutQuestions(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let sentence: Token[] = [];
  for (const tok of tokens) {
    sentence.push(tok);
    if (tok.kind !== 'break') continue;
    if (!(tok.t === '?' && sentence.some((t) => QUESTION_WORDS.has(t.t)))) out.push(...sentence);
    sentence = [];
  }
  out.push(...sentence);
  return out;
}

/** Markup, code or a signed number is not an answer anyone typed about their week ("<b>1</b>", "-1", "1; SELECT"). */
function looksLikeCode(tokens: Token[]): boolean {
  return tokens.some((t, i) => (t.t === '<' || t.t === '>' || t.t === '=' || t.t === '{' || t.t === '}')
    || (t.t === '-' && tokens[i + 1]?.kind === 'number' && tokens[i - 1]?.kind !== 'number' && tokens[i - 1]?.kind !== 'word'))
    || tokens.some((t, i) => t.kind === 'number' && tokens[i + 1]?.t === 'e' && tokens[i + 2]?.kind === 'number');
}

/** Only the part of the reply about this week: "5 last week, 3 this week" is 3; "tres días, la semana pasada fueron 6" is 3. */
function thisWeek(tokens: Token[]): Token[] {
  const clauses: Token[][] = [[]];
  for (const tok of tokens) {
    if (tok.kind === 'break' || tok.kind === 'comma' || CLAUSE_SPLIT.has(tok.t)) clauses.push([]);
    (clauses[clauses.length - 1] as Token[]).push(tok);
  }
  const other = (c: Token[]): boolean => findMatches(c, OTHER_WEEK).length > 0 || findMatches(c, COUNTERFACTUAL).length > 0;
  if (!clauses.some(other)) return tokens;
  const kept = clauses.filter((c) => !other(c));
  return kept.flat();
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

/** Markup, code, data or instructions to a machine: no count is read from them. */
const MACHINE_TEXT = /[<>{}=;]|\b(select|drop|insert|script|alert|null|undefined|instructions?|prompt)\b/i;

/** Days done this week (or any count in range). Never guesses. */
export function parseCount(text: string, range: Range): ParseResult<number> {
  if (MACHINE_TEXT.test(text)) return { ok: false, reason: 'ambiguous' };
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
