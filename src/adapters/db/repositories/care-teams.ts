// SQL for care teams (each with its own Slack channel and urgent mention).
import type { Selectable } from 'kysely';
import type { Executor } from '../connect.js';
import type { CareTeamsTable } from '../schema.js';

export type CareTeam = Selectable<CareTeamsTable>;

export async function findCareTeamByName(db: Executor, name: string): Promise<CareTeam | undefined> {
  return db.selectFrom('care_teams').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findCareTeam(db: Executor, id: string): Promise<CareTeam | undefined> {
  return db.selectFrom('care_teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function defaultCareTeam(db: Executor): Promise<CareTeam | undefined> {
  return db.selectFrom('care_teams').selectAll().where('is_default', '=', true).executeTakeFirst();
}

/** Returns undefined when a team with that name exists. */
export async function insertCareTeam(db: Executor, row: { name: string; slack_channel: string | null; urgent_mention: string | null }): Promise<CareTeam | undefined> {
  return db.insertInto('care_teams').values(row).onConflict((oc) => oc.column('name').doNothing()).returningAll().executeTakeFirst();
}

export async function listCareTeams(db: Executor): Promise<CareTeam[]> {
  return db.selectFrom('care_teams').selectAll().orderBy('name').execute();
}
