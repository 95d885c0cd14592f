// A server process for the bench: `careloop` (the real service, built by
// main.ts over a counting pool) or `baseline` (baseline.ts). Listens on
// loopback; the orchestrator drives it over IPC (stats, fan-out, sender).
import type { Server } from 'node:http';
import { sql } from 'kysely';
import { createLogger } from '../src/adapters/log/logger.js';
import { TwilioSmsGateway } from '../src/adapters/twilio/twilio-gateway.js';
import { randomIds, systemClock } from '../src/adapters/clock/system-clock.js';
import { loadConfig } from '../src/config/index.js';
import { buildService, type ServiceParts } from '../src/main.js';
import { SmsSender } from '../src/app/sms-sender.js';
import { startDueCheckins } from '../src/app/scheduler/start-due-checkins.js';
import { baselineApp } from './baseline.js';
import { countingDb, patientId } from './db.js';
import { ACCOUNT_SID, API_TOKEN, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, serveIpc, type ServerStats } from './shared.js';

const kind = process.argv[2] === 'baseline' ? 'baseline' : 'careloop';
const url = process.env.BENCH_DB_URL!;
const { db, counts, pool } = countingDb(url, 10);
let parts: ServiceParts | null = null;
let server: Server | null = null;

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function stats(): ServerStats {
  return { ...counts, cpuMicros: cpu(), maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage().rss };
}

function config(twilioBase: string) {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: twilioBase,
    PUBLIC_URL,
    API_TOKEN,
    QUIET_HOURS: 'off',
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'silent',
  });
}

serveIpc({
  async listen(req) {
    const twilioBase = String(req.twilioBase);
    let app;
    if (kind === 'careloop') {
      parts = await buildService(config(twilioBase), createLogger({ level: 'silent' }), db, API_TOKEN);
      app = parts.app;
    } else app = baselineApp(pool);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    server.keepAliveTimeout = 60_000;
    const address = server.address();
    return { port: typeof address === 'object' && address ? address.port : 0 };
  },
  async stats() {
    return stats();
  },
  /** Starts every due check-in the way the scheduler does; returns when none is left or at the deadline. */
  async fanout(req) {
    const budgetMs = Number(req.budgetMs);
    const group = Number(req.group);
    const n = Number(req.n);
    const core = parts!.core;
    const t0 = performance.now();
    const c0 = cpu();
    const rt0 = counts.roundTrips;
    let started = 0;
    let ticks = 0;
    let firstMinute = 0;
    for (;;) {
      const r = await startDueCheckins(core, { limit: 200_000, workers: 2, staleCheckinHours: 24 });
      ticks += 1;
      started += r.started;
      if (performance.now() - t0 <= 60_000) firstMinute = started;
      if (r.started + r.missed + r.deferred === 0 || performance.now() - t0 > budgetMs) break;
    }
    const ms = performance.now() - t0;
    const cpuMicros = cpu() - c0;
    const from = patientId(group, 0);
    const to = patientId(group, n - 1);
    const done = await sql<{ sessions: string; outbox: string }>`
      SELECT (SELECT count(*) FROM conversation_sessions WHERE patient_id BETWEEN ${from} AND ${to} AND status = 'active') AS sessions,
             (SELECT count(*) FROM outbox WHERE patient_id BETWEEN ${from} AND ${to} AND kind = 'sms') AS outbox`.execute(db);
    const row = done.rows[0]!;
    return { n, ms, ticks, started, firstMinute, sessions: Number(row.sessions), texts: Number(row.outbox), cpuMicros, roundTrips: counts.roundTrips - rt0, complete: Number(row.sessions) >= n };
  },
  /** Queues `count` texts to the sender group, after retiring every other pending text. */
  async queueTexts(req) {
    const group = Number(req.group);
    const count = Number(req.count);
    const patients = Number(req.patients);
    const prefix = String(group).padStart(8, '0');
    await sql`UPDATE outbox SET status = 'done', updated_at = now() WHERE status = 'pending'`.execute(db);
    await sql`
      WITH m AS (
        INSERT INTO messages (patient_id, direction, body, author, purpose, status, created_at, updated_at)
        SELECT (${prefix} || '-0000-4000-8000-' || lpad(to_hex(i % ${patients}::int), 12, '0'))::uuid, 'outbound', 'Bench text ' || i, 'bot', 'prompt', 'queued', now(), now()
        FROM generate_series(0, ${count - 1}::int) AS i
        RETURNING id, patient_id, body
      )
      INSERT INTO outbox (kind, patient_id, message_id, payload, run_at, created_at, updated_at)
      SELECT 'sms', patient_id, id, '{"purpose":"prompt","immediate":true}', now(), now(), now() FROM m ORDER BY body`.execute(db);
    return { queued: count };
  },
  /** Runs the sender at `rate` until the queue is empty or `capMs` passed (then retires the rest). */
  async send(req) {
    const rate = Number(req.rate);
    const capMs = Number(req.capMs);
    const logger = createLogger({ level: 'silent' });
    const gateway = new TwilioSmsGateway({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: FROM_NUMBER, apiBaseUrl: String(req.twilioBase), keepAlive: true });
    const sender = new SmsSender({ db, clock: systemClock, ids: randomIds, logger, gateway, ratePerSecond: rate, quietHours: null, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const t0 = performance.now();
    const c0 = cpu();
    const rt0 = counts.roundTrips;
    const deadline = setTimeout(() => {
      void sql`UPDATE outbox SET status = 'failed', last_error = 'bench deadline' WHERE status = 'pending'`.execute(db);
    }, capMs);
    let handled = 0;
    for (;;) {
      const n = await sender.drain();
      handled += n;
      if (n === 0) break;
    }
    clearTimeout(deadline);
    return { ms: performance.now() - t0, handled, cpuMicros: cpu() - c0, roundTrips: counts.roundTrips - rt0 };
  },
  async close() {
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await db.destroy();
    setTimeout(() => process.exit(0), 10);
    return {};
  },
});
process.send?.({ id: 0, ok: true, result: 'ready' });
