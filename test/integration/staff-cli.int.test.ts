// `careloop staff` and `careloop team` as an operator runs them, on a real database.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStaff } from '../../src/adapters/db/repositories/staff.js';
import { verifyPassword } from '../../src/app/staff/secrets.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let t: TestDatabase;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/careloop.js', ...args], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 90_000,
  });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

// Each step starts the CLI (tsx, a database connection): allow for a slow, shared machine.
describe('careloop staff and team', { timeout: 240_000 }, () => {
  it('when a team is created and a nurse added to it, then the printed one-time password signs them in', async () => {
    expect(cli('team', 'create', 'North').status).toBe(0);
    const added = cli('staff', 'add', '--email', 'Nina@Clinic.test', '--name', 'Nina North', '--role', 'nurse', '--team', 'North');
    expect(added.status).toBe(0);
    const password = /one-time password: (\S+)/.exec(added.stdout)?.[1];
    expect(password).toBeDefined();
    const [row] = await listStaff(t.db);
    expect(row).toMatchObject({ email: 'nina@clinic.test', role: 'nurse', teams: ['North'], must_change_password: true });
    expect(row!.password_hash).not.toContain(password!);
    expect(await verifyPassword(password!, row!.password_hash!)).toBe(true);
    const listed = cli('staff', 'list');
    expect(listed.stdout).toContain('nina@clinic.test\tnurse\tNorth\tactive');
  });

  it('when the role is unknown, then it exits 1 naming the field', () => {
    const res = cli('staff', 'add', '--email', 'x@clinic.test', '--name', 'X', '--role', 'doctor');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/role/);
  });

  it('when a member is disabled, then the list says so and the audit log names the CLI', async () => {
    expect(cli('staff', 'disable', 'nina@clinic.test').status).toBe(0);
    expect(cli('staff', 'list').stdout).toContain('\tdisabled\t');
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['cli care_team.created', 'cli staff.added', 'cli staff.disabled']);
  });
});
