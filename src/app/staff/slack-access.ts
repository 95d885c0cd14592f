// Slack users act only through a linked, active staff account: /careloop and
// the escalation buttons, modals and thread replies check the member's role
// and care teams exactly as the dashboard and API do. An unlinked Slack user is
// told how to get linked; a patient outside their teams is "not found".
import type { Db } from '../../adapters/db/connect.js';
import { findEscalation } from '../../adapters/db/repositories/escalations.js';
import { findStaffBySlackUser } from '../../adapters/db/repositories/staff.js';
import { AppError, notFound } from '../errors.js';
import { visiblePatient } from './access.js';
import { requirePermission, type Permission, type Principal } from './principal.js';
import { principalFor } from './sessions.js';

export async function slackPrincipal(db: Db, slackUserId: string): Promise<Principal> {
  const staff = await findStaffBySlackUser(db, slackUserId);
  if (!staff || staff.disabled_at) {
    throw new AppError('forbidden', `Your Slack account is not linked to a careloop staff account. Ask an admin to run: careloop staff add --slack-user ${slackUserId} (or link it in careloop).`);
  }
  return principalFor(db, staff);
}

export async function slackMayUse(db: Db, slackUserId: string, permission: Permission): Promise<Principal> {
  const principal = await slackPrincipal(db, slackUserId);
  requirePermission(principal, permission);
  return principal;
}

export async function slackMayTouchPatient(db: Db, slackUserId: string, patientId: string, permission: Permission): Promise<Principal> {
  const principal = await slackPrincipal(db, slackUserId);
  await visiblePatient(db, principal, patientId, permission);
  return principal;
}

export async function slackMayTouchEscalation(db: Db, slackUserId: string, escalationId: string, permission: Permission): Promise<Principal> {
  const escalation = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(escalationId) ? await findEscalation(db, escalationId) : undefined;
  if (!escalation) throw notFound('escalation');
  return slackMayTouchPatient(db, slackUserId, escalation.patient_id, permission);
}
