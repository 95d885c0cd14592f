// SQL behind the queue gauges on /metrics: how much work is due and how late it is.

import type { Executor } from '../connect.js';

export interface DueWork {
  kind: 'sms' | 'slack';
  due: number;
  oldestDueAt: Date | null;
}

/** Pending outbox items already due, per kind, and the oldest due time. */
export async function dueOutbox(db: Executor, now: Date): Promise<DueWork[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('run_at').as('oldest')])
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, due: Number(r.n), oldestDueAt: r.oldest === null ? null : new Date(r.oldest as Date) }));
}

/** The earliest check-in or conversation timer that is due and not yet started or fired. */
export async function oldestOverdueSchedule(db: Executor, now: Date): Promise<Date | null> {
  const checkin = await db
    .selectFrom('enrollments')
    .innerJoin('patients', 'patients.id', 'enrollments.patient_id')
    .select((eb) => eb.fn.min('enrollments.next_checkin_at').as('at'))
    .where('patients.status', '=', 'active')
    .where('enrollments.next_checkin_at', '<=', now)
    .executeTakeFirst();
  const timer = await db
    .selectFrom('conversation_timers')
    .select((eb) => eb.fn.min('fire_at').as('at'))
    .where('status', '=', 'pending')
    .where('fire_at', '<=', now)
    .executeTakeFirst();
  const times = [checkin?.at, timer?.at].filter((t): t is Date => t !== null && t !== undefined).map((t) => new Date(t));
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}
