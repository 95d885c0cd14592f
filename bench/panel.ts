// Benchmark: the outreach panel and the patient-week export for 10,000
// patients with a year (52 weeks) of weekly history. Prints the panel's server
// time (median and p95 of 20 renders, as an admin and as a one-team nurse) and
// the export's row rate and memory growth. Not a test: run `npm run bench`.
// Uses BENCH_DATABASE_URL (a database it may fill and empty) or an embedded
// PostgreSQL in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { connectDatabase } from '../src/adapters/db/connect.js';
import { startEmbeddedPostgres } from '../src/adapters/db/embedded-postgres.js';
import { migrateToLatest } from '../src/adapters/db/migrator.js';
import { buildPanel } from '../src/app/reports/panel.js';
import { preparePatientWeekExport } from '../src/app/reports/export.js';
import { serviceAccount, type Principal } from '../src/app/staff/principal.js';
import { panelBody } from '../src/adapters/http/dashboard/panel-page.js';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 10_000);
const WEEKS = 52;
const now = new Date('2026-12-01T12:00:00Z');
const clock = { now: () => now };

const dir = process.env.BENCH_DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'careloop-bench-'));
const server = dir ? await startEmbeddedPostgres(dir) : null;
const db = connectDatabase(process.env.BENCH_DATABASE_URL || server!.url('postgres'), { max: 10 });
try {
  await migrateToLatest(db);
  let t = performance.now();
  await sql`
    insert into care_teams (name) values ('Bench A'), ('Bench B') on conflict do nothing
  `.execute(db);
  await sql`
    insert into patients (id, phone, name, label, timezone, language, status, consent, care_team_id, created_at, updated_at)
      select gen_random_uuid(), '+1555' || lpad(i::text, 7, '0'), 'Patient ' || i, 'BP-' || lpad(i::text, 8, '0'), 'America/New_York', 'en',
        case when i % 97 = 0 then 'opted_out' else 'active' end, 'confirmed',
        (select id from care_teams where name = case when i % 2 = 0 then 'Bench A' else 'Bench B' end),
        ${now}::timestamptz - interval '1 year', ${now}::timestamptz - (i % 60) * interval '1 day'
      from generate_series(1, ${PATIENTS}::int) i
  `.execute(db);
  await sql`
    insert into action_plans (id, patient_id, version, action, days_per_week, confidence, start_date, source, created_at)
      select gen_random_uuid(), id, 1, 'walk 10 minutes after dinner', 5, 5 + (hashtext(id::text) & 5), (${now}::timestamptz - interval '1 year')::date, 'staff', created_at from patients
  `.execute(db);
  await sql`
    insert into enrollments (patient_id, checkin_weekday, checkin_time, cycle_start, consecutive_no_response, next_checkin_at, next_checkin_week, next_checkin_kind, updated_at)
      select id, 1, '18:00', created_at::date, (hashtext(id::text) & 15) / 5, ${now}::timestamptz + ((hashtext(id::text) & 7) * interval '1 day'), 53,
        case when hashtext(id::text) & 31 = 0 then 'reassess' else 'weekly-checkin' end, created_at from patients
  `.execute(db);
  await sql`
    insert into checkins (id, patient_id, cycle, week, kind, week_start, scheduled_for, status, days_done, days_target, confidence, barrier, created_at, updated_at)
      select gen_random_uuid(), p.id, 1, w, 'weekly-checkin', (p.created_at + (w - 1) * interval '1 week')::date, p.created_at + w * interval '1 week',
        'completed', (hashtext(p.id::text || w) & 7) % 6, 5, 3 + (hashtext(w || p.id::text) & 7), case when w % 5 = 0 then 'pain_flares' end,
        p.created_at + w * interval '1 week', p.created_at + w * interval '1 week'
      from patients p cross join generate_series(1, ${WEEKS}::int) w
  `.execute(db);
  await sql`
    insert into escalations (id, patient_id, urgency, reason, status, created_at, updated_at)
      select gen_random_uuid(), id, 'routine', 'asked for a person', 'open', ${now}::timestamptz - interval '2 hours', ${now}::timestamptz from patients where hashtext(id::text) & 63 = 1
  `.execute(db);
  await sql`
    insert into messages (id, patient_id, direction, body, author, status, error_code, created_at, updated_at)
      select gen_random_uuid(), id, 'outbound', 'check-in', 'bot', 'failed', '30006', ${now}::timestamptz - interval '3 days', ${now}::timestamptz from patients where hashtext(id::text) & 63 = 2
  `.execute(db);
  await sql`
    analyze
  `.execute(db);
  console.log(`seeded ${PATIENTS} patients x ${WEEKS} weeks in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const teamA = (await db.selectFrom('care_teams').select('id').where('name', '=', 'Bench A').executeTakeFirstOrThrow()).id;
  const nurse: Principal = { ...serviceAccount, role: 'nurse', actor: 'bench', scope: { teamIds: [teamA], unassigned: false } };
  for (const [who, principal] of [['admin (all 10,000)', serviceAccount], ['nurse (one team, 5,000)', nurse]] as const) {
    const times: number[] = [];
    for (let i = 0; i < 22; i++) {
      t = performance.now();
      const panel = await buildPanel({ db, clock }, principal, {});
      panelBody({ panel, teams: [], careTeamId: undefined, search: undefined, now, canExport: true });
      if (i >= 2) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`panel, ${who}: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(0)} ms (queries + HTML, 20 runs)`);
  }

  let bytes = 0;
  let peakRss = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      done();
    },
  });
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const write = await preparePatientWeekExport({ db, clock }, serviceAccount, {});
  await write(sink);
  const seconds = (performance.now() - t) / 1000;
  console.log(`export: ${PATIENTS * WEEKS} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round((PATIENTS * WEEKS) / seconds)} rows/s); RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB`);
} finally {
  await db.destroy();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
