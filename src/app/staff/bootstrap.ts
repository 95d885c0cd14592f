// The zero-configuration start: with no staff at all, create a first admin
// with a one-time password, to be changed at first sign-in. Returns the
// password only to the process that created the account (once, ever).
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { countStaff, insertStaff } from '../../adapters/db/repositories/staff.js';
import type { StaffDeps } from './accounts.js';
import { hashPassword, oneTimePassword } from './secrets.js';

export const FIRST_ADMIN_EMAIL = 'admin@careloop.local';

export async function ensureFirstAdmin(deps: StaffDeps): Promise<{ email: string; oneTimePassword: string } | null> {
  if ((await countStaff(deps.db)) > 0) return null;
  const now = deps.clock.now();
  const password = oneTimePassword();
  const row = await insertStaff(deps.db, {
    email: FIRST_ADMIN_EMAIL,
    name: 'First admin',
    role: 'admin',
    password_hash: await hashPassword(password),
    must_change_password: true,
    oidc_subject: null,
    slack_user_id: null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  });
  // Another process may have won the race; only the creator knows the password.
  if (!row) return null;
  await appendAudit(deps.db, { at: now, actor: 'careloop', action: 'staff.added', patientId: null, details: { staffId: row.id, email: row.email, role: 'admin', firstAdmin: true } });
  return { email: row.email, oneTimePassword: password };
}
