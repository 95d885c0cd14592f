// Sign-in through the clinic's OpenID provider. A member is matched by the
// provider's subject once linked, otherwise by a verified email equal to their
// careloop email (then the subject is linked). Nobody is created here: an
// admin adds staff; the provider only proves who they are.
import type { Db } from '../../adapters/db/connect.js';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { findStaffByEmail, updateStaff } from '../../adapters/db/repositories/staff.js';
import { deleteSession, insertSession, setOidcPending, takeOidcPending } from '../../adapters/db/repositories/staff-sessions.js';
import { AppError } from '../errors.js';
import type { Clock } from '../ports.js';
import { staffActor } from './principal.js';
import { randomSecret, sha256 } from './secrets.js';
import { principalFor, SESSION_IDLE_MS, type SessionState } from './sessions.js';

export interface OidcStart {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

export interface VerifiedIdentity {
  /** "issuer|sub": stable for the person at that provider. */
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/** The port the OpenID adapter implements (adapters/oidc/openid-provider.ts). */
export interface IdentityProvider {
  start(): Promise<OidcStart>;
  finish(callbackUrl: string, expected: { state: string; nonce: string; verifier: string }): Promise<VerifiedIdentity>;
}

interface Deps {
  db: Db;
  clock: Clock;
  provider: IdentityProvider;
}

/** Remembers state, nonce and PKCE verifier in the visitor's session; returns where to send the browser. */
export async function startOidcSignIn(deps: Deps, sessionSecret: string, next: string): Promise<string> {
  const start = await deps.provider.start();
  await setOidcPending(deps.db, sha256(sessionSecret), { state: start.state, nonce: start.nonce, verifier: start.verifier, next });
  return start.url;
}

const refuse = (message: string) => new AppError('forbidden', message);

export async function finishOidcSignIn(deps: Deps, sessionSecret: string, callbackUrl: string): Promise<SessionState & { next: string }> {
  const now = deps.clock.now();
  const pending = await takeOidcPending(deps.db, sha256(sessionSecret), now);
  if (!pending) throw refuse('This sign-in link has expired or was already used. Start again from the sign-in page.');
  let identity: VerifiedIdentity;
  try {
    identity = await deps.provider.finish(callbackUrl, pending);
  } catch {
    throw refuse('The sign-in with your clinic account could not be checked. Start again from the sign-in page.');
  }
  const bySubject = await deps.db.selectFrom('staff').selectAll().where('oidc_subject', '=', identity.subject).executeTakeFirst();
  const byEmail = !bySubject && identity.email && identity.emailVerified ? await findStaffByEmail(deps.db, identity.email) : undefined;
  const staff = bySubject ?? byEmail;
  if (!staff) throw refuse('There is no careloop staff account for your clinic account. Ask a careloop admin to add you with this email.');
  if (staff.disabled_at) throw refuse('Your careloop account is disabled. Ask a careloop admin.');
  if (!bySubject && staff.oidc_subject && staff.oidc_subject !== identity.subject) throw refuse('Your careloop account is linked to another clinic account.');
  if (!bySubject) await updateStaff(deps.db, staff.id, { oidc_subject: identity.subject, updated_at: now });
  // The provider vouched for the person: an unused one-time password is withdrawn rather than left valid.
  if (staff.must_change_password) await updateStaff(deps.db, staff.id, { must_change_password: false, password_hash: null, updated_at: now });
  await deleteSession(deps.db, sha256(sessionSecret));
  const secret = randomSecret();
  const csrfToken = randomSecret();
  await insertSession(deps.db, { id_hash: sha256(secret), staff_id: staff.id, csrf_token: csrfToken, created_at: now, expires_at: new Date(now.getTime() + SESSION_IDLE_MS) });
  await appendAudit(deps.db, { at: now, actor: staffActor(staff.email), action: 'staff.signed_in', patientId: null, details: { method: 'oidc' } });
  const principal = { ...(await principalFor(deps.db, staff)), mustChangePassword: false };
  return { secret, csrfToken, principal, next: pending.next };
}
