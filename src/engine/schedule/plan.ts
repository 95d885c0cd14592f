// The care timeline's decisions as pure functions, shared by the service
// (app/timeline.ts, scheduler/start-due-checkins.ts, timeline-hooks.ts) and
// the simulator's journeys, so a journey scenario follows the real rules:
// first check-in 7-10 days after enrolment on the chosen weekday, refine in
// the refine weeks, reassess at the reassess week, then the next cycle;
// quiet hours move a due time to their end; a late check-in is missed.
import { nextSendableTime, type QuietWindow } from './quiet-hours.js';
import { checkinTime, firstWeekAfter, kindOfWeek, localDate, type CheckinKind, type Slot, type TimelineRules } from './schedule-math.js';

/** The service's defaults (config: FIRST_CHECKIN_AFTER_DAYS, REFINE_WEEKS, REASSESS_WEEK, STALE_CHECKIN_HOURS, QUIET_HOURS). */
export const DEFAULT_TIMELINE: TimelineRules = { firstCheckinAfterDays: 7, refineWeeks: { from: 4, to: 6 }, reassessWeek: 12 };
export const DEFAULT_STALE_CHECKIN_HOURS = 24;
export const DEFAULT_QUIET_HOURS: QuietWindow = { start: '21:00', end: '08:00' };

/** Unanswered check-ins in a row that make the care team reach out. */
export const NO_RESPONSE_ESCALATION_AFTER = 2;
export const NO_RESPONSE_REASON = 'Not responding for 2 weeks: please reach out';

export interface EnrollmentFacts {
  cycle: number;
  /** ISO date the cycle started (week 1 is the first slot at least firstCheckinAfterDays later). */
  cycleStart: string;
  slot: Slot;
  /** The check-in planned so far, if any. */
  next: { at: Date; week: number } | null;
  /** Highest week already recorded (started or missed) in `cycle`; 0 when none. */
  recordedWeek: number;
  /** A refine check-in was completed in `cycle`. */
  refineDone: boolean;
}

export interface PlannedCheckin {
  at: Date;
  week: number;
  kind: CheckinKind;
  cycle: number;
  cycleStart: string;
}

/**
 * The next check-in after `after`, never a week already recorded and never
 * before `minWeek`. A check-in that is due but still waiting (for a dialogue
 * or an escalation to end) keeps its week. Past the reassess week the next
 * cycle starts from `after`'s local date.
 */
export function planCheckin(facts: EnrollmentFacts, after: Date, minWeek: number, rules: TimelineRules, quiet: QuietWindow | null): PlannedCheckin {
  const { slot } = facts;
  const due = (at: Date) => nextSendableTime(at, slot.timezone, quiet);
  const waiting = facts.next !== null && facts.next.week > facts.recordedWeek && facts.next.at.getTime() <= after.getTime();
  let cycle = facts.cycle;
  let cycleStart = facts.cycleStart;
  let week = waiting ? facts.next!.week : Math.max(minWeek, facts.recordedWeek + 1, firstWeekAfter(cycleStart, slot, rules, after, due));
  if (week > rules.reassessWeek) {
    cycle += 1;
    cycleStart = localDate(after, slot.timezone);
    week = firstWeekAfter(cycleStart, slot, rules, after, due);
  }
  const refineDone = cycle === facts.cycle && facts.refineDone;
  return { at: due(checkinTime(cycleStart, week, slot, rules)), week, kind: kindOfWeek(week, rules, refineDone), cycle, cycleStart };
}

export type DueCheckin = 'not_due' | 'waiting' | 'missed' | 'deferred' | 'start';

/** What to do with a planned check-in now: `busy` is a dialogue in progress or an open escalation. */
export function dueCheckinAction(dueAt: Date | null, now: Date, busy: boolean, staleMs: number, timezone: string, quiet: QuietWindow | null): DueCheckin {
  if (!dueAt || dueAt.getTime() > now.getTime()) return 'not_due';
  if (busy) return 'waiting';
  if (now.getTime() - dueAt.getTime() > staleMs) return 'missed';
  if (nextSendableTime(now, timezone, quiet).getTime() > now.getTime()) return 'deferred';
  return 'start';
}

/** A check-in's status once its dialogue ended with `outcome`. */
export function checkinStatusFor(outcome: string | null): 'no_response' | 'escalated' | 'cancelled' | 'completed' {
  if (outcome === 'no_response' || outcome === 'expired') return 'no_response';
  if (outcome === 'escalated_urgent' || outcome === 'escalated_routine') return 'escalated';
  if (outcome === 'opted_out' || outcome === 'cancelled' || outcome === 'failed') return 'cancelled';
  return 'completed';
}

/** After a check-in's dialogue ends: whether it resets the silence count, counts one more, and escalates. */
export function afterCheckin(status: 'completed' | 'escalated' | 'no_response' | string, silentBefore: number): { silent: number; escalate: boolean } {
  if (status === 'completed' || status === 'escalated') return { silent: 0, escalate: false };
  if (status !== 'no_response') return { silent: silentBefore, escalate: false };
  const silent = silentBefore + 1;
  return { silent, escalate: silent % NO_RESPONSE_ESCALATION_AFTER === 0 };
}
