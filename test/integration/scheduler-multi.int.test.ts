// Three scheduler instances (separate connection pools, as separate
// processes would have) tick at once over 1,000 patients due in the same
// minute: every check-in starts once, every first prompt is queued once and
// sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../../src/adapters/db/connect.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import type { OutboundSms, SentSms, SmsGateway } from '../../src/app/ports.js';
import { createScheduler, type TickReport } from '../../src/app/scheduler/tick.js';
import { onSessionEnded } from '../../src/app/timeline-hooks.js';
import { loadConfig } from '../../src/config/index.js';
import { buildService } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { FakeClock, sequentialIds } from '../support/fake-clock.js';
import { API_TOKEN } from '../support/service.js';

const PATIENTS = 1000;
const DUE = '2026-03-09T22:00:00.000Z'; // Monday 18:00 in New York

/** Records every send; the status is 'sent' as with Twilio. */
class CountingGateway implements SmsGateway {
  readonly mode = 'twilio' as const;
  readonly sent: OutboundSms[] = [];
  async send(sms: OutboundSms): Promise<SentSms> {
    this.sent.push(sms);
    return { providerSid: `SM${sms.messageId.replace(/-/g, '')}`, status: 'queued' };
  }
  async findSent() {
    return [];
  }
}

let t: TestDatabase;
const pools: Db[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedPatients(t.db, PATIENTS);
});
afterAll(async () => {
  for (const pool of pools) await pool.destroy();
  await t?.drop();
});

async function seedPatients(db: Db, n: number): Promise<void> {
  const now = new Date('2026-03-02T15:00:00Z');
  const ids = Array.from({ length: n }, (_, i) => `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
  for (let from = 0; from < n; from += 250) {
    const batch = ids.slice(from, from + 250);
    await db
      .insertInto('patients')
      .values(batch.map((id, i) => ({ id, phone: `+1555${String(from + i).padStart(7, '0')}`, name: `Patient ${from + i}`, label: `P-${from + i}`, timezone: 'America/New_York', language: 'en' as const, status: 'active' as const, consent: 'confirmed' as const, consent_at: now, consent_source: 'api' as const, care_team_id: null, created_at: now, updated_at: now })))
      .execute();
    await db
      .insertInto('action_plans')
      .values(batch.map((id, i) => ({ id: id.replace(/^1/, '2'), patient_id: id, version: 1, action: `walk ${(from + i) % 30} minutes`, days_per_week: 5, confidence: 8, start_date: '2026-03-02', created_at: now, superseded_at: null })))
      .execute();
    await db
      .insertInto('enrollments')
      .values(batch.map((id) => ({ patient_id: id, checkin_weekday: 1, checkin_time: '18:00', cycle_start: '2026-03-02', next_checkin_at: DUE, next_checkin_week: 1, next_checkin_kind: 'weekly-checkin' as const, updated_at: now })))
      .execute();
  }
}

describe('three scheduler instances on one database', () => {
  it('when 1,000 check-ins fall due in the same minute, then each starts once and each first prompt is queued and sent once', async () => {
    const clock = new FakeClock(DUE);
    const config = loadConfig({ SMS_RATE_PER_SECOND: '1000', CARE_TEAM_NAME: 'Riverside Clinic' });
    const gateways = [new CountingGateway(), new CountingGateway(), new CountingGateway()];
    const sending = { on: false };
    const instances = await Promise.all(
      gateways.map(async (gateway, i) => {
        const db = connectDatabase(t.url, { max: 4 });
        pools.push(db);
        const parts = await buildService(config, createLogger({ level: 'silent' }), db, API_TOKEN, {
          clock,
          ids: sequentialIds((i + 1) * 1_000_000_000),
          sleep: async () => undefined,
          gateway,
        });
        parts.core.onSessionEnded = onSessionEnded;
        const sender = { drain: () => (sending.on ? parts.sender.drain() : Promise.resolve(0)) };
        return createScheduler(parts.core, { sender, staleCheckinHours: 24, workers: 3 });
      }),
    );

    const first: TickReport[] = await Promise.all(instances.map((s) => s.tick()));
    // The outbox went from empty to 1,000 rows within seconds: refresh the planner statistics (autovacuum's
    // job) before the senders run, or the outbox lease query picks a plan costing ~200 ms per text.
    await sql`analyze outbox`.execute(t.db);
    sending.on = true;
    const again: TickReport[] = await Promise.all(instances.map((s) => s.tick()));
    expect(again.reduce((n, r) => n + r.sent, 0)).toBe(PATIENTS);

    const started = first.map((r) => r.checkins.started);
    expect(started.reduce((a, b) => a + b, 0)).toBe(PATIENTS);
    expect(started.filter((n) => n > 0).length, `work was shared: ${started.join(', ')}`).toBeGreaterThan(1);
    expect(again.map((r) => r.checkins.started)).toEqual([0, 0, 0]);

    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(t.db)).rows[0]?.n);
    expect(await count(sql`select count(*) as n from checkins where cycle = 1 and week = 1 and status = 'in_progress'`)).toBe(PATIENTS);
    expect(await count(sql`select count(distinct patient_id) as n from checkins`)).toBe(PATIENTS);
    expect(await count(sql`select count(*) as n from conversation_sessions where status = 'active' and conversation_id = 'weekly-checkin'`)).toBe(PATIENTS);
    expect(await count(sql`select count(*) as n from conversation_sessions`)).toBe(PATIENTS);
    // One first prompt per patient, no more.
    expect(await count(sql`select count(*) as n from messages where direction = 'outbound'`)).toBe(PATIENTS);
    expect(await count(sql`select count(*) as n from (select patient_id from messages where direction = 'outbound' and purpose = 'prompt' group by patient_id having count(*) = 1) once`)).toBe(PATIENTS);
    expect(await count(sql`select count(*) as n from outbox where kind = 'sms'`)).toBe(PATIENTS);
    // Every reminder and timeout planned once per session.
    expect(await count(sql`select count(*) as n from conversation_timers where kind = 'remind'`)).toBe(PATIENTS);
    // The next check-in planned for everyone: week 2, a week later, same local time.
    expect(await count(sql`select count(*) as n from enrollments where next_checkin_week = 2 and next_checkin_at = '2026-03-16T22:00:00Z'`)).toBe(PATIENTS);

    // Sent exactly once across the three senders, each to the patient's own number.
    const sent = gateways.flatMap((g) => g.sent);
    expect(sent).toHaveLength(PATIENTS);
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(PATIENTS);
    expect(new Set(sent.map((s) => s.to)).size).toBe(PATIENTS);
    expect(await count(sql`select count(*) as n from messages where direction = 'outbound' and status = 'sent'`)).toBe(PATIENTS);
  }, 120_000);
});
