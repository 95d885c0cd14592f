// SQL for care-team limits: which of some patients a scope may see, and the
// where-clause every patient list applies.
import type { ExpressionBuilder } from 'kysely';
import type { PatientScope } from '../../../app/staff/principal.js';
import type { Executor } from '../connect.js';
import type { Database } from '../schema.js';

/** A where-clause on `patients` for the scope (use inside .where()). */
export function inScope(scope: PatientScope) {
  return (eb: ExpressionBuilder<Database, 'patients'>) => {
    if (scope.teamIds === null) return eb.lit(true);
    const teams = scope.teamIds.length > 0 ? eb('patients.care_team_id', 'in', scope.teamIds) : eb.lit(false);
    return scope.unassigned ? eb.or([teams, eb('patients.care_team_id', 'is', null)]) : teams;
  };
}

export async function filterVisiblePatients(db: Executor, scope: PatientScope, ids: string[]): Promise<Set<string>> {
  if (scope.teamIds === null) return new Set(ids);
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('patients').select('id').where('id', 'in', [...new Set(ids)]).where(inScope(scope)).execute();
  return new Set(rows.map((r) => r.id));
}
