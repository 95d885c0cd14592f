// SQL for staff accounts, their care-team membership and their API tokens.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../connect.js';
import type { StaffRole, StaffTable } from '../schema.js';

export type StaffRow = Selectable<StaffTable>;

export async function insertStaff(db: Executor, row: Insertable<StaffTable>): Promise<StaffRow | undefined> {
  return db.insertInto('staff').values(row).onConflict((oc) => oc.column('email').doNothing()).returningAll().executeTakeFirst();
}

export async function countStaff(db: Executor): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findStaffByEmail(db: Executor, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findStaffById(db: Executor, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffBySlackUser(db: Executor, slackUserId: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
}

export async function listStaff(db: Executor): Promise<(StaffRow & { teams: string[] })[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('email').execute();
  const memberships = await db
    .selectFrom('staff_care_teams')
    .innerJoin('care_teams', 'care_teams.id', 'staff_care_teams.care_team_id')
    .select(['staff_care_teams.staff_id', 'care_teams.name'])
    .orderBy('care_teams.name')
    .execute();
  return rows.map((r) => ({ ...r, teams: memberships.filter((m) => m.staff_id === r.id).map((m) => m.name) }));
}

export async function updateStaff(
  db: Executor,
  id: string,
  changes: { role?: StaffRole; name?: string; password_hash?: string | null; must_change_password?: boolean; disabled_at?: Date | null; slack_user_id?: string | null; oidc_subject?: string | null; updated_at: Date },
): Promise<void> {
  await db.updateTable('staff').set(changes).where('id', '=', id).execute();
}

export async function teamIdsOf(db: Executor, staffId: string): Promise<string[]> {
  const rows = await db.selectFrom('staff_care_teams').select('care_team_id').where('staff_id', '=', staffId).execute();
  return rows.map((r) => r.care_team_id);
}

/** Returns false when the member already belonged to the team. */
export async function addMembership(db: Executor, staffId: string, careTeamId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('staff_care_teams')
    .values({ staff_id: staffId, care_team_id: careTeamId, created_at: at })
    .onConflict((oc) => oc.columns(['staff_id', 'care_team_id']).doNothing())
    .returning('staff_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function removeMembership(db: Executor, staffId: string, careTeamId: string): Promise<void> {
  await db.deleteFrom('staff_care_teams').where('staff_id', '=', staffId).where('care_team_id', '=', careTeamId).execute();
}

export async function insertApiToken(db: Executor, row: { staff_id: string; name: string; token_hash: string; created_at: Date }): Promise<string> {
  const { id } = await db.insertInto('staff_api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The live token's owner; undefined for an unknown, revoked or disabled one. */
export async function findTokenOwner(db: Executor, tokenHash: string): Promise<{ tokenId: string; staff: StaffRow } | undefined> {
  const row = await db
    .selectFrom('staff_api_tokens')
    .innerJoin('staff', 'staff.id', 'staff_api_tokens.staff_id')
    .selectAll('staff')
    .select('staff_api_tokens.id as token_id')
    .where('staff_api_tokens.token_hash', '=', tokenHash)
    .where('staff_api_tokens.revoked_at', 'is', null)
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { token_id, ...staff } = row;
  return { tokenId: token_id, staff };
}

export async function touchApiToken(db: Executor, tokenId: string, at: Date): Promise<void> {
  await db.updateTable('staff_api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export async function revokeApiTokens(db: Executor, staffId: string, at: Date): Promise<void> {
  await db.updateTable('staff_api_tokens').set({ revoked_at: at }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).execute();
}
