// Days of the week named in a reply, as a count of days done: a list
// ("mon wed fri" = 3), a range ("monday thru friday" = 5, "del lunes al
// viernes" = 5, "mon-thu" = 4), the whole week less exceptions ("every day but
// sunday" = 6, "todos menos martes y jueves" = 5) and the weekend or the
// weekdays on their own ("just the weekend" = 2, "entre semana" = 5).
import { compilePhrase, findMatches, type Pattern } from './match.js';
import { squeeze, type Token } from './normalise.js';

const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, lunes: 1, tuesday: 2, tue: 2, tues: 2, martes: 2, wednesday: 3, wed: 3, weds: 3, miercoles: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, jueves: 4, friday: 5, fri: 5, viernes: 5, saturday: 6, sabado: 6,
  sunday: 7, domingo: 7,
};
export const WEEKDAY = new Map(Object.entries(WEEKDAYS).map(([k, v]) => [squeeze(k), v]));
/** "sat" and "sun" are also words ("sat down", "the sun"): days only next to another day ("sat and sun"). */
const WEAK_WEEKDAYS: Record<string, number> = { sat: 6, sun: 7 };
const DAY_LINKS = new Set(['and', 'y', ',', '&', '+', '/', 'or', 'o', 'n']);
const RANGE_WORDS = new Set(['to', 'through', 'thru', 'til', 'till', 'until', 'hasta', 'al', 'a', '-']);
const compile = (list: string[]): Pattern[] => list.map((s) => compilePhrase(s));
/** The whole week, as a start for exceptions. */
const WHOLE_WEEK = compile(['every day', 'everyday', 'every night', 'every evening', 'each day', 'all week', 'all days', 'daily',
  'todos', 'todos los dias', 'todas las noches', 'toda la semana', 'cada dia', 'diario', 'all of them', 'all but']);
const EXCEPT = new Set(['except', 'excepto', 'menos', 'salvo', 'but', 'sin']);
const WEEKEND = compile(['weekend', 'weekends', 'fin de semana', 'fines de semana', 'sat and sun', 'sabado y domingo']);
const WEEKDAYS_ONLY = compile(['weekdays', 'week days', 'entre semana', 'work days', 'workdays', 'dias de semana']);

export interface NamedDays {
  /** A count of days when the reply names them unambiguously; null when it names none. */
  count: number | null;
  /** Named days could not be turned into one count ("mon or tue?"). */
  vague: boolean;
  /** How many distinct days are named in a list (two or more). */
  listed: number;
  /** The count comes from a range, an exception or "the weekend", not a list: it stands for the whole reply. */
  derived: boolean;
}

function dayAt(tokens: Token[], i: number): number | undefined {
  const t = tokens[i]?.t ?? '';
  const strong = WEEKDAY.get(t);
  if (strong !== undefined) return strong;
  const weak = WEAK_WEEKDAYS[t];
  if (weak === undefined) return undefined;
  const neighbour = (s: number): boolean => WEEKDAY.has(tokens[i + s]?.t ?? '') || WEAK_WEEKDAYS[tokens[i + s]?.t ?? ''] !== undefined
    || (DAY_LINKS.has(tokens[i + s]?.t ?? '') && (WEEKDAY.has(tokens[i + 2 * s]?.t ?? '') || WEAK_WEEKDAYS[tokens[i + 2 * s]?.t ?? ''] !== undefined))
    || (EXCEPT.has(tokens[i - 1]?.t ?? '') && s === -1) || (tokens[i - 1]?.t === 'el' && EXCEPT.has(tokens[i - 2]?.t ?? '') && s === -1);
  return neighbour(-1) || neighbour(1) ? weak : undefined;
}

/** Days named next to another day ("tue, thu and sat"): a list, not days mentioned in passing. */
function listedDays(tokens: Token[]): number {
  const listed = new Set<number>();
  tokens.forEach((_, i) => {
    const d = dayAt(tokens, i);
    if (d === undefined) return;
    const near = [-1, 1].some((s) => dayAt(tokens, i + s) !== undefined || (DAY_LINKS.has(tokens[i + s]?.t ?? '') && dayAt(tokens, i + 2 * s) !== undefined));
    if (near) listed.add(d);
  });
  return listed.size > 1 ? listed.size : 0;
}

export function namedDays(tokens: Token[]): NamedDays {
  const days = new Set<number>();
  let rangeDays: number | null = null;
  let exceptAt = -1;
  tokens.forEach((tok, i) => {
    const d = dayAt(tokens, i);
    if (d === undefined) {
      if (EXCEPT.has(tok.t) && exceptAt < 0) exceptAt = i;
      return;
    }
    // A range: "monday thru friday", "del lunes al viernes", "mon-thu".
    const link = tokens[i - 1]?.t ?? '';
    const from = dayAt(tokens, i - 2);
    if (RANGE_WORDS.has(link) && from !== undefined && exceptAt < 0) {
      rangeDays = d >= from ? d - from + 1 : 7 - from + d + 1;
      days.delete(from);
      return;
    }
    days.add(d);
  });
  const whole = findMatches(tokens, WHOLE_WEEK).length > 0 || /^(all|todos)$/.test(tokens[0]?.t ?? '');
  if (exceptAt >= 0 && whole) {
    const excluded = new Set<number>();
    tokens.forEach((_, i) => {
      const d = dayAt(tokens, i);
      if (i > exceptAt && d !== undefined) excluded.add(d);
    });
    if (excluded.size > 0) return { count: 7 - excluded.size, vague: false, listed: 0, derived: true };
    if (findMatches(tokens, WEEKEND).some((m) => m.start > exceptAt)) return { count: 5, vague: false, listed: 0, derived: true };
    return { count: null, vague: true, listed: 0, derived: false };
  }
  if (rangeDays !== null) return { count: days.size === 0 ? rangeDays : null, vague: days.size > 0, listed: 0, derived: days.size === 0 };
  if (days.size > 0) return { count: days.size, vague: false, listed: listedDays(tokens), derived: false };
  // "just the weekend" is 2 only on its own: "5, skipped the weekend" is 5; "weekdays, not weekends" asks.
  if (findMatches(tokens, WEEKEND).length > 0 && findMatches(tokens, WEEKDAYS_ONLY).length > 0) return { count: null, vague: true, listed: 0, derived: false };
  if (findMatches(tokens, WEEKEND).length > 0) return { count: 2, vague: false, listed: 0, derived: false };
  if (findMatches(tokens, WEEKDAYS_ONLY).length > 0) return { count: 5, vague: false, listed: 0, derived: false };
  return { count: null, vague: false, listed: 0, derived: false };
}
