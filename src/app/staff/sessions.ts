// Sign-in, sessions and API tokens: everything that turns a cookie, a bearer
// token or an email and password into a Principal.
//
// Rate limiting is in Postgres (login_attempts), so it holds across processes
// and restarts: at most 5 failures per email and 30 per client address in 15
// minutes; a success clears the email's count.
import type { Db } from '../../adapters/db/connect.js';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { defaultCareTeam } from '../../adapters/db/repositories/care-teams.js';
import { findStaffByEmail, findTokenOwner, teamIdsOf, touchApiToken, type StaffRow } from '../../adapters/db/repositories/staff.js';
import {
  clearLoginFailures, countLoginFailures, deleteExpiredSessions, deleteSession, extendSession, findSession, insertSession, recordLoginFailure,
} from '../../adapters/db/repositories/staff-sessions.js';
import { AppError } from '../errors.js';
import type { Clock } from '../ports.js';
import { scopeFor, staffActor, type Principal } from './principal.js';
import { DUMMY_HASH, randomSecret, sha256, verifyPassword } from './secrets.js';

export interface SessionDeps {
  db: Db;
  clock: Clock;
}

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
const ANONYMOUS_MS = 60 * 60 * 1000;
const TOUCH_AFTER_MS = 5 * 60 * 1000;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_EMAIL = 5;
const MAX_PER_ADDRESS = 30;

export interface SessionState {
  /** The cookie value (only its hash is stored). */
  secret: string;
  csrfToken: string;
  principal: Principal | null;
}

export async function principalFor(db: Db, staff: StaffRow): Promise<Principal> {
  const teamIds = await teamIdsOf(db, staff.id);
  const fallback = await defaultCareTeam(db);
  return {
    staffId: staff.id,
    email: staff.email,
    name: staff.name,
    role: staff.role,
    actor: staffActor(staff.email),
    scope: scopeFor(staff.role, teamIds, fallback?.id ?? null),
    mustChangePassword: staff.must_change_password,
  };
}

async function newSession(deps: SessionDeps, staffId: string | null, lifetimeMs: number): Promise<{ secret: string; csrfToken: string }> {
  const now = deps.clock.now();
  const secret = randomSecret();
  const csrfToken = randomSecret();
  await insertSession(deps.db, { id_hash: sha256(secret), staff_id: staffId, csrf_token: csrfToken, created_at: now, expires_at: new Date(now.getTime() + lifetimeMs) });
  return { secret, csrfToken };
}

/** A signed-out visitor's session: it only carries the CSRF token of the sign-in form. */
export async function anonymousSession(deps: SessionDeps): Promise<SessionState> {
  return { ...(await newSession(deps, null, ANONYMOUS_MS)), principal: null };
}

/** The session behind a cookie, extended while in use; undefined when unknown, expired or its member is disabled. */
export async function loadSession(deps: SessionDeps, secret: string): Promise<SessionState | undefined> {
  const now = deps.clock.now();
  const found = await findSession(deps.db, sha256(secret), now);
  if (!found || found.staff?.disabled_at) return undefined;
  if (found.staff && now.getTime() - found.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await extendSession(deps.db, found.idHash, now, new Date(now.getTime() + SESSION_IDLE_MS));
  }
  return { secret, csrfToken: found.csrfToken, principal: found.staff ? await principalFor(deps.db, found.staff) : null };
}

/**
 * Checks email and password; on success replaces the visitor's session with a
 * new one (a new id, so a planted cookie never becomes signed in).
 */
export async function signIn(deps: SessionDeps, input: { email: string; password: string; address: string; previousSecret?: string }): Promise<SessionState> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - WINDOW_MS);
  const emailKey = `email:${email}`;
  const addressKey = `addr:${input.address}`;
  if ((await countLoginFailures(deps.db, emailKey, since)) >= MAX_PER_EMAIL || (await countLoginFailures(deps.db, addressKey, since)) >= MAX_PER_ADDRESS) {
    throw new AppError('rate_limited', 'too many failed sign-ins; wait 15 minutes and try again');
  }
  const staff = email ? await findStaffByEmail(deps.db, email) : undefined;
  const ok = await verifyPassword(input.password, staff?.password_hash ?? DUMMY_HASH);
  if (!staff || !ok || staff.disabled_at || !staff.password_hash) {
    await recordLoginFailure(deps.db, [emailKey, addressKey], now);
    throw new AppError('unauthorized', 'the email or password is not right');
  }
  await clearLoginFailures(deps.db, emailKey, new Date(now.getTime() - 24 * 60 * 60 * 1000));
  if (input.previousSecret) await deleteSession(deps.db, sha256(input.previousSecret));
  await deleteExpiredSessions(deps.db, now);
  const session = await newSession(deps, staff.id, SESSION_IDLE_MS);
  await appendAudit(deps.db, { at: now, actor: staffActor(staff.email), action: 'staff.signed_in', patientId: null, details: { method: 'password' } });
  return { ...session, principal: await principalFor(deps.db, staff) };
}

export async function signOut(deps: SessionDeps, secret: string): Promise<void> {
  await deleteSession(deps.db, sha256(secret));
}

/** A per-staff API token's member, or undefined. */
export async function principalForToken(deps: SessionDeps, token: string): Promise<Principal | undefined> {
  if (!token.startsWith('clt_')) return undefined;
  const found = await findTokenOwner(deps.db, sha256(token));
  if (!found) return undefined;
  await touchApiToken(deps.db, found.tokenId, deps.clock.now());
  return principalFor(deps.db, found.staff);
}
