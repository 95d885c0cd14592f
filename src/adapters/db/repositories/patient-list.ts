// SQL for the patient list (keyset pages by label) and the patient-week export
// (keyset batches, so an export of any size reads with flat memory).
import { sql } from 'kysely';
import type { PatientScope } from '../../../app/staff/principal.js';
import type { Executor } from '../connect.js';
import type { PatientStatus } from '../schema.js';
import { inScope } from './patient-scope.js';

export interface PatientListFilter {
  scope: PatientScope;
  status?: PatientStatus | undefined;
  careTeamId?: string | undefined;
  search?: string | undefined;
  after?: { label: string; id: string } | undefined;
  limit: number;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listPatients(db: Executor, f: PatientListFilter) {
  let q = db
    .selectFrom('patients')
    .leftJoin('care_teams', 'care_teams.id', 'patients.care_team_id')
    .leftJoin('action_plans as plan', (join) => join.onRef('plan.patient_id', '=', 'patients.id').on('plan.superseded_at', 'is', null))
    .select([
      'patients.id', 'patients.label', 'patients.name', 'patients.status', 'patients.language', 'patients.created_at', 'care_teams.name as care_team',
      'plan.action', 'plan.days_per_week', 'plan.confidence',
    ])
    .where(inScope(f.scope))
    .orderBy('patients.label')
    .orderBy('patients.id')
    .limit(f.limit);
  if (f.status) q = q.where('patients.status', '=', f.status);
  if (f.careTeamId) q = q.where('patients.care_team_id', '=', f.careTeamId);
  if (f.search) q = q.where((eb) => eb.or([eb('patients.name', 'ilike', like(f.search!)), eb('patients.label', 'ilike', like(f.search!))]));
  if (f.after) q = q.where(sql<boolean>`(patients.label, patients.id) > (${f.after.label}, ${f.after.id}::uuid)`);
  return q.execute();
}

export interface WeekExportFilter {
  scope: PatientScope;
  careTeamId?: string | undefined;
  /** week_start on or after / on or before (ISO dates). */
  from?: string | undefined;
  to?: string | undefined;
}

export type WeekKey = { patientId: string; cycle: number; week: number; id: string };

export async function patientWeeksBatch(db: Executor, f: WeekExportFilter, after: WeekKey | null, size: number) {
  let q = db
    .selectFrom('checkins')
    .innerJoin('patients', 'patients.id', 'checkins.patient_id')
    .leftJoin('care_teams', 'care_teams.id', 'patients.care_team_id')
    .leftJoin('action_plans', 'action_plans.id', 'checkins.plan_id')
    .select([
      'checkins.id', 'checkins.patient_id', 'patients.label', 'care_teams.name as care_team', 'checkins.cycle', 'checkins.week', 'checkins.week_start',
      'checkins.kind', 'checkins.status', 'checkins.days_done', 'checkins.days_target', 'checkins.confidence', 'checkins.barrier', 'action_plans.action',
    ])
    .where(inScope(f.scope))
    .orderBy('checkins.patient_id')
    .orderBy('checkins.cycle')
    .orderBy('checkins.week')
    .orderBy('checkins.id')
    .limit(size);
  if (f.careTeamId) q = q.where('patients.care_team_id', '=', f.careTeamId);
  if (f.from) q = q.where('checkins.week_start', '>=', f.from);
  if (f.to) q = q.where('checkins.week_start', '<=', f.to);
  if (after) q = q.where(sql<boolean>`(checkins.patient_id, checkins.cycle, checkins.week, checkins.id) > (${after.patientId}::uuid, ${after.cycle}, ${after.week}, ${after.id}::uuid)`);
  return q.execute();
}
