// SQL for the message log (every inbound and outbound text) and the outbox
// that delivers outbound work after commit.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Executor } from '../connect.js';
import type { MessageStatus, MessagesTable, OutboxTable } from '../schema.js';

export type Message = Selectable<MessagesTable>;
export type OutboxItem = Selectable<OutboxTable>;

/** Stores an inbound text once: returns undefined when its provider SID was already seen. */
export async function insertInboundOnce(db: Executor, row: Insertable<MessagesTable>): Promise<Message | undefined> {
  return db
    .insertInto('messages')
    .values(row)
    .onConflict((oc) => oc.column('provider_sid').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertMessage(db: Executor, row: Insertable<MessagesTable>): Promise<Message> {
  return db.insertInto('messages').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A message and the outbox item that delivers it, in one statement (one round trip). */
export async function insertMessageWithOutbox(db: Executor, message: Insertable<MessagesTable>, item: Insertable<OutboxTable>): Promise<void> {
  await db
    .with('m', (qb) => qb.insertInto('messages').values(message).returning('id'))
    .insertInto('outbox')
    .values(item)
    .execute();
}

export async function findMessage(db: Executor, id: string): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageBySid(db: Executor, sid: string): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('provider_sid', '=', sid).executeTakeFirst();
}

export async function updateMessage(
  db: Executor,
  id: string,
  changes: { status?: MessageStatus; provider_sid?: string; error_code?: string | null; updated_at: Date },
): Promise<void> {
  await db.updateTable('messages').set(changes).where('id', '=', id).execute();
}

/** A page of the patient's texts, newest first (by write order), strictly before the `before` position. */
export async function listMessages(db: Executor, patientId: string, page: { before: string | null; limit: number }): Promise<Message[]> {
  let query = db.selectFrom('messages').selectAll().where('patient_id', '=', patientId);
  if (page.before !== null) query = query.where('seq', '<', page.before);
  return query.orderBy('seq', 'desc').limit(page.limit).execute();
}

export async function recentMessages(db: Executor, patientId: string, limit: number): Promise<Message[]> {
  const rows = await db.selectFrom('messages').selectAll().where('patient_id', '=', patientId).orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse();
}

export async function enqueue(db: Executor, row: Insertable<OutboxTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Leases the oldest due item of a kind for `leaseMs`: concurrent senders skip
 * it (SKIP LOCKED, then the lease), so no sender sends it twice; if the
 * process dies mid-send the lease lapses and the item is retried. An item
 * waits while an earlier due item for the same patient is pending, so one
 * patient's texts go out in the order they were queued.
 */
export async function leaseDue(db: Db, kind: OutboxItem['kind'], now: Date, leaseMs: number, patientId?: string): Promise<OutboxItem | undefined> {
  return (await leaseDueBatch(db, kind, now, leaseMs, 1, patientId))[0];
}

/**
 * Leases up to `limit` due items at once (one statement), each the head of
 * its patient's queue. The plan does not hang on statistics: the candidates
 * come from outbox_lease_order in (kind, run_at, seq) order and stop at the
 * limit, and each candidate's "is it its patient's head" check is a scalar
 * subquery (never turned into a join) probing outbox_patient_pending.
 */
export async function leaseDueBatch(db: Db, kind: OutboxItem['kind'], now: Date, leaseMs: number, limit: number, patientId?: string): Promise<OutboxItem[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const forPatient = patientId ? sql`AND o.patient_id = ${patientId}` : sql``;
  const { rows } = await sql<OutboxItem>`
    UPDATE outbox SET locked_until = ${lockedUntil}, attempts = attempts + 1, updated_at = ${now}
    WHERE id IN (
      SELECT o.id FROM outbox o
      WHERE o.kind = ${kind} AND o.status = 'pending' AND o.run_at <= ${now}
        AND (o.locked_until IS NULL OR o.locked_until < ${now}) ${forPatient}
        AND (o.patient_id IS NULL OR o.seq = (
          SELECT e.seq FROM outbox e
          WHERE e.patient_id = o.patient_id AND e.status = 'pending' AND e.kind = o.kind AND e.run_at <= ${now}
          ORDER BY e.seq LIMIT 1))
      ORDER BY o.run_at, o.seq
      LIMIT ${limit}
      FOR UPDATE OF o SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || Number(a.seq) - Number(b.seq));
}

export async function finishOutbox(db: Executor, id: string, status: 'done' | 'failed', now: Date, error: string | null = null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status, updated_at: now, last_error: error, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function retryOutboxAt(db: Executor, id: string, runAt: Date, now: Date, error: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ run_at: runAt, updated_at: now, last_error: error, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** Withdraws every outbound text still waiting for a patient (opt-out). */
export async function suppressPendingSms(db: Executor, patientId: string, now: Date): Promise<void> {
  const ids = db.selectFrom('messages').select('id').where('patient_id', '=', patientId).where('status', 'in', ['queued', 'deferred']);
  await db.updateTable('outbox').set({ status: 'failed', last_error: 'suppressed: opted out', updated_at: now }).where('status', '=', 'pending').where('message_id', 'in', ids).execute();
  await db.updateTable('messages').set({ status: 'suppressed', updated_at: now }).where('patient_id', '=', patientId).where('status', 'in', ['queued', 'deferred']).execute();
}

export async function deferredMessages(db: Executor, patientId: string): Promise<{ id: string; runAt: Date }[]> {
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('messages', 'messages.id', 'outbox.message_id')
    .select(['messages.id as id', 'outbox.run_at as runAt'])
    .where('outbox.patient_id', '=', patientId)
    .where('outbox.status', '=', 'pending')
    .where('messages.status', '=', 'deferred')
    .orderBy('outbox.run_at')
    .execute();
  return rows;
}

/** Outbound texts to a patient created after `after`, oldest first (simulator chat). */
export async function outboundSince(db: Executor, patientId: string, after: Date): Promise<Message[]> {
  return db.selectFrom('messages').selectAll().where('patient_id', '=', patientId).where('direction', '=', 'outbound').where('created_at', '>', after).orderBy('created_at').orderBy('id').execute();
}

/** A message's delivery status, or undefined when there is no such message. */
export async function messageStatus(db: Executor, id: string): Promise<MessageStatus | undefined> {
  const row = await db.selectFrom('messages').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}
