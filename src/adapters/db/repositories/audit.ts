// The append-only audit trail: consent, opt-out, escalation claims, staff messages.
import type { Executor } from '../connect.js';

export async function appendAudit(
  db: Executor,
  entry: { at: Date; actor: string; action: string; patientId: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: entry.at, actor: entry.actor, action: entry.action, patient_id: entry.patientId, details: JSON.stringify(entry.details ?? {}) })
    .execute();
}

export async function listAudit(db: Executor, patientId: string): Promise<{ at: Date; actor: string; action: string; details: Record<string, unknown> }[]> {
  return db.selectFrom('audit_log').select(['at', 'actor', 'action', 'details']).where('patient_id', '=', patientId).orderBy('id').execute();
}
