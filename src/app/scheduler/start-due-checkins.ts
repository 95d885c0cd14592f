// Starts the check-ins that are due. Each enrollment row carries its next
// check-in (planned by timeline.ts); claiming it, starting the dialogue and
// planning the one after commit together, and the check-in row is unique per
// patient, cycle and week: a check-in starts once, whichever instance runs.
import { DateTime } from 'luxon';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { hasCompletedCheckin, insertCheckinOnce } from '../../adapters/db/repositories/checkins.js';
import { openEscalation } from '../../adapters/db/repositories/escalations.js';
import { currentPlan, findEnrollment, updateEnrollment, type Enrollment } from '../../adapters/db/repositories/patients.js';
import { claimDueEnrollment } from '../../adapters/db/repositories/schedule.js';
import { activeSession } from '../../adapters/db/repositories/sessions.js';
import type { CheckinStatus } from '../../adapters/db/schema.js';
import { startConversation } from '../conversations.js';
import type { CoreDeps } from '../deps.js';
import type { PatientTx } from '../patient-tx.js';
import { dueCheckinAction } from '../../engine/schedule/plan.js';
import { nextSendableTime } from '../../engine/schedule/quiet-hours.js';
import { kindOfWeek } from '../../engine/schedule/schedule-math.js';
import { planNextCheckin } from '../timeline.js';
import { claimAndRun, runClaims } from './claim.js';
import { startDueBatch, type CheckinStart } from './start-due-batch.js';

export type { CheckinStart } from './start-due-batch.js';

export interface RunOptions {
  /** At most this many rows per run; the rest waits for the next tick. */
  limit: number;
  /** Concurrent transactions per instance (keep below the pool size). */
  workers: number;
  /** A check-in later than this is recorded as missed instead of sent. */
  staleCheckinHours: number;
  /** Check-ins started per transaction (default 200). */
  batchSize?: number;
}

export async function startDueCheckins(core: CoreDeps, options: RunOptions): Promise<Record<CheckinStart, number>> {
  const staleMs = options.staleCheckinHours * 3_600_000;
  const counts: Record<CheckinStart, number> = { started: 0, missed: 0, deferred: 0, waiting: 0, not_due: 0 };
  const add = (more: Record<CheckinStart, number>) => {
    for (const key of Object.keys(counts) as CheckinStart[]) counts[key] += more[key];
  };
  // Set-based batches, several in flight (start-due-batch.ts).
  const skip = new Set<string>();
  const size = options.batchSize ?? 200;
  let claimed = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && claimed < options.limit) {
      try {
        const r = await startDueBatch(core, Math.min(size, options.limit - claimed), staleMs, skip, startDueCheckin);
        if (r.claimed === 0) return;
        claimed += r.claimed;
        add(r.counts);
      } catch (err) {
        // A batch rolled back as a whole: go on one patient per transaction, so one bad row cannot hold up the others.
        core.logger.error({ err }, 'check-in batch failed; starting the rest one by one');
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker));
  if (!failed) return counts;
  const outcomes = await runClaims(options.workers, Math.max(0, options.limit - claimed), (gate) =>
    claimAndRun(core, gate, claimDueEnrollment, (e) => e.patient_id, (ctx) => startDueCheckin(ctx, staleMs)),
    (outcome) => outcome !== 'waiting' && outcome !== 'not_due',
  );
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

/** Under the patient's lock: re-check, then start, skip as missed, or defer past quiet hours. */
export async function startDueCheckin(ctx: PatientTx, staleMs: number): Promise<CheckinStart> {
  const { tx, patient, now, deps } = ctx;
  const enrollment = await findEnrollment(tx, patient.id);
  const dueAt = enrollment?.next_checkin_at;
  if (!enrollment || !dueAt || dueAt.getTime() > now.getTime() || patient.status !== 'active') return 'not_due';
  // The claim leaves busy patients out; this re-check under the lock is the guarantee.
  const busy = (await activeSession(tx, patient.id)) !== undefined || (await openEscalation(tx, patient.id)) !== undefined;
  const action = dueCheckinAction(dueAt, now, busy, staleMs, patient.timezone, deps.settings.quietHours);
  if (action === 'waiting' || action === 'not_due') return action;
  const week = enrollment.next_checkin_week ?? 1;
  if (action === 'missed') {
    await recordCheckin(ctx, enrollment, 'missed');
    await appendAudit(tx, { at: now, actor: 'scheduler', action: 'checkin.missed', patientId: patient.id, details: { cycle: enrollment.cycle, week, dueAt: dueAt.toISOString() } });
    await planNextCheckin(ctx, now, week + 1);
    return 'missed';
  }
  if (action === 'deferred') {
    const sendable = nextSendableTime(now, patient.timezone, deps.settings.quietHours);
    // Caught up during quiet hours (after downtime): start when they end.
    await updateEnrollment(tx, patient.id, { next_checkin_at: sendable, updated_at: now });
    return 'deferred';
  }
  const checkin = await recordCheckin(ctx, enrollment, 'in_progress');
  if (checkin) {
    await startConversation(ctx, checkin.kind, { checkinId: checkin.id, week });
    await appendAudit(tx, { at: now, actor: 'scheduler', action: 'checkin.started', patientId: patient.id, details: { cycle: enrollment.cycle, week, kind: checkin.kind } });
  }
  await planNextCheckin(ctx, now, week + 1);
  return checkin ? 'started' : 'not_due';
}

/** Inserts this week's check-in row once; undefined when it already exists. */
async function recordCheckin(ctx: PatientTx, enrollment: Enrollment, status: CheckinStatus) {
  const { tx, patient, now, deps } = ctx;
  const week = enrollment.next_checkin_week ?? 1;
  const dueAt = enrollment.next_checkin_at ?? now;
  const plan = await currentPlan(tx, patient.id);
  const refineDone = await hasCompletedCheckin(tx, patient.id, enrollment.cycle, 'refine');
  const row = await insertCheckinOnce(tx, {
    id: deps.ids.uuid(),
    patient_id: patient.id,
    cycle: enrollment.cycle,
    week,
    kind: kindOfWeek(week, deps.settings.timeline, refineDone),
    plan_id: plan?.id ?? null,
    week_start: DateTime.fromJSDate(dueAt, { zone: patient.timezone }).minus({ days: 6 }).toISODate()!,
    scheduled_for: dueAt,
    status,
    days_target: plan?.days_per_week ?? 1,
    created_at: now,
    updated_at: now,
  });
  if (!row || row.kind === 'manual') return undefined;
  return { id: row.id, kind: row.kind };
}
