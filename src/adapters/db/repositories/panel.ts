// SQL for the outreach panel: one query per reason, each limited to the
// caller's care teams and the panel's filters, returning a count and the first
// rows. Indexes: enrollments_due, checkins_patient_week, escalations_open,
// messages_failed, staff_inbox_open, patients_care_team.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { PatientScope } from '../../../app/staff/principal.js';
import type { Executor } from '../connect.js';
import type { Database } from '../schema.js';
import { inScope } from './patient-scope.js';

export interface PanelFilter {
  scope: PatientScope;
  careTeamId?: string | undefined;
  /** Matches name or label, case-insensitively. */
  search?: string | undefined;
}

export interface PanelRow {
  patientId: string;
  label: string;
  name: string;
  careTeam: string | null;
  /** Reason-specific: weeks, days, confidence, an age in seconds, an error code... */
  value: string | number | null;
  at: Date | null;
}

export interface PanelList {
  count: number;
  rows: PanelRow[];
}

type Patients = SelectQueryBuilder<Database, 'patients' | 'care_teams', { patientId: string; label: string; name: string; careTeam: string | null }>;

function filtered(db: Executor, f: PanelFilter): Patients {
  let q = db
    .selectFrom('patients')
    .leftJoin('care_teams', 'care_teams.id', 'patients.care_team_id')
    .select(['patients.id as patientId', 'patients.label', 'patients.name', 'care_teams.name as careTeam'])
    .where(inScope(f.scope));
  if (f.careTeamId) q = q.where('patients.care_team_id', '=', f.careTeamId);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb: ExpressionBuilder<Database, 'patients'>) => eb.or([eb('patients.name', 'ilike', like), eb('patients.label', 'ilike', like)]));
  }
  return q;
}

async function countAndRows(db: Executor, q: SelectQueryBuilder<Database, any, any>, limit: number, order: 'value_desc' | 'at_asc' | 'at_desc'): Promise<PanelList> {
  const inner = q.as('r');
  const [{ n }] = (await db.selectFrom(inner).select((eb) => eb.fn.countAll<string>().as('n')).execute()) as [{ n: string }];
  let rows = db.selectFrom(inner).selectAll();
  rows = order === 'value_desc' ? rows.orderBy('r.value', 'desc') : order === 'at_asc' ? rows.orderBy('r.at', 'asc') : rows.orderBy('r.at', 'desc');
  const out = (await rows.orderBy('r.label').limit(limit).execute()) as PanelRow[];
  return { count: Number(n), rows: out };
}

export async function noResponse(db: Executor, f: PanelFilter, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoin('enrollments', 'enrollments.patient_id', 'patients.id')
    .select(['enrollments.consecutive_no_response as value', sql<null>`null::timestamptz`.as('at')])
    .where('patients.status', '=', 'active')
    .where('enrollments.consecutive_no_response', '>=', 2);
  return countAndRows(db, q, limit, 'value_desc');
}

/** The last three answered weeks were all under half of the plan. `value` is the days done in the latest. */
export async function underHalf(db: Executor, f: PanelFilter, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('checkins')
          .select(['checkins.days_done', 'checkins.days_target', 'checkins.cycle', 'checkins.week'])
          .whereRef('checkins.patient_id', '=', 'patients.id')
          .where('checkins.kind', '<>', 'manual')
          .where('checkins.status', 'not in', ['in_progress', 'cancelled'])
          .orderBy('checkins.cycle', 'desc')
          .orderBy('checkins.week', 'desc')
          .limit(3)
          .as('last3'),
      (join) => join.onTrue(),
    )
    .where('patients.status', '=', 'active')
    .groupBy(['patients.id', 'patients.label', 'patients.name', 'care_teams.name'])
    .having((eb) => eb.and([eb(eb.fn.countAll(), '=', 3), eb(sql`bool_and(last3.days_done IS NOT NULL AND last3.days_done * 2 < last3.days_target)`, '=', true)]))
    .select([sql<number>`min(last3.days_done)`.as('value'), sql<null>`null::timestamptz`.as('at')]);
  return countAndRows(db, q, limit, 'value_desc');
}

/** The latest confidence heard (a check-in, else the current plan) is under 7. */
export async function lowConfidence(db: Executor, f: PanelFilter, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('checkins')
          .select(['checkins.confidence', 'checkins.updated_at'])
          .whereRef('checkins.patient_id', '=', 'patients.id')
          .where('checkins.confidence', 'is not', null)
          .orderBy('checkins.created_at', 'desc')
          .limit(1)
          .as('lc'),
      (join) => join.onTrue(),
    )
    .leftJoin('action_plans as plan', (join) => join.onRef('plan.patient_id', '=', 'patients.id').on('plan.superseded_at', 'is', null))
    .select([sql<number>`coalesce(lc.confidence, plan.confidence)`.as('value'), sql<Date | null>`lc.updated_at`.as('at')])
    .where('patients.status', 'in', ['active', 'paused'])
    .where(sql<boolean>`coalesce(lc.confidence, plan.confidence) < 7`);
  return countAndRows(db, q, limit, 'at_desc');
}

export async function openEscalations(db: Executor, f: PanelFilter, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoin('escalations', 'escalations.patient_id', 'patients.id')
    .select([sql<string>`escalations.urgency || ' · ' || escalations.status || ' · ' || escalations.reason`.as('value'), 'escalations.created_at as at'])
    .where('escalations.status', '<>', 'resolved');
  return countAndRows(db, q, limit, 'at_asc');
}

export async function reassessmentDue(db: Executor, f: PanelFilter, until: Date, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoin('enrollments', 'enrollments.patient_id', 'patients.id')
    .select([sql<number>`enrollments.next_checkin_week`.as('value'), 'enrollments.next_checkin_at as at'])
    .where('enrollments.next_checkin_kind', '=', 'reassess')
    .where('enrollments.next_checkin_at', '<=', until);
  return countAndRows(db, q, limit, 'at_asc');
}

export async function openInbox(db: Executor, f: PanelFilter, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoin('staff_inbox', 'staff_inbox.patient_id', 'patients.id')
    .select(['staff_inbox.reason as value', 'staff_inbox.created_at as at'])
    .where('staff_inbox.status', '=', 'open');
  return countAndRows(db, q, limit, 'at_asc');
}

/** The latest failed or undelivered text since `since`, per patient; `value` is Twilio's error code. */
export async function deliveryFailures(db: Executor, f: PanelFilter, since: Date, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('messages')
          .select(['messages.error_code', 'messages.created_at'])
          .whereRef('messages.patient_id', '=', 'patients.id')
          .where('messages.direction', '=', 'outbound')
          .where('messages.status', 'in', ['failed', 'undelivered'])
          .where('messages.created_at', '>=', since)
          .orderBy('messages.created_at', 'desc')
          .limit(1)
          .as('fail'),
      (join) => join.onTrue(),
    )
    .select([sql<string | null>`fail.error_code`.as('value'), sql<Date>`fail.created_at`.as('at')]);
  return countAndRows(db, q, limit, 'at_desc');
}

export async function recentlyOptedOut(db: Executor, f: PanelFilter, since: Date, limit: number): Promise<PanelList> {
  const q = filtered(db, f)
    .select([sql<null>`null::text`.as('value'), 'patients.updated_at as at'])
    .where('patients.status', '=', 'opted_out')
    .where('patients.updated_at', '>=', since);
  return countAndRows(db, q, limit, 'at_desc');
}
