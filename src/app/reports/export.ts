// The patient-week CSV export: one row per weekly check-in, within the
// caller's care teams, streamed in keyset batches through csv-stringify so
// memory stays flat whatever the size. The export is audited before the first
// row is written, so an export cut off half way is still on record.
// Rows carry the pseudonymous label, not the name or phone (minimum necessary).
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { Db } from '../../adapters/db/connect.js';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { findCareTeamByName } from '../../adapters/db/repositories/care-teams.js';
import { patientWeeksBatch, type WeekExportFilter, type WeekKey } from '../../adapters/db/repositories/patient-list.js';
import { invalidInput } from '../errors.js';
import type { Clock } from '../ports.js';
import { requirePermission, type Principal } from '../staff/principal.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-02');
export const exportQuerySchema = z.strictObject({
  from: isoDate.optional().describe('first week start to include'),
  to: isoDate.optional().describe('last week start to include'),
  careTeam: z.string().trim().min(1).max(100).optional(),
});

export const PATIENT_WEEK_COLUMNS = ['patient_id', 'label', 'care_team', 'cycle', 'week', 'week_start', 'kind', 'status', 'days_done', 'days_target', 'confidence', 'barrier', 'plan_action'] as const;

const BATCH = 1000;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe. */
const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

async function* rows(db: Db, filter: WeekExportFilter) {
  let after: WeekKey | null = null;
  for (;;) {
    const batch = await patientWeeksBatch(db, filter, after, BATCH);
    for (const r of batch) {
      yield [r.patient_id, r.label, r.care_team, r.cycle, r.week, r.week_start, r.kind, r.status, r.days_done, r.days_target, r.confidence, r.barrier, r.action];
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < BATCH) return;
    after = { patientId: last.patient_id, cycle: last.cycle, week: last.week, id: last.id };
  }
}

/** Checks the caller may export, records the export, then returns a function that streams the CSV into `out`. */
export async function preparePatientWeekExport(deps: { db: Db; clock: Clock }, principal: Principal, query: z.infer<typeof exportQuerySchema>): Promise<(out: Writable) => Promise<void>> {
  requirePermission(principal, 'export');
  if (query.from && query.to && query.from > query.to) throw invalidInput('from is after to', { from: 'must be on or before to' });
  const team = query.careTeam ? await findCareTeamByName(deps.db, query.careTeam) : undefined;
  if (query.careTeam && (!team || (principal.scope.teamIds !== null && !principal.scope.teamIds.includes(team.id)))) {
    throw invalidInput('unknown care team', { careTeam: 'name one of your care teams' });
  }
  const filter: WeekExportFilter = { scope: principal.scope, careTeamId: team?.id, from: query.from, to: query.to };
  await appendAudit(deps.db, { at: deps.clock.now(), actor: principal.actor, action: 'export.patient_weeks', patientId: null, details: { from: query.from ?? null, to: query.to ?? null, careTeam: team?.name ?? null } });
  return (out) => pipeline(Readable.from(rows(deps.db, filter)), stringify({ header: true, columns: [...PATIENT_WEEK_COLUMNS], cast: { string: defuse } }), out);
}
