// SQL for the scheduler. Due work is claimed one row per transaction with
// FOR UPDATE SKIP LOCKED: concurrent instances get disjoint rows, and the
// claim lasts exactly as long as the work done on it (no lease column, and a
// crash mid-way simply releases the row).
import { sql } from 'kysely';
import type { Executor, Tx } from '../connect.js';
import type { Checkin } from './checkins.js';
import type { Enrollment } from './patients.js';
import type { TimerRow } from './sessions.js';

/**
 * The most overdue enrollment of an active patient who is free for a check-in
 * (no dialogue in progress, no escalation open). Busy patients are left out
 * here, cheaply, so they stay due without blocking the batch.
 */
export async function claimDueEnrollment(tx: Tx, now: Date, skip: readonly string[]): Promise<Enrollment | undefined> {
  let query = tx
    .selectFrom('enrollments as e')
    .innerJoin('patients as p', 'p.id', 'e.patient_id')
    .selectAll('e')
    .where('e.next_checkin_at', '<=', now)
    .where('p.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('conversation_sessions as s').select('s.id').whereRef('s.patient_id', '=', 'e.patient_id').where('s.status', '=', 'active'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('escalations as x').select('x.id').whereRef('x.patient_id', '=', 'e.patient_id').where('x.status', '<>', 'resolved'))),
    );
  if (skip.length > 0) query = query.where('e.patient_id', 'not in', skip);
  return query.orderBy('e.next_checkin_at').limit(1).forUpdate('e').skipLocked().executeTakeFirst();
}

/** The earliest due pending timer, skipping rows other instances hold and the given patients. */
export async function claimDueTimerExcept(tx: Tx, now: Date, skip: readonly string[]): Promise<TimerRow | undefined> {
  let query = tx.selectFrom('conversation_timers').selectAll().where('status', '=', 'pending').where('fire_at', '<=', now);
  if (skip.length > 0) query = query.where('patient_id', 'not in', skip);
  return query.orderBy('fire_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

/**
 * The patient's advisory lock (the same key as lockPatient), without waiting.
 * A claim holds a row lock already; waiting here as well could deadlock with
 * a request that holds the patient lock and then touches that row.
 */
export async function tryLockPatient(tx: Tx, patientId: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`patient:${patientId}`}, 0)) as locked`.execute(tx);
  return rows[0]?.locked === true;
}

/** Highest scheduled week already recorded (started or missed) in a cycle; 0 when none. */
export async function lastCheckinWeek(db: Executor, patientId: string, cycle: number): Promise<number> {
  const row = await db
    .selectFrom('checkins')
    .select((eb) => eb.fn.max('week').as('week'))
    .where('patient_id', '=', patientId)
    .where('cycle', '=', cycle)
    .where('kind', '<>', 'manual')
    .executeTakeFirst();
  return row?.week ?? 0;
}

/** Adds one to the patient's run of unanswered check-ins and returns the new count. */
export async function countNoResponse(db: Executor, patientId: string, now: Date): Promise<number> {
  const row = await db
    .updateTable('enrollments')
    .set((eb) => ({ consecutive_no_response: eb('consecutive_no_response', '+', 1), updated_at: now }))
    .where('patient_id', '=', patientId)
    .returning('consecutive_no_response')
    .executeTakeFirst();
  return row?.consecutive_no_response ?? 0;
}

export async function resetNoResponse(db: Executor, patientId: string, now: Date): Promise<void> {
  await db.updateTable('enrollments').set({ consecutive_no_response: 0, updated_at: now }).where('patient_id', '=', patientId).where('consecutive_no_response', '<>', 0).execute();
}

export async function findCheckin(db: Executor, id: string): Promise<Checkin | undefined> {
  return db.selectFrom('checkins').selectAll().where('id', '=', id).executeTakeFirst();
}
