// SQL for the escalations page: recent escalations in scope, and time to claim
// and to first reply (medians) by week and urgency.
import { sql } from 'kysely';
import type { PatientScope } from '../../../app/staff/principal.js';
import type { Executor } from '../connect.js';
import type { EscalationStatus } from '../schema.js';
import { inScope } from './patient-scope.js';

export async function escalationsInScope(db: Executor, scope: PatientScope, filter: { status?: EscalationStatus | undefined; careTeamId?: string | undefined }, limit: number) {
  let q = db
    .selectFrom('escalations')
    .innerJoin('patients', 'patients.id', 'escalations.patient_id')
    .leftJoin('care_teams', 'care_teams.id', 'patients.care_team_id')
    .select([
      'escalations.id', 'escalations.patient_id', 'patients.name', 'patients.label', 'care_teams.name as care_team', 'escalations.urgency', 'escalations.reason',
      'escalations.status', 'escalations.claimed_by', 'escalations.created_at', 'escalations.claimed_at', 'escalations.first_reply_at', 'escalations.resolved_at',
    ])
    .where(inScope(scope))
    .orderBy('escalations.created_at', 'desc')
    .limit(limit);
  if (filter.status) q = q.where('escalations.status', '=', filter.status);
  if (filter.careTeamId) q = q.where('patients.care_team_id', '=', filter.careTeamId);
  return q.execute();
}

export async function responseTimesByWeek(db: Executor, scope: PatientScope, since: Date) {
  return db
    .selectFrom('escalations')
    .innerJoin('patients', 'patients.id', 'escalations.patient_id')
    .select([
      sql<string>`to_char(date_trunc('week', escalations.created_at), 'YYYY-MM-DD')`.as('week'),
      'escalations.urgency',
      sql<string>`count(*)`.as('n'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from escalations.claimed_at - escalations.created_at))`.as('claim_s'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from escalations.first_reply_at - escalations.created_at))`.as('reply_s'),
    ])
    .where(inScope(scope))
    .where('escalations.created_at', '>=', since)
    .groupBy([sql`date_trunc('week', escalations.created_at)`, 'escalations.urgency'])
    .orderBy(sql`date_trunc('week', escalations.created_at)`, 'desc')
    .orderBy('escalations.urgency')
    .execute();
}
