// Sign-in, sessions and the rate limit on a real database with a fake clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff } from '../../src/app/staff/accounts.js';
import { serviceAccount } from '../../src/app/staff/principal.js';
import { anonymousSession, loadSession, SESSION_IDLE_MS, signIn } from '../../src/app/staff/sessions.js';
import { sha256 } from '../../src/app/staff/secrets.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';

let t: TestDatabase;
const clock = new FakeClock('2026-03-02T15:00:00Z');
let password: string;
const deps = () => ({ db: t.db, clock });

beforeAll(async () => {
  t = await createTestDatabase();
  ({ oneTimePassword: password } = await addStaff(deps(), serviceAccount, { email: 'kim@clinic.test', name: 'Kim', role: 'nurse', careTeams: [] }));
});
afterAll(async () => t.drop());

describe('sign-in', () => {
  it('when the password is right, then a new session replaces the visitor one and only hashes are stored', async () => {
    const visitor = await anonymousSession(deps());
    const session = await signIn(deps(), { email: ' KIM@clinic.test ', password, address: '10.0.0.1', previousSecret: visitor.secret });
    expect(session.principal).toMatchObject({ email: 'kim@clinic.test', role: 'nurse', actor: 'staff:kim@clinic.test', mustChangePassword: true });
    expect(session.secret).not.toBe(visitor.secret);
    expect(await loadSession(deps(), visitor.secret)).toBeUndefined();
    const stored = await t.db.selectFrom('staff_sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).toContain(sha256(session.secret));
    expect(stored.map((s) => s.id_hash)).not.toContain(session.secret);
  });

  it('when a session is idle longer than its lifetime, then it no longer loads', async () => {
    const session = await signIn(deps(), { email: 'kim@clinic.test', password, address: '10.0.0.1' });
    expect((await loadSession(deps(), session.secret))?.principal?.email).toBe('kim@clinic.test');
    clock.advance(SESSION_IDLE_MS + 1000);
    expect(await loadSession(deps(), session.secret)).toBeUndefined();
  });

  it('when the password is wrong or the email unknown, then the same unauthorized error', async () => {
    await expect(signIn(deps(), { email: 'kim@clinic.test', password: 'wrong', address: '10.0.0.2' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(signIn(deps(), { email: 'nobody@clinic.test', password: 'wrong', address: '10.0.0.2' })).rejects.toMatchObject({ code: 'unauthorized', message: 'the email or password is not right' });
  });

  it('when an email has failed 5 times, then even the right password is refused until 15 minutes pass', async () => {
    clock.advance(60 * 60 * 1000);
    for (let i = 0; i < 5; i++) await expect(signIn(deps(), { email: 'kim@clinic.test', password: `guess${i}`, address: `10.0.1.${i}` })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(signIn(deps(), { email: 'kim@clinic.test', password, address: '10.0.2.1' })).rejects.toMatchObject({ code: 'rate_limited' });
    clock.advance(15 * 60 * 1000 + 1000);
    expect((await signIn(deps(), { email: 'kim@clinic.test', password, address: '10.0.2.1' })).principal?.email).toBe('kim@clinic.test');
  });

  it('when one address fails 30 times across emails, then it is refused for any email', async () => {
    clock.advance(60 * 60 * 1000);
    for (let i = 0; i < 30; i++) await expect(signIn(deps(), { email: `guess${i}@clinic.test`, password: 'x', address: '10.9.9.9' })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(signIn(deps(), { email: 'kim@clinic.test', password, address: '10.9.9.9' })).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
