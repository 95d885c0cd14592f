// SQL for check-ins (one per patient per program week) and conversation results.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../connect.js';
import type { CheckinsTable, ConversationResultsTable } from '../schema.js';

export type Checkin = Selectable<CheckinsTable>;

/** Returns undefined when this patient's check-in for that cycle and week already exists. */
export async function insertCheckinOnce(db: Executor, row: Insertable<CheckinsTable>): Promise<Checkin | undefined> {
  return db
    .insertInto('checkins')
    .values(row)
    .onConflict((oc) => oc.columns(['patient_id', 'cycle', 'week']).where('kind', '<>', 'manual').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCheckin(db: Executor, id: string, changes: Updateable<CheckinsTable>): Promise<void> {
  await db.updateTable('checkins').set(changes).where('id', '=', id).execute();
}

export async function listCheckins(db: Executor, patientId: string): Promise<Checkin[]> {
  return db.selectFrom('checkins').selectAll().where('patient_id', '=', patientId).orderBy('created_at', 'desc').orderBy('week', 'desc').execute();
}

export async function insertResult(db: Executor, row: Insertable<ConversationResultsTable>): Promise<void> {
  await db.insertInto('conversation_results').values(row).execute();
}

export async function insertDailyLog(db: Executor, row: { patient_id: string; local_date: string; created_at: Date }): Promise<void> {
  await db.insertInto('daily_logs').values(row).onConflict((oc) => oc.columns(['patient_id', 'local_date']).doNothing()).execute();
}

export async function countDailyLogs(db: Executor, patientId: string, fromDate: string, toDate: string): Promise<number> {
  const row = await db
    .selectFrom('daily_logs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('patient_id', '=', patientId)
    .where('local_date', '>=', fromDate)
    .where('local_date', '<=', toDate)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasCompletedCheckin(db: Executor, patientId: string, cycle: number, kind: Checkin['kind']): Promise<boolean> {
  const row = await db
    .selectFrom('checkins')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('cycle', '=', cycle)
    .where('kind', '=', kind)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The idea the patient chose to try in barrier-solving (a menu key such as
 * "alarm", or their own words), if it was chosen since `since` and no later
 * check-in has asked about it yet (result "idea_check").
 */
export async function ideaToCheck(db: Executor, patientId: string, since: Date): Promise<string | null> {
  const idea = await db
    .selectFrom('conversation_results')
    .select(['value', 'created_at'])
    .where('patient_id', '=', patientId)
    .where('name', 'in', ['idea', 'own_idea'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!idea || typeof idea.value !== 'string' || idea.value.trim() === '') return null;
  const checked = await db
    .selectFrom('conversation_results')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('name', '=', 'idea_check')
    .where('created_at', '>=', idea.created_at)
    .executeTakeFirst();
  return checked ? null : idea.value;
}

/** Of `patientIds`, those who chose an idea in barrier-solving since `since` (their check-in asks whether it helped). */
export async function patientsWithIdeasSince(db: Executor, patientIds: string[], since: Date): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('conversation_results')
    .select('patient_id')
    .distinct()
    .where('patient_id', 'in', patientIds)
    .where('name', 'in', ['idea', 'own_idea'])
    .where('created_at', '>=', since)
    .execute();
  return new Set(rows.map((r) => r.patient_id));
}

/** Results that hold the patient's own words (free-text questions, own answers, unclear replies). */
export const FREE_TEXT_RESULTS = ['strengths', 'what_would_help', 'own_idea', 'other_barrier', 'why_it_matters', 'teach_back', 'new_action'] as const;

export async function recentFreeText(db: Executor, patientId: string, limit: number): Promise<{ name: string; value: unknown; category: string | null; created_at: Date }[]> {
  return db
    .selectFrom('conversation_results')
    .select(['name', 'value', 'category', 'created_at'])
    .where('patient_id', '=', patientId)
    .where((eb) => eb.or([eb('name', 'in', [...FREE_TEXT_RESULTS]), eb('category', 'in', ['own_answer', 'unclear'])]))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
