// Who needs outreach now: each reason with a count and the first rows, within
// the caller's care teams. The order of REASONS is the order on the panel.
import type { Db } from '../../adapters/db/connect.js';
import {
  deliveryFailures, lowConfidence, noResponse, openEscalations, openInbox, reassessmentDue, recentlyOptedOut, underHalf, type PanelList,
} from '../../adapters/db/repositories/panel.js';
import { invalidInput } from '../errors.js';
import type { Clock } from '../ports.js';
import { requirePermission, type Principal } from '../staff/principal.js';

export const REASONS = [
  { key: 'escalations', title: 'Open escalations', describe: 'waiting for the care team, oldest first' },
  { key: 'inbox', title: 'Texts careloop could not read', describe: 'need a person to read them' },
  { key: 'no_response', title: 'No reply for 2+ weeks', describe: 'weekly check-ins in a row with no answer' },
  { key: 'under_half', title: 'Under half the plan for 3+ weeks', describe: 'the last three answered weeks' },
  { key: 'low_confidence', title: 'Confidence under 7', describe: 'the latest confidence they gave' },
  { key: 'reassessment', title: 'Due for reassessment', describe: 'within the next 7 days' },
  { key: 'delivery', title: 'Texts not delivered', describe: 'failed in the last 30 days (landline, unreachable, invalid)' },
  { key: 'opted_out', title: 'Recently opted out', describe: 'in the last 14 days' },
] as const;

export type ReasonKey = (typeof REASONS)[number]['key'];
export type Panel = Record<ReasonKey, PanelList>;

const DAY = 24 * 60 * 60 * 1000;

export interface PanelQuery {
  careTeamId?: string | undefined;
  search?: string | undefined;
  /** Rows per reason. */
  limit?: number;
}

export async function buildPanel(deps: { db: Db; clock: Clock }, principal: Principal, query: PanelQuery): Promise<Panel> {
  requirePermission(principal, 'read');
  if (query.careTeamId && principal.scope.teamIds !== null && !principal.scope.teamIds.includes(query.careTeamId)) {
    throw invalidInput('not one of your care teams', { careTeam: 'choose one of your care teams' });
  }
  const now = deps.clock.now().getTime();
  const f = { scope: principal.scope, careTeamId: query.careTeamId, search: query.search?.trim() || undefined };
  const limit = query.limit ?? 25;
  const { db } = deps;
  const [escalations, inbox, no_response, under_half, low_confidence, reassessment, delivery, opted_out] = await Promise.all([
    openEscalations(db, f, limit),
    openInbox(db, f, limit),
    noResponse(db, f, limit),
    underHalf(db, f, limit),
    lowConfidence(db, f, limit),
    reassessmentDue(db, f, new Date(now + 7 * DAY), limit),
    deliveryFailures(db, f, new Date(now - 30 * DAY), limit),
    recentlyOptedOut(db, f, new Date(now - 14 * DAY), limit),
  ]);
  return { escalations, inbox, no_response, under_half, low_confidence, reassessment, delivery, opted_out };
}
