// SQL for sign-in sessions (stored by the SHA-256 of the cookie secret) and
// failed sign-in attempts (the rate limit lives in Postgres so it holds across
// processes and restarts).
import type { Executor } from '../connect.js';
import type { StaffRow } from './staff.js';

export interface SessionRecord {
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  staff: StaffRow | null;
}

export async function insertSession(db: Executor, row: { id_hash: string; staff_id: string | null; csrf_token: string; created_at: Date; expires_at: Date }): Promise<void> {
  await db.insertInto('staff_sessions').values({ ...row, last_seen_at: row.created_at }).execute();
}

export async function findSession(db: Executor, idHash: string, now: Date): Promise<SessionRecord | undefined> {
  const session = await db.selectFrom('staff_sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  if (!session) return undefined;
  const staff = session.staff_id ? ((await db.selectFrom('staff').selectAll().where('id', '=', session.staff_id).executeTakeFirst()) ?? null) : null;
  return { idHash: session.id_hash, csrfToken: session.csrf_token, expiresAt: session.expires_at, lastSeenAt: session.last_seen_at, staff };
}

export async function extendSession(db: Executor, idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteStaffSessions(db: Executor, staffId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
}

export async function recordLoginFailure(db: Executor, keys: string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  await db.insertInto('login_attempts').values(keys.map((key) => ({ key, at }))).execute();
}

export async function countLoginFailures(db: Executor, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearLoginFailures(db: Executor, key: string, before: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where((eb) => eb.or([eb('key', '=', key), eb('at', '<', before)])).execute();
}

export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export async function setOidcPending(db: Executor, idHash: string, pending: OidcPending): Promise<void> {
  await db.updateTable('staff_sessions').set({ oidc_pending: JSON.stringify(pending) }).where('id_hash', '=', idHash).execute();
}

/** Reads and clears the pending sign-in, so a callback can be used once. */
export async function takeOidcPending(db: Executor, idHash: string, now: Date): Promise<OidcPending | undefined> {
  const row = await db
    .with('old', (q) => q.selectFrom('staff_sessions').select(['id_hash', 'oidc_pending']).where('id_hash', '=', idHash).where('expires_at', '>', now).forUpdate())
    .updateTable('staff_sessions')
    .set({ oidc_pending: null })
    .from('old')
    .whereRef('staff_sessions.id_hash', '=', 'old.id_hash')
    .returning('old.oidc_pending as pending')
    .executeTakeFirst();
  return (row?.pending as OidcPending | null | undefined) ?? undefined;
}
