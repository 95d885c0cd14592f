// Staff accounts and care teams: add, list, disable, assign, issue API tokens,
// change a password. Every change is in the audit log under the acting member.
import { z } from 'zod';
import type { Db } from '../../adapters/db/connect.js';
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { findCareTeam, findCareTeamByName, insertCareTeam, listCareTeams } from '../../adapters/db/repositories/care-teams.js';
import { addMembership, findStaffByEmail, findStaffById, findStaffBySlackUser, insertApiToken, insertStaff, listStaff, revokeApiTokens, updateStaff, type StaffRow } from '../../adapters/db/repositories/staff.js';
import { deleteStaffSessions } from '../../adapters/db/repositories/staff-sessions.js';
import { AppError, conflict, invalidInput, notFound } from '../errors.js';
import type { Clock } from '../ports.js';
import { requirePermission, ROLES, type Principal, type Role } from './principal.js';
import { hashPassword, newApiToken, oneTimePassword, sha256 } from './secrets.js';

export interface StaffDeps {
  db: Db;
  clock: Clock;
}

export const newStaffSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address').max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES as [Role, ...Role[]]),
  careTeams: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id like U0123ABCD').optional(),
});
export type NewStaff = z.infer<typeof newStaffSchema>;

export const newCareTeamSchema = z.object({
  name: z.string().trim().min(1).max(100),
  slackChannel: z.string().trim().min(1).max(80).optional(),
  urgentMention: z.string().trim().min(1).max(120).optional(),
});

export const staffViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  careTeams: z.array(z.string()),
  disabled: z.boolean(),
  slackUserId: z.string().nullable(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

const view = (s: StaffRow, teams: string[]): StaffView => ({
  id: s.id,
  email: s.email,
  name: s.name,
  role: s.role,
  careTeams: teams,
  disabled: s.disabled_at !== null,
  slackUserId: s.slack_user_id,
});

/** Creates a member with a one-time password (shown once; they must change it at first sign-in). */
export async function addStaff(deps: StaffDeps, by: Principal, input: NewStaff): Promise<{ staff: StaffView; oneTimePassword: string }> {
  requirePermission(by, 'manage');
  const now = deps.clock.now();
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const staff = await deps.db.transaction().execute(async (tx) => {
    const teams = [];
    for (const name of input.careTeams) {
      const team = await findCareTeamByName(tx, name);
      if (!team) throw invalidInput('unknown care team', { careTeams: `no care team named ${name}` });
      teams.push(team);
    }
    const row = await insertStaff(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      must_change_password: true,
      slack_user_id: input.slackUserId ?? null,
      oidc_subject: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    if (!row) throw conflict(`a staff member with the email ${input.email} exists`);
    for (const team of teams) await addMembership(tx, row.id, team.id, now);
    await appendAudit(tx, { at: now, actor: by.actor, action: 'staff.added', patientId: null, details: { staffId: row.id, email: row.email, role: row.role, careTeams: teams.map((t) => t.name) } });
    return view(row, teams.map((t) => t.name));
  });
  return { staff, oneTimePassword: password };
}

export async function listStaffView(deps: StaffDeps, by: Principal): Promise<StaffView[]> {
  requirePermission(by, 'manage');
  return (await listStaff(deps.db)).map((s) => view(s, s.teams));
}

async function staffByRef(db: Db, ref: string): Promise<StaffRow> {
  const found = ref.includes('@') ? await findStaffByEmail(db, ref) : /^[0-9a-f-]{36}$/i.test(ref) ? await findStaffById(db, ref) : undefined;
  if (!found) throw notFound('staff member');
  return found;
}

/** Disables the account, ends its sessions and revokes its API tokens. */
export async function disableStaff(deps: StaffDeps, by: Principal, ref: string): Promise<StaffView> {
  requirePermission(by, 'manage');
  const now = deps.clock.now();
  const staff = await staffByRef(deps.db, ref);
  if (staff.id === by.staffId) throw new AppError('conflict', 'you cannot disable your own account');
  await deps.db.transaction().execute(async (tx) => {
    await updateStaff(tx, staff.id, { disabled_at: now, updated_at: now });
    await deleteStaffSessions(tx, staff.id);
    await revokeApiTokens(tx, staff.id, now);
    await appendAudit(tx, { at: now, actor: by.actor, action: 'staff.disabled', patientId: null, details: { staffId: staff.id, email: staff.email } });
  });
  const after = (await listStaff(deps.db)).find((s) => s.id === staff.id)!;
  return view(after, after.teams);
}

export async function createCareTeam(deps: StaffDeps, by: Principal, input: z.infer<typeof newCareTeamSchema>) {
  requirePermission(by, 'manage');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const team = await insertCareTeam(tx, { name: input.name, slack_channel: input.slackChannel ?? null, urgent_mention: input.urgentMention ?? null });
    if (!team) throw conflict(`a care team named ${input.name} exists`);
    await appendAudit(tx, { at: now, actor: by.actor, action: 'care_team.created', patientId: null, details: { careTeamId: team.id, name: team.name } });
    return { id: team.id, name: team.name, slackChannel: team.slack_channel };
  });
}

