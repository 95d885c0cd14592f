// Keeps each enrollment's next check-in (time, week, kind) in its row, so the
// scheduler only has to claim rows that are due. The rule itself is pure
// (engine/schedule/plan.ts), shared with the simulator's journeys.
import { hasCompletedCheckin } from '../adapters/db/repositories/checkins.js';
import { findEnrollment, updateEnrollment, type Enrollment } from '../adapters/db/repositories/patients.js';
import { lastCheckinWeek } from '../adapters/db/repositories/schedule.js';
import type { PatientTx } from './patient-tx.js';
import { planCheckin, type EnrollmentFacts, type PlannedCheckin } from '../engine/schedule/plan.js';
import type { Slot } from '../engine/schedule/schedule-math.js';

export type { PlannedCheckin } from '../engine/schedule/plan.js';

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
  const recorded = await lastCheckinWeek(tx, patient.id, enrollment.cycle);
  const facts: EnrollmentFacts = {
    cycle: enrollment.cycle,
    cycleStart: enrollment.cycle_start,
    slot: slotOf(enrollment, patient.timezone),
    next: enrollment.next_checkin_at && enrollment.next_checkin_week !== null ? { at: enrollment.next_checkin_at, week: enrollment.next_checkin_week } : null,
    recordedWeek: recorded,
    refineDone: await hasCompletedCheckin(tx, patient.id, enrollment.cycle, 'refine'),
  };
  const planned = planCheckin(facts, after, minWeek, ctx.deps.settings.timeline, ctx.deps.settings.quietHours);
  const { cycle, cycleStart } = planned;
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

export function slotOf(enrollment: Pick<Enrollment, 'checkin_weekday' | 'checkin_time'>, timezone: string): Slot {
  return { weekday: enrollment.checkin_weekday, time: enrollment.checkin_time, timezone };
}
