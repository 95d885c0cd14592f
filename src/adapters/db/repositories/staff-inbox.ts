// SQL for the inbox of patient texts that need a person.
import type { PatientScope } from '../../../app/staff/principal.js';
import type { Executor } from '../connect.js';
import { inScope } from './patient-scope.js';

export async function openInboxItems(db: Executor, scope: PatientScope, limit: number) {
  return db
    .selectFrom('staff_inbox')
    .innerJoin('patients', 'patients.id', 'staff_inbox.patient_id')
    .leftJoin('messages', 'messages.id', 'staff_inbox.message_id')
    .leftJoin('care_teams', 'care_teams.id', 'patients.care_team_id')
    .select(['staff_inbox.id', 'staff_inbox.patient_id', 'patients.name', 'patients.label', 'care_teams.name as care_team', 'staff_inbox.reason', 'staff_inbox.created_at', 'messages.body'])
    .where('staff_inbox.status', '=', 'open')
    .where(inScope(scope))
    .orderBy('staff_inbox.created_at')
    .limit(limit)
    .execute();
}

export async function findInboxItem(db: Executor, id: string) {
  return db.selectFrom('staff_inbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Returns false when the item was already handled. */
export async function markInboxHandled(db: Executor, id: string, staffId: string | null, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('staff_inbox')
    .set({ status: 'handled', handled_by: staffId, handled_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
