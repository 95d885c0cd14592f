// Keeps each enrollment's next check-in (time, week, kind) in its row, so the
// scheduler only has to claim rows that are due. The rule itself is pure
// (engine/schedule/plan.ts), shared with the simulator's journeys.
import { hasCompletedCheckin } from '../adapters/db/repositories/checkins.js';
import { findEnrollment, updateEnrollment, type Enrollment } from '../adapters/db/repositories/patients.js';
import { lastCheckinWeek } from '../adapters/db/repositories/schedule.js';
import type { PatientTx } from './patient-tx.js';
import { nextSendableTime, type QuietWindow } from '../engine/schedule/quiet-hours.js';
import { checkinTime, firstWeekAfter, kindOfWeek, localDate, type CheckinKind, type Slot, type TimelineRules } from '../engine/schedule/schedule-math.js';

import type { PlannedCheckin } from '../engine/schedule/plan.js';
export type { PlannedCheckin };

/**
 * Plans the next check-in after `after` (default now), never a week already
 * recorded and never before `minWeek`. A check-in that is due but still
 * waiting (for a dialogue or an escalation to end) keeps its week, so
 * replanning for another reason (a name change, a session ending, a new slot)
 * does not drop it. Patients who are not active have none.
 */
export async function planNextCheckin(ctx: PatientTx, after: Date = ctx.now, minWeek = 1): Promise<PlannedCheckin | null> {
  const { tx, patient } = ctx;
  const enrollment = await findEnrollment(tx, patient.id);
  if (!enrollment) return null;
  if (patient.status !== 'active') {
    await updateEnrollment(tx, patient.id, { next_checkin_at: null, next_checkin_week: null, next_checkin_kind: null, updated_at: ctx.now });
    return null;
  }
  const rules = ctx.deps.settings.timeline;
  const recorded = await lastCheckinWeek(tx, patient.id, enrollment.cycle);
  const { cycle, cycleStart, week, due } = nextWeek(enrollment, patient.timezone, recorded, after, minWeek, rules, ctx.deps.settings.quietHours);
  const refineDone = cycle === enrollment.cycle && (await hasCompletedCheckin(tx, patient.id, cycle, 'refine'));
  const planned: PlannedCheckin = { at: due(checkinTime(cycleStart, week, slotOf(enrollment, patient.timezone), rules)), week, kind: kindOfWeek(week, rules, refineDone), cycle, cycleStart };
  await updateEnrollment(tx, patient.id, {
    cycle,
    cycle_start: cycleStart,
    next_checkin_at: planned.at,
    next_checkin_week: planned.week,
    next_checkin_kind: planned.kind,
    updated_at: ctx.now,
  });
  return planned;
}

/**
 * Pure part of planNextCheckin: the cycle and week of the next check-in given
 * the highest week already recorded in the enrollment's cycle, and `due`,
 * which moves a slot inside quiet hours to when they end.
 */
export function nextWeek(
  enrollment: Pick<Enrollment, 'cycle' | 'cycle_start' | 'next_checkin_at' | 'next_checkin_week' | 'checkin_weekday' | 'checkin_time'>,
  timezone: string,
  recorded: number,
  after: Date,
  minWeek: number,
  rules: TimelineRules,
  quietHours: QuietWindow | null,
): { cycle: number; cycleStart: string; week: number; due: (at: Date) => Date } {
  const slot = slotOf(enrollment, timezone);
  // A slot inside quiet hours is due when they end, so the prompt and its reminder go out in the allowed window.
  const due = (at: Date) => nextSendableTime(at, timezone, quietHours);
  const waiting =
    enrollment.next_checkin_at !== null && enrollment.next_checkin_week !== null && enrollment.next_checkin_week > recorded && enrollment.next_checkin_at.getTime() <= after.getTime();
  let cycle = enrollment.cycle;
  let cycleStart = enrollment.cycle_start;
  let week = waiting ? enrollment.next_checkin_week! : Math.max(minWeek, recorded + 1, firstWeekAfter(cycleStart, slot, rules, after, due));
  if (week > rules.reassessWeek) {
    // The cycle is over (or its last check-in passed while the patient was away): repeat from today.
    cycle += 1;
    cycleStart = localDate(after, timezone);
    week = firstWeekAfter(cycleStart, slot, rules, after, due);
  }
  return { cycle, cycleStart, week, due };
}

export function slotOf(enrollment: Pick<Enrollment, 'checkin_weekday' | 'checkin_time'>, timezone: string): Slot {
  return { weekday: enrollment.checkin_weekday, time: enrollment.checkin_time, timezone };
}
