// SQL for patients, their action plans and enrollments (the schedule state).
import { sql } from 'kysely';
import type { Executor } from '../connect.js';
import type { ActionPlansTable, EnrollmentsTable, PatientStatus, PatientsTable } from '../schema.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Patient = Selectable<PatientsTable>;
export type Plan = Selectable<ActionPlansTable>;
export type Enrollment = Selectable<EnrollmentsTable>;

/** Serialises all work on one patient until the transaction ends. */
export async function lockPatient(tx: Executor, patientId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`patient:${patientId}`}, 0))`.execute(tx);
}

export async function findPatientByPhone(db: Executor, phone: string): Promise<Patient | undefined> {
  return db.selectFrom('patients').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function findPatientById(db: Executor, id: string): Promise<Patient | undefined> {
  return db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPatientByLabel(db: Executor, label: string): Promise<Patient | undefined> {
  return db.selectFrom('patients').selectAll().where(sql`lower(label)`, '=', label.toLowerCase()).executeTakeFirst();
}

/** Inserts unless the phone is taken; returns undefined on a duplicate phone. */
export async function insertPatient(db: Executor, row: Insertable<PatientsTable>): Promise<Patient | undefined> {
  return db.insertInto('patients').values(row).onConflict((oc) => oc.column('phone').doNothing()).returningAll().executeTakeFirst();
}

export async function updatePatient(db: Executor, id: string, changes: Updateable<PatientsTable>): Promise<void> {
  await db.updateTable('patients').set(changes).where('id', '=', id).execute();
}

export async function setPatientStatus(db: Executor, id: string, status: PatientStatus, now: Date): Promise<void> {
  await db.updateTable('patients').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function currentPlan(db: Executor, patientId: string): Promise<Plan | undefined> {
  return db.selectFrom('action_plans').selectAll().where('patient_id', '=', patientId).where('superseded_at', 'is', null).executeTakeFirst();
}

/** Supersedes the current plan (if any) and inserts the next version. */
export async function insertPlanVersion(
  db: Executor,
  row: Omit<Insertable<ActionPlansTable>, 'version'>,
  now: Date,
): Promise<Plan> {
  const previous = await db
    .updateTable('action_plans')
    .set({ superseded_at: now })
    .where('patient_id', '=', row.patient_id)
    .where('superseded_at', 'is', null)
    .returning('version')
    .executeTakeFirst();
  return db
    .insertInto('action_plans')
    .values({ ...row, version: (previous?.version ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEnrollment(db: Executor, patientId: string): Promise<Enrollment | undefined> {
  return db.selectFrom('enrollments').selectAll().where('patient_id', '=', patientId).executeTakeFirst();
}

export async function upsertEnrollment(db: Executor, row: Insertable<EnrollmentsTable>): Promise<void> {
  await db
    .insertInto('enrollments')
    .values(row)
    .onConflict((oc) => oc.column('patient_id').doUpdateSet(row))
    .execute();
}

export async function updateEnrollment(db: Executor, patientId: string, changes: Updateable<EnrollmentsTable>): Promise<void> {
  await db.updateTable('enrollments').set(changes).where('patient_id', '=', patientId).execute();
}
