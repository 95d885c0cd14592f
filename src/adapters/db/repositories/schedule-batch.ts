// Set-based SQL for starting many due check-ins in one transaction: claim a
// batch of due enrollments (FOR UPDATE SKIP LOCKED: instances get disjoint
// batches), take the patients' advisory locks without waiting, read what
// starting needs in one query, and write each table in one statement.
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../connect.js';
import type { AuditLogTable, CheckinsTable, ConversationSessionsTable, ConversationTimersTable, MessagesTable, OutboxTable } from '../schema.js';
import type { Patient } from './patients.js';

/** Up to `limit` due enrollments of active patients who are free, oldest first, not in `skip`. */
export async function claimDueEnrollments(tx: Tx, now: Date, limit: number, skip: readonly string[]): Promise<{ patient_id: string; timezone: string }[]> {
  const { rows } = await sql<{ patient_id: string; timezone: string }>`
    SELECT e.patient_id, p.timezone FROM enrollments e JOIN patients p ON p.id = e.patient_id
    WHERE e.next_checkin_at IS NOT NULL AND e.next_checkin_at <= ${now} AND p.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM conversation_sessions s WHERE s.patient_id = e.patient_id AND s.status = 'active')
      AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.patient_id = e.patient_id AND x.status <> 'resolved')
      AND e.patient_id <> ALL(${skip as string[]}::uuid[])
    ORDER BY e.next_checkin_at LIMIT ${limit}
    FOR UPDATE OF e SKIP LOCKED`.execute(tx);
  return rows;
}

