// Bench database helpers: a dedicated database per run (created and dropped
// here), seeding by set-based SQL, and a pg pool that counts what it sends.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/adapters/db/schema.js';
import type { Db } from '../src/adapters/db/connect.js';

pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export interface QueryCounts {
  /** Statements sent to the server (each is one round trip with pg's simple/extended protocol). */
  roundTrips: number;
  /** Explicit BEGINs plus statements run outside any transaction (each is its own). */
  transactions: number;
}

/** A Kysely over a pool whose clients count their round trips and transactions. */
export function countingDb(url: string, max: number, trace?: (text: string) => void): { db: Db; counts: QueryCounts; pool: pg.Pool } {
  const counts: QueryCounts = { roundTrips: 0, transactions: 0 };
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    let inTx = false;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      const head = text.trimStart().slice(0, 8).toLowerCase();
      counts.roundTrips += 1;
      trace?.(text);
      if (head.startsWith('begin') || head.startsWith('start')) {
        inTx = true;
        counts.transactions += 1;
      } else if (head.startsWith('commit') || head.startsWith('rollback')) inTx = false;
      else if (!inTx) counts.transactions += 1;
      return original(...args);
    };
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, counts, pool };
}

export async function createBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export const patientId = (group: number, i: number) => `${String(group).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
export const patientPhone = (group: number, i: number) => `+1${String(200 + group)}${String(i).padStart(7, '0')}`;

/**
 * `n` active, consenting patients of `group` with a plan and an enrollment
 * whose weekly check-in is due at `dueAt`. One statement per table.
 */
export async function seedDuePatients(db: Db, group: number, n: number, dueAt: Date): Promise<void> {
  const prefix = String(group).padStart(8, '0');
  const area = String(200 + group);
  await sql`
    INSERT INTO patients (id, phone, name, label, timezone, language, status, consent, consent_at, consent_source, created_at, updated_at)
    SELECT (${prefix} || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '+1' || ${area} || lpad(i::text, 7, '0'),
           'Patient ' || i, 'G' || ${prefix} || '-' || i, 'America/New_York', 'en', 'active', 'confirmed', now(), 'api', now(), now()
    FROM generate_series(0, ${n - 1}::int) AS i`.execute(db);
  await sql`
    INSERT INTO action_plans (patient_id, version, action, days_per_week, confidence, start_date, created_at)
    SELECT (${prefix} || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 1, 'walk ' || (i % 30) || ' minutes', 5, 8, current_date - 7, now()
    FROM generate_series(0, ${n - 1}::int) AS i`.execute(db);
  await sql`
    INSERT INTO enrollments (patient_id, checkin_weekday, checkin_time, cycle_start, next_checkin_at, next_checkin_week, next_checkin_kind, updated_at)
    SELECT (${prefix} || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 1, '18:00', current_date - 7, ${dueAt}, 1, 'weekly-checkin', now()
    FROM generate_series(0, ${n - 1}::int) AS i`.execute(db);
  await sql`ANALYZE patients, action_plans, enrollments`.execute(db);
}
