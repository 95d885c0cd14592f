import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../../src/adapters/db/migrator.js';
import { createEmptyDatabase, type TestDatabase } from '../support/database.js';

const expectedTables = [
  'action_plans', 'audit_log', 'care_teams', 'checkins', 'conversation_results', 'conversation_sessions',
  'conversation_timers', 'conversation_versions', 'daily_logs', 'enrollments', 'escalations', 'login_attempts', 'messages', 'outbox', 'patients',
  'send_rate_limits', 'sms_attempts', 'staff', 'staff_api_tokens', 'staff_care_teams', 'staff_inbox', 'staff_sessions',
];

async function tables(t: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(t.db);
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createEmptyDatabase();
  });
  afterAll(async () => t.drop());

  it('when applied to an empty database, then the whole schema exists', async () => {
    const applied = await migrateToLatest(t.db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables(t)).toEqual(expectedTables);
  });

  it('when every migration is undone and re-applied, then the schema round-trips', async () => {
    const all = await migrateToLatest(t.db);
    expect(all).toEqual([]);
    let undone = await migrateDown(t.db);
    while (undone.length > 0) undone = await migrateDown(t.db);
    expect(await tables(t)).toEqual([]);
    await migrateToLatest(t.db);
    expect(await tables(t)).toEqual(expectedTables);
  });

  it('when someone edits the audit log, then the database refuses', async () => {
    await sql`insert into audit_log (at, actor, action) values (now(), 'test', 'consent')`.execute(t.db);
    await expect(sql`update audit_log set actor = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('when a phone is not E.164, then the check constraint rejects it', async () => {
    await expect(
      sql`insert into patients (id, phone, name, label, timezone, language, status, consent, created_at, updated_at)
          values (gen_random_uuid(), '5551234', 'A', 'AB-1', 'UTC', 'en', 'active', 'confirmed', now(), now())`.execute(t.db),
    ).rejects.toThrow(/check constraint/);
  });
});
