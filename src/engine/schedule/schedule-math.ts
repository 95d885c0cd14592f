// The care timeline as pure date maths in the patient's own timezone.
// Weeks are counted with luxon's calendar arithmetic (plus({ weeks })), so a
// check-in keeps its local wall-clock time across DST changes; a local time
// that does not exist that day moves forward, an ambiguous one resolves once
// to its first occurrence (the earlier instant).
import { DateTime } from 'luxon';

export type CheckinKind = 'weekly-checkin' | 'refine' | 'reassess';

export interface TimelineRules {
  firstCheckinAfterDays: number;
  refineWeeks: { from: number; to: number };
  reassessWeek: number;
}

export interface Slot {
  /** ISO weekday 1 (Monday) .. 7 (Sunday). */
  weekday: number;
  /** Local "HH:MM". */
  time: string;
  timezone: string;
}

/** When week `week` (1-based) of a cycle that started on `cycleStart` (ISO date) is due. */
export function checkinTime(cycleStart: string, week: number, slot: Slot, rules: TimelineRules): Date {
  const [hour, minute] = slot.time.split(':').map(Number);
  const earliest = DateTime.fromISO(cycleStart, { zone: slot.timezone }).plus({ days: rules.firstCheckinAfterDays });
  const shift = (slot.weekday - earliest.weekday + 7) % 7;
  const firstDay = earliest.plus({ days: shift });
  const day = firstDay.plus({ weeks: week - 1 });
  const local = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: slot.timezone });
  // luxon picks either instant of an ambiguous local time; take the first, so the time is sent once and predictably.
  const first = Math.min(...local.getPossibleOffsets().map((at) => at.toMillis()), local.toMillis());
  return new Date(first);
}

export function kindOfWeek(week: number, rules: TimelineRules, refineDone: boolean): CheckinKind {
  if (week >= rules.reassessWeek) return 'reassess';
  if (!refineDone && week >= rules.refineWeeks.from && week <= rules.refineWeeks.to) return 'refine';
  return 'weekly-checkin';
}

/**
 * The first week of the cycle whose check-in is still ahead of `after`, or
 * `reassessWeek + 1` when the cycle is over. `adjust` maps a slot to when it
 * is really due (quiet hours move a slot to the end of the window).
 */
export function firstWeekAfter(cycleStart: string, slot: Slot, rules: TimelineRules, after: Date, adjust: (at: Date) => Date = (at) => at): number {
  let week = 1;
  while (week <= rules.reassessWeek && adjust(checkinTime(cycleStart, week, slot, rules)).getTime() <= after.getTime()) week += 1;
  return week;
}

/** Local calendar date (ISO) of an instant in a timezone. */
export function localDate(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
}

/** Local "ccc d LLL HH:mm" rendering for people (schedule listings). */
export function localLabel(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat("ccc d LLL yyyy HH:mm ZZZZ");
}