/** The patients whose advisory lock (same key as lockPatient) this transaction got; the others are busy. */
export async function tryLockPatients(tx: Tx, patientIds: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM unnest(${patientIds as string[]}::uuid[]) AS id
    WHERE pg_try_advisory_xact_lock(hashtextextended('patient:' || id::text, 0))`.execute(tx);
  return rows.map((r) => r.id);
}

export interface StartInput {
  patient: Patient;
  enrollment: {
    cycle: number;
    cycle_start: string;
    next_checkin_at: Date | null;
    next_checkin_week: number | null;
    checkin_weekday: number;
    checkin_time: string;
  };
  plan: { id: string; action: string; days_per_week: number; confidence: number } | null;
  busy: boolean;
  /** A refine check-in was completed in the enrollment's cycle. */
  refineDone: boolean;
  /** Highest non-manual week recorded in the enrollment's cycle (0 when none). */
  lastWeek: number;
  logsThisWeek: number;
  logsLately: number;
}

/**
 * Everything starting a check-in reads, for locked patients, read after the
 * locks were taken. `dates` are each patient's local today, 6 and 28 days ago.
 */
export async function loadStartInputs(tx: Tx, dates: readonly { id: string; today: string; weekAgo: string; monthAgo: string }[]): Promise<StartInput[]> {
  if (dates.length === 0) return [];
  const { rows } = await sql<Patient & Record<string, unknown>>`
    SELECT p.*, e.cycle AS e_cycle, e.cycle_start AS e_cycle_start, e.next_checkin_at AS e_next_at, e.next_checkin_week AS e_next_week,
           e.checkin_weekday AS e_weekday, e.checkin_time AS e_time,
           pl.id AS plan_id, pl.action AS plan_action, pl.days_per_week AS plan_days, pl.confidence AS plan_confidence,
           (EXISTS (SELECT 1 FROM conversation_sessions s WHERE s.patient_id = p.id AND s.status = 'active')
             OR EXISTS (SELECT 1 FROM escalations x WHERE x.patient_id = p.id AND x.status <> 'resolved')) AS busy,
           EXISTS (SELECT 1 FROM checkins c WHERE c.patient_id = p.id AND c.cycle = e.cycle AND c.kind = 'refine' AND c.status = 'completed') AS refine_done,
           COALESCE((SELECT max(c.week) FROM checkins c WHERE c.patient_id = p.id AND c.cycle = e.cycle AND c.kind <> 'manual'), 0) AS last_week,
           (SELECT count(*) FROM daily_logs d WHERE d.patient_id = p.id AND d.local_date BETWEEN u.week_ago AND u.today)::int AS logs_week,
           (SELECT count(*) FROM daily_logs d WHERE d.patient_id = p.id AND d.local_date BETWEEN u.month_ago AND u.today)::int AS logs_month
    FROM unnest(${dates.map((d) => d.id)}::uuid[], ${dates.map((d) => d.today)}::date[], ${dates.map((d) => d.weekAgo)}::date[], ${dates.map((d) => d.monthAgo)}::date[])
         AS u(id, today, week_ago, month_ago)
    JOIN patients p ON p.id = u.id
    JOIN enrollments e ON e.patient_id = p.id
    LEFT JOIN action_plans pl ON pl.patient_id = p.id AND pl.superseded_at IS NULL`.execute(tx);
  return rows.map((r) => {
    const { e_cycle, e_cycle_start, e_next_at, e_next_week, e_weekday, e_time, plan_id, plan_action, plan_days, plan_confidence, busy, refine_done, last_week, logs_week, logs_month, ...patient } = r;
    const logsThisWeek = Number(logs_week);
    return {
      patient: patient as Patient,
      enrollment: {
        cycle: Number(e_cycle),
        cycle_start: String(e_cycle_start),
        next_checkin_at: (e_next_at as Date | null) ?? null,
        next_checkin_week: e_next_week === null ? null : Number(e_next_week),
        checkin_weekday: Number(e_weekday),
        checkin_time: String(e_time),
      },
      plan: plan_id ? { id: String(plan_id), action: String(plan_action), days_per_week: Number(plan_days), confidence: Number(plan_confidence) } : null,
      busy: busy === true,
      refineDone: refine_done === true,
      lastWeek: Number(last_week),
      logsThisWeek,
      logsLately: logsThisWeek > 0 ? logsThisWeek : Number(logs_month),
    };
  });
}

/** Inserts check-in rows once each; returns the patients whose row was new. */
export async function insertCheckinsOnce(tx: Tx, rows: Insertable<CheckinsTable>[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insertInto('checkins')
    .values(rows)
    .onConflict((oc) => oc.columns(['patient_id', 'cycle', 'week']).where('kind', '<>', 'manual').doNothing())
    .returning('patient_id')
    .execute();
  return new Set(inserted.map((r) => r.patient_id));
}

export interface StartWrites {
  sessions: Insertable<ConversationSessionsTable>[];
  messages: Insertable<MessagesTable>[];
  outbox: Insertable<OutboxTable>[];
  timers: Insertable<ConversationTimersTable>[];
  audit: Insertable<AuditLogTable>[];
  enrollments: { patient_id: string; cycle: number; cycle_start: string; next_checkin_at: Date; next_checkin_week: number; next_checkin_kind: string }[];
}

/** One statement per table, in foreign-key order; outbox rows keep their array order (per-patient send order). */
export async function writeStarts(tx: Tx, w: StartWrites, now: Date): Promise<void> {
  if (w.sessions.length > 0) await tx.insertInto('conversation_sessions').values(w.sessions).execute();
  if (w.messages.length > 0) await tx.insertInto('messages').values(w.messages).execute();
  if (w.outbox.length > 0) await tx.insertInto('outbox').values(w.outbox).execute();
  if (w.timers.length > 0) await tx.insertInto('conversation_timers').values(w.timers).onConflict((oc) => oc.column('key').doNothing()).execute();
  if (w.audit.length > 0) await tx.insertInto('audit_log').values(w.audit).execute();
  if (w.enrollments.length === 0) return;
  const e = w.enrollments;
  await sql`
    UPDATE enrollments AS t SET cycle = u.cycle, cycle_start = u.cycle_start, next_checkin_at = u.at, next_checkin_week = u.week, next_checkin_kind = u.kind, updated_at = ${now}
    FROM unnest(${e.map((r) => r.patient_id)}::uuid[], ${e.map((r) => r.cycle)}::int[], ${e.map((r) => r.cycle_start)}::date[],
                ${e.map((r) => r.next_checkin_at)}::timestamptz[], ${e.map((r) => r.next_checkin_week)}::int[], ${e.map((r) => r.next_checkin_kind)}::text[])
         AS u(patient_id, cycle, cycle_start, at, week, kind)
    WHERE t.patient_id = u.patient_id`.execute(tx);
}
