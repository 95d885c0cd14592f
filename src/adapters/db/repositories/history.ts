// SQL for one patient's history: weekly check-ins, plan versions, ideas
// chosen, setback and mood sessions, escalations and a page of messages.
import type { Executor } from '../connect.js';

export async function weeklyCheckins(db: Executor, patientId: string) {
  return db
    .selectFrom('checkins')
    .select(['id', 'cycle', 'week', 'week_start', 'kind', 'status', 'days_done', 'days_target', 'confidence', 'barrier'])
    .where('patient_id', '=', patientId)
    .where('kind', '<>', 'manual')
    .orderBy('cycle')
    .orderBy('week')
    .execute();
}

export async function planVersions(db: Executor, patientId: string) {
  return db
    .selectFrom('action_plans')
    .select(['version', 'action', 'days_per_week', 'confidence', 'start_date', 'source', 'created_at', 'superseded_at'])
    .where('patient_id', '=', patientId)
    .orderBy('version')
    .execute();
}

/** Ideas the patient chose for a barrier, with the check-in they belong to. */
export async function chosenIdeas(db: Executor, patientId: string) {
  return db
    .selectFrom('conversation_results')
    .leftJoin('checkins', 'checkins.id', 'conversation_results.checkin_id')
    .select(['conversation_results.name', 'conversation_results.category', 'conversation_results.value', 'conversation_results.created_at', 'checkins.cycle', 'checkins.week'])
    .where('conversation_results.patient_id', '=', patientId)
    .where('conversation_results.name', 'in', ['idea', 'own_idea', 'will_try'])
    .orderBy('conversation_results.created_at')
    .execute();
}

export async function sessionsOf(db: Executor, patientId: string, conversationIds: string[]) {
  return db
    .selectFrom('conversation_sessions')
    .leftJoin('checkins', 'checkins.id', 'conversation_sessions.checkin_id')
    .select(['conversation_sessions.conversation_id', 'conversation_sessions.outcome', 'conversation_sessions.started_at', 'checkins.cycle', 'checkins.week'])
    .where('conversation_sessions.patient_id', '=', patientId)
    .where('conversation_sessions.conversation_id', 'in', conversationIds)
    .orderBy('conversation_sessions.started_at')
    .execute();
}

export async function patientEscalations(db: Executor, patientId: string) {
  return db
    .selectFrom('escalations')
    .select(['id', 'urgency', 'reason', 'status', 'claimed_by', 'created_at', 'claimed_at', 'first_reply_at', 'resolved_at'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Newest first; `page` from 1. */
export async function messagePage(db: Executor, patientId: string, page: number, size: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['id', 'direction', 'author', 'body', 'status', 'error_code', 'staff_name', 'created_at'])
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
    db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('patient_id', '=', patientId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