export async function listCareTeamsView(deps: StaffDeps, by: Principal) {
  requirePermission(by, 'read');
  return (await listCareTeams(deps.db))
    .filter((t) => by.scope.teamIds === null || by.scope.teamIds.includes(t.id))
    .map((t) => ({ id: t.id, name: t.name, slackChannel: t.slack_channel }));
}

/** Adds a member to a care team, by email or id and by team name or id. */
export async function assignToCareTeam(deps: StaffDeps, by: Principal, staffRef: string, teamRef: string): Promise<StaffView> {
  requirePermission(by, 'manage');
  const now = deps.clock.now();
  const staff = await staffByRef(deps.db, staffRef);
  const team = /^[0-9a-f-]{36}$/i.test(teamRef) ? await findCareTeam(deps.db, teamRef) : await findCareTeamByName(deps.db, teamRef);
  if (!team) throw notFound('care team');
  await deps.db.transaction().execute(async (tx) => {
    if (await addMembership(tx, staff.id, team.id, now)) {
      await appendAudit(tx, { at: now, actor: by.actor, action: 'care_team.member_added', patientId: null, details: { staffId: staff.id, email: staff.email, careTeam: team.name } });
    }
  });
  const after = (await listStaff(deps.db)).find((s) => s.id === staff.id)!;
  return view(after, after.teams);
}

/** A new API token for a member; only its hash is stored, so it is returned once. Members may issue their own; admins anyone's. */
export async function issueApiToken(deps: StaffDeps, by: Principal, staffRef: string, name: string): Promise<{ token: string; id: string }> {
  const staff = await staffByRef(deps.db, staffRef);
  if (staff.id !== by.staffId) requirePermission(by, 'manage');
  if (staff.disabled_at) throw conflict('the account is disabled');
  const now = deps.clock.now();
  const token = newApiToken();
  const id = await deps.db.transaction().execute(async (tx) => {
    const tokenId = await insertApiToken(tx, { staff_id: staff.id, name, token_hash: sha256(token), created_at: now });
    await appendAudit(tx, { at: now, actor: by.actor, action: 'staff.token_issued', patientId: null, details: { staffId: staff.id, email: staff.email, tokenId, name } });
    return tokenId;
  });
  return { token, id };
}

export async function changePassword(deps: StaffDeps, by: Principal, newPassword: string): Promise<void> {
  if (!by.staffId) throw new AppError('forbidden', 'the shared API token has no password');
  if (newPassword.length < 12) throw invalidInput('password too short', { password: 'must be at least 12 characters' });
  if (newPassword.length > 200) throw invalidInput('password too long', { password: 'must be at most 200 characters' });
  const now = deps.clock.now();
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await updateStaff(tx, by.staffId!, { password_hash: hash, must_change_password: false, updated_at: now });
    await appendAudit(tx, { at: now, actor: by.actor, action: 'staff.password_changed', patientId: null, details: { staffId: by.staffId } });
  });
}

export const slackLinkSchema = z.strictObject({ slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id like U0123ABCD').nullable() });

/** Links (or with null unlinks) a member's Slack user id, so their Slack actions are checked against their role and teams. */
export async function linkSlackUser(deps: StaffDeps, by: Principal, ref: string, slackUserId: string | null): Promise<StaffView> {
  requirePermission(by, 'manage');
  const staff = await staffByRef(deps.db, ref);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const taken = slackUserId ? await findStaffBySlackUser(tx, slackUserId) : undefined;
    if (taken && taken.id !== staff.id) throw conflict(`that Slack user is linked to ${taken.email}`);
    await updateStaff(tx, staff.id, { slack_user_id: slackUserId, updated_at: now });
    await appendAudit(tx, { at: now, actor: by.actor, action: 'staff.slack_linked', patientId: null, details: { staffId: staff.id, email: staff.email, slackUserId } });
  });
  const after = (await listStaff(deps.db)).find((s) => s.id === staff.id)!;
  return view(after, after.teams);
}
