// SQL for escalations to the care team.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../connect.js';
import type { EscalationStatus, EscalationsTable } from '../schema.js';

export type Escalation = Selectable<EscalationsTable>;

export async function insertEscalation(db: Executor, row: Insertable<EscalationsTable>): Promise<Escalation> {
  return db.insertInto('escalations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findEscalation(db: Executor, id: string): Promise<Escalation | undefined> {
  return db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open (or claimed) escalation that holds the patient's conversation, newest first. */
export async function openEscalation(db: Executor, patientId: string): Promise<Escalation | undefined> {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '<>', 'resolved')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findEscalationByThread(db: Executor, channel: string, ts: string): Promise<Escalation | undefined> {
  return db.selectFrom('escalations').selectAll().where('slack_channel', '=', channel).where('slack_ts', '=', ts).executeTakeFirst();
}

export async function listEscalations(db: Executor, filter: { status?: EscalationStatus; patientId?: string }): Promise<Escalation[]> {
  let q = db.selectFrom('escalations').selectAll().orderBy('created_at', 'desc').limit(500);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.patientId) q = q.where('patient_id', '=', filter.patientId);
  return q.execute();
}

export async function updateEscalation(db: Executor, id: string, changes: Updateable<EscalationsTable>): Promise<void> {
  await db.updateTable('escalations').set(changes).where('id', '=', id).execute();
}

/** Escalations whose staff-channel work failed for good, with the last error (payload.escalationId). */
export async function failedStaffWork(db: Executor, escalationIds: string[]): Promise<Map<string, string>> {
  if (escalationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .select([sql<string>`payload->>'escalationId'`.as('escalation_id'), 'last_error'])
    .where('kind', '=', 'slack')
    .where('status', '=', 'failed')
    .where(sql<string>`payload->>'escalationId'`, 'in', escalationIds)
    .execute();
  return new Map(rows.map((r) => [r.escalation_id, r.last_error ?? 'failed']));
}
