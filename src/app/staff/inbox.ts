// The inbox of texts careloop could not read: list them, mark one handled.
import type { Db } from '../../adapters/db/connect.js';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { findInboxItem, markInboxHandled, openInboxItems } from '../../adapters/db/repositories/staff-inbox.js';
import { notFound } from '../errors.js';
import type { Clock } from '../ports.js';
import { visiblePatient } from './access.js';
import { requirePermission, type Principal } from './principal.js';

export async function inboxItems(db: Db, principal: Principal) {
  requirePermission(principal, 'read');
  return openInboxItems(db, principal.scope, 200);
}

export async function handleInboxItem(deps: { db: Db; clock: Clock }, principal: Principal, id: string): Promise<void> {
  const item = await findInboxItem(deps.db, id);
  if (!item) throw notFound('inbox item');
  await visiblePatient(deps.db, principal, item.patient_id, 'act');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    if (await markInboxHandled(tx, id, principal.staffId, now)) {
      await appendAudit(tx, { at: now, actor: principal.actor, action: 'inbox.handled', patientId: item.patient_id, details: { inboxId: id, messageId: item.message_id } });
    }
  });
}
