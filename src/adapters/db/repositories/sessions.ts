// SQL for conversation sessions, their timers and the pinned definition versions.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../connect.js';
import type { ConversationSessionsTable, ConversationTimersTable } from '../schema.js';

export type SessionRow = Selectable<ConversationSessionsTable>;
export type TimerRow = Selectable<ConversationTimersTable>;

export async function activeSession(db: Executor, patientId: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('conversation_sessions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function lastSession(db: Executor, patientId: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('conversation_sessions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('conversation_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSession(db: Executor, row: Insertable<ConversationSessionsTable>): Promise<void> {
  await db.insertInto('conversation_sessions').values(row).execute();
}

export async function saveSession(
  db: Executor,
  id: string,
  changes: { state: string; status: 'active' | 'ended'; current_step: string | null; outcome: string | null; updated_at: Date; ended_at: Date | null; variables: string },
): Promise<void> {
  await db.updateTable('conversation_sessions').set(changes).where('id', '=', id).execute();
}

/** Timers are keyed deterministically by the engine, so scheduling twice is harmless. */
export async function insertTimer(db: Executor, row: Insertable<ConversationTimersTable>): Promise<void> {
  await db.insertInto('conversation_timers').values(row).onConflict((oc) => oc.column('key').doNothing()).execute();
}

export async function cancelTimer(db: Executor, key: string): Promise<void> {
  await db.updateTable('conversation_timers').set({ status: 'cancelled' }).where('key', '=', key).where('status', '=', 'pending').execute();
}

export async function cancelSessionTimers(db: Executor, sessionId: string): Promise<void> {
  await db.updateTable('conversation_timers').set({ status: 'cancelled' }).where('session_id', '=', sessionId).where('status', '=', 'pending').execute();
}

/** Claims one due timer (SKIP LOCKED): each timer fires once, whichever instance gets it. */
export async function claimDueTimer(db: Executor, now: Date): Promise<TimerRow | undefined> {
  return db
    .selectFrom('conversation_timers')
    .selectAll()
    .where('status', '=', 'pending')
    .where('fire_at', '<=', now)
    .orderBy('fire_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Moves a pending timer (its prompt has not gone out yet). */
export async function postponeTimer(db: Executor, key: string, fireAt: Date): Promise<void> {
  await db.updateTable('conversation_timers').set({ fire_at: fireAt }).where('key', '=', key).where('status', '=', 'pending').execute();
}

export async function markTimerFired(db: Executor, key: string): Promise<void> {
  await db.updateTable('conversation_timers').set({ status: 'fired' }).where('key', '=', key).execute();
}

export async function saveDefinitionVersion(db: Executor, row: { hash: string; conversation_id: string; version: number; definition: string }): Promise<void> {
  await db.insertInto('conversation_versions').values(row).onConflict((oc) => oc.column('hash').doNothing()).execute();
}

export async function loadDefinitionVersions(db: Executor): Promise<{ hash: string; definition: unknown }[]> {
  return db.selectFrom('conversation_versions').select(['hash', 'definition']).execute();
}

export async function pendingTimers(db: Executor, patientId: string): Promise<TimerRow[]> {
  return db.selectFrom('conversation_timers').selectAll().where('patient_id', '=', patientId).where('status', '=', 'pending').orderBy('fire_at').execute();
}
