// Three senders (separate pools, as separate processes would have) drain one
import { randomUUID } from 'node:crypto';
// outbox at once under one configured rate: together they never pass the
// rate in any 1-second window, every text goes out once, and a patient's
// texts keep their order. A fake clock; nothing sleeps for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../../src/adapters/db/connect.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import type { OutboundSms, SentSms, SmsGateway } from '../../src/app/ports.js';
import { SharedRateLimiter, type RateLimiter } from '../../src/app/send-rate-limiter.js';
import { SmsSender } from '../../src/app/sms-sender.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';

const RATE = 5;
const PATIENTS = 40;
const EXTRA = 3; // patients 0..4 get this many more texts each, to check their order

class RecordingGateway implements SmsGateway {
  readonly mode = 'twilio' as const;
  readonly sent: OutboundSms[] = [];
  /** `all` is shared by the three gateways: every send in the order they happened. */
  constructor(private readonly all: OutboundSms[]) {}
  async send(sms: OutboundSms): Promise<SentSms> {
    this.sent.push(sms);
    this.all.push(sms);
    return { providerSid: `SM${sms.messageId.replace(/-/g, '')}`, status: 'queued' };
  }
  /** Every send answers, so no try is ever in doubt: nothing to look up. */
  async findSent(): Promise<[]> {
    return [];
  }
}

/** Records when each acquire was granted. */
class Recording implements RateLimiter {
  constructor(private readonly inner: RateLimiter, private readonly clock: FakeClock, readonly grants: number[]) {}
  async acquire(): Promise<void> {
    await this.inner.acquire();
    this.grants.push(this.clock.now().getTime());
  }
}

let t: TestDatabase;
const pools: Db[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  for (const pool of pools) await pool.destroy();
  await t?.drop();
});

async function queueTexts(db: Db): Promise<void> {
  await sql`DELETE FROM sms_attempts`.execute(db);
  await sql`DELETE FROM outbox`.execute(db);
  await sql`DELETE FROM messages`.execute(db);
  await sql`DELETE FROM send_rate_limits`.execute(db);
  await sql`
    INSERT INTO patients (id, phone, name, label, timezone, language, status, consent, created_at, updated_at)
    SELECT ('30000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '+1555' || lpad(i::text, 7, '0'), 'P ' || i, 'R-' || i,
           'America/New_York', 'en', 'active', 'confirmed', now(), now()
    FROM generate_series(0, ${PATIENTS - 1}::int) AS i ON CONFLICT DO NOTHING`.execute(db);
  // One text per patient, then EXTRA more for patients 0..4, queued in this order.
  const patient = (p: number) => `30000000-0000-4000-8000-${p.toString(16).padStart(12, '0')}`;
  const texts = [
    ...Array.from({ length: PATIENTS }, (_, p) => ({ p, k: 0 })),
    ...Array.from({ length: EXTRA }, (_, k) => Array.from({ length: 5 }, (_, p) => ({ p, k: k + 1 }))).flat(),
  ].map(({ p, k }, n) => ({ id: `40000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, patient_id: patient(p), body: `text ${k} for ${p}` }));
  const at = new Date('2026-03-02T15:00:00Z');
  await db
    .insertInto('messages')
    .values(texts.map((x) => ({ ...x, direction: 'outbound' as const, author: 'bot' as const, purpose: 'prompt', status: 'queued' as const, created_at: at, updated_at: at })))
    .execute();
  for (const x of texts) {
    await db
      .insertInto('outbox')
      .values({ id: x.id.replace(/^4/, '5'), kind: 'sms', patient_id: x.patient_id, message_id: x.id, payload: JSON.stringify({ purpose: 'prompt', immediate: true }), run_at: at, created_at: at, updated_at: at })
      .execute();
  }
}

/** The most grants in any 1-second window [t, t + 1000). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function runThreeSenders(limiterName: (i: number) => string) {
  const clock = new FakeClock('2026-03-02T15:00:00Z');
  const grants: number[] = [];
  const all: OutboundSms[] = [];
  const gateways = [new RecordingGateway(all), new RecordingGateway(all), new RecordingGateway(all)];
  const senders = gateways.map((gateway, i) => {
    const db = connectDatabase(t.url, { max: 3 });
    pools.push(db);
    const limiter = new Recording(new SharedRateLimiter({ db, clock, sleep: clock.sleep, ratePerSecond: RATE, name: limiterName(i) }), clock, grants);
    return new SmsSender({ db, clock, ids: { uuid: () => randomUUID() }, logger: createLogger({ level: "silent" }), gateway, ratePerSecond: RATE, quietHours: null, sleep: clock.sleep, limiter });
  });
  const start = clock.now().getTime();
  const handled = await Promise.all(senders.map((s) => s.drain()));
  return { grants, gateways, all, handled, seconds: (clock.now().getTime() - start) / 1000 };
}

describe('one send rate shared by three instances', () => {
  it('when three senders drain one outbox at 5 per second, then no second has more than 5 sends, each text goes once and a patient keeps their order', async () => {
    await queueTexts(t.db);
    const total = PATIENTS + 5 * EXTRA;
    const { grants, all: sent, handled } = await runThreeSenders(() => 'sms');
    expect(sent).toHaveLength(total);
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(total);
    expect(handled.filter((n) => n > 0).length, `work was shared: ${handled.join(', ')}`).toBeGreaterThan(1);
    expect(grants).toHaveLength(total);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(RATE);
    for (let p = 0; p < 5; p++) {
      const bodies = sent.filter((s) => s.to === `+1555${String(p).padStart(7, '0')}`).map((s) => s.body);
      expect(bodies).toEqual(Array.from({ length: EXTRA + 1 }, (_, k) => `text ${k} for ${p}`));
    }
    const statuses = await sql<{ n: string }>`SELECT count(*) AS n FROM messages WHERE status = 'sent'`.execute(t.db);
    expect(Number(statuses.rows[0]?.n)).toBe(total);
  }, 60_000);

  it('when each instance keeps its own limit instead, then the same check sees more than 5 in a second', async () => {
    await queueTexts(t.db);
    const { grants } = await runThreeSenders((i) => `sms-${i}`);
    expect(busiestSecond(grants)).toBeGreaterThan(RATE);
  }, 60_000);
});
