// `careloop staff add|list|disable|token` and `careloop team create|list|assign`:
// run by an operator on the server, audited as "cli". One-time passwords and
// tokens are printed once.
import type { Command } from 'commander';
import { openDatabase } from '../adapters/db/open.js';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { parseInput } from '../app/patient-input.js';
import { AppError } from '../app/errors.js';
import { addStaff, assignToCareTeam, createCareTeam, disableStaff, issueApiToken, linkSlackUser, listCareTeamsView, listStaffView, newCareTeamSchema, newStaffSchema, slackLinkSchema, type StaffDeps } from '../app/staff/accounts.js';
import { serviceAccount, type Principal } from '../app/staff/principal.js';
import { configOrExit } from './config.js';

const operator: Principal = { ...serviceAccount, name: 'command line', actor: 'cli' };
const print = (text: string) => process.stdout.write(`${text}\n`);

async function withStaffDeps(work: (deps: StaffDeps) => Promise<void>): Promise<void> {
  const config = configOrExit();
  const database = await openDatabase({ url: config.db.url, dataDir: config.db.dataDir });
  try {
    if (config.db.autoMigrate) await migrateToLatest(database.db);
    await work({ db: database.db, clock: systemClock });
  } catch (err) {
    if (err instanceof AppError) {
      const fields = err.fields ? ` (${Object.entries(err.fields).map(([k, v]) => `${k} ${v}`).join('; ')})` : '';
      throw new Error(`${err.message}${fields}`);
    }
    throw err;
  } finally {
    await database.close();
  }
}

export function registerStaff(program: Command): void {
  const staff = program.command('staff').description('staff accounts: add, list, disable, issue API tokens');
  staff
    .command('add')
    .description('add a staff member and print their one-time password')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', 'viewer, nurse or admin')
    .option('--team <name...>', 'care team(s) to join')
    .option('--slack-user <id>', 'their Slack user id (U...)')
    .action(async (o: { email: string; name: string; role: string; team?: string[]; slackUser?: string }) =>
      withStaffDeps(async (deps) => {
        const input = parseInput(newStaffSchema, { email: o.email, name: o.name, role: o.role, careTeams: o.team ?? [], ...(o.slackUser ? { slackUserId: o.slackUser } : {}) });
        const { staff: added, oneTimePassword } = await addStaff(deps, operator, input);
        print(`added ${added.email} (${added.role}${added.careTeams.length ? `, ${added.careTeams.join(', ')}` : ''})`);
        print(`one-time password: ${oneTimePassword}  (shown only now; they choose a new one at first sign-in)`);
      }),
    );
  staff
    .command('list')
    .description('list staff members')
    .action(async () =>
      withStaffDeps(async (deps) => {
        for (const s of await listStaffView(deps, operator)) {
          print([s.email, s.role, s.careTeams.join(',') || '-', s.disabled ? 'disabled' : 'active', s.name].join('\t'));
        }
      }),
    );
  staff
    .command('disable <email>')
    .description('disable a member: sign them out and revoke their API tokens')
    .action(async (email: string) =>
      withStaffDeps(async (deps) => {
        const s = await disableStaff(deps, operator, email);
        print(`disabled ${s.email}`);
      }),
    );
  staff
    .command('link-slack <email> <slackUserId>')
    .description("link a member's Slack user id (U...); use 'none' to unlink")
    .action(async (email: string, slackUserId: string) =>
      withStaffDeps(async (deps) => {
        const { slackUserId: id } = parseInput(slackLinkSchema, { slackUserId: slackUserId === 'none' ? null : slackUserId });
        const s = await linkSlackUser(deps, operator, email, id);
        print(`${s.email} is linked to Slack user ${s.slackUserId ?? '(none)'}`);
      }),
    );
  staff
    .command('token <email>')
    .description("issue an API token for a member (printed once; stored hashed)")
    .option('--name <name>', 'what the token is for', 'api')
    .action(async (email: string, o: { name: string }) =>
      withStaffDeps(async (deps) => {
        print((await issueApiToken(deps, operator, email, o.name)).token);
      }),
    );

  const team = program.command('team').description('care teams: create, list, assign members');
  team
    .command('create <name>')
    .option('--slack-channel <id>', 'the team\'s Slack channel id')
    .action(async (name: string, o: { slackChannel?: string }) =>
      withStaffDeps(async (deps) => {
        const t = await createCareTeam(deps, operator, parseInput(newCareTeamSchema, { name, ...(o.slackChannel ? { slackChannel: o.slackChannel } : {}) }));
        print(`created care team ${t.name} (${t.id})`);
      }),
    );
  team.command('list').action(async () =>
    withStaffDeps(async (deps) => {
      for (const t of await listCareTeamsView(deps, operator)) print(`${t.name}\t${t.id}\t${t.slackChannel ?? '-'}`);
    }),
  );
  team
    .command('assign <team> <email>')
    .description('add a staff member to a care team')
    .action(async (teamName: string, email: string) =>
      withStaffDeps(async (deps) => {
        const s = await assignToCareTeam(deps, operator, email, teamName);
        print(`${s.email} is in ${s.careTeams.join(', ')}`);
      }),
    );
}
