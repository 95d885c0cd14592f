// Outbound texts: an outbox written in the same transaction as the change
// that caused it, delivered after commit through the twilio SDK (nock),
// retried on 429/5xx, failures recorded with Twilio's code, status callbacks,
// quiet hours in the patient's timezone, and no loss across a crash.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/log/logger.js';
import { buildService } from '../../src/main.js';
import { CHECK_DELAYS_MS } from '../../src/app/sms-sender.js';
import { API_TOKEN, newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { FakeClock, sequentialIds } from '../support/fake-clock.js';

let svc: TestService;
let fake: TwilioFake;
let n = 300;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => fake?.done());

async function enroll(overrides: Record<string, unknown> = {}) {
  const phone = `+1555557${String(n++).padStart(4, '0')}`;
  const res = await svc.api().post('/api/patients', newPatient({ phone, ...overrides }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, phone };
}

const outbound = async (id: string) =>
  ((await svc.api().get(`/api/patients/${id}/messages?limit=200`)).body as { direction: string; status: string; errorCode?: string; body: string }[]).reverse().filter((m) => m.direction === 'outbound');

describe('delivery', () => {
  it('when Twilio answers 429, then the text is retried with backoff and sent once', async () => {
    fake = fakeTwilio();
    const { id, phone } = await enroll();
    fake.failNext(429, 20429);
    await svc.sender.drain();
    expect(fake.to(phone)).toEqual([]);
    expect((await outbound(id))[0]?.status).toBe('queued');
    await svc.sender.drain();
    expect(fake.to(phone)).toEqual([]); // not due yet: backing off
    svc.clock.advance(31_000);
    await svc.sender.drain();
    expect(fake.to(phone)).toHaveLength(1);
    expect((await outbound(id))[0]?.status).toBe('sent');
  });

  it('when Twilio keeps answering 5xx, then each retry first checks with Twilio, and the text is failed after the last with the code recorded', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    fake.failNext(503, 20503, 10);
    for (const delay of [0, ...CHECK_DELAYS_MS]) {
      svc.clock.advance(delay + 1000);
      await svc.sender.drain();
    }
    const [welcome] = await outbound(id);
    expect(welcome?.status).toBe('failed');
    expect(welcome?.errorCode).toBe('20503');
  });

  it('when Twilio says 21610 (the recipient replied STOP), then the patient is opted out', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    fake.failNext(400, 21610);
    await svc.sender.drain();
    expect((await svc.api().get(`/api/patients/${id}`)).body.status).toBe('opted_out');
    const [welcome] = await outbound(id);
    expect(welcome).toMatchObject({ status: 'failed', errorCode: '21610' });
  });

  it('when the number is invalid (21211), then the text fails at once with the code and it is audited', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    fake.failNext(400, 21211);
    await svc.sender.drain();
    expect((await outbound(id))[0]).toMatchObject({ status: 'failed', errorCode: '21211' });
    const audit = await svc.t.db.selectFrom('audit_log').select('action').where('patient_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('phone.invalid');
  });

  it('when status callbacks arrive (even out of order), then the message status follows, never backwards', async () => {
    fake = fakeTwilio();
    const { id } = await enroll();
    await svc.sender.drain();
    const callback = new URL(fake.sent.at(-1)!.statusCallback!);
    const path = `${callback.pathname}${callback.search}`;
    const row = await svc.t.db.selectFrom('messages').select(['provider_sid']).where('patient_id', '=', id).where('direction', '=', 'outbound').executeTakeFirstOrThrow();
    const post = (status: string, extra: Record<string, string> = {}) =>
      svc.sms({ MessageSid: row.provider_sid!, MessageStatus: status, ...extra }, { path });
    expect((await post('delivered')).status).toBe(204);
    expect((await post('sent')).status).toBe(204);
    expect((await outbound(id))[0]?.status).toBe('delivered');
    expect((await svc.sms({ MessageSid: row.provider_sid!, MessageStatus: 'delivered' }, { path, signature: 'bad' })).status).toBe(403);
  });

  it('when texts are queued faster than the rate, then the sender paces them', async () => {
    fake = fakeTwilio();
    const start = svc.clock.now().getTime();
    for (let i = 0; i < 5; i += 1) await enroll();
    await svc.sender.drain();
    // 10 per second configured: 5 texts take at least 400 ms of (fake) time.
    expect(svc.clock.now().getTime() - start).toBeGreaterThanOrEqual(400);
  });
});

describe('quiet hours', () => {
  it('when a check-in text falls in quiet hours on the night DST starts, then it goes out at 08:00 local the next morning', async () => {
    fake = fakeTwilio();
    // 2026-03-07 21:30 EST; clocks spring forward at 02:00 on 2026-03-08; 08:00 EDT is 12:00 UTC.
    svc.clock.set('2026-03-08T02:30:00Z');
    const { id, phone } = await enroll({ timezone: 'America/New_York' });
    await svc.sender.drain();
    expect(fake.to(phone)).toEqual([]);
    expect((await outbound(id))[0]?.status).toBe('deferred');
    svc.clock.set('2026-03-08T11:59:00Z');
    await svc.sender.drain();
    expect(fake.to(phone)).toEqual([]);
    svc.clock.set('2026-03-08T12:00:00Z');
    await svc.sender.drain();
    expect(fake.to(phone)).toHaveLength(1);
    svc.clock.set('2026-03-09T15:00:00Z');
  });

  it('when a patient texts during quiet hours, then the reply is not held back', async () => {
    fake = fakeTwilio();
    svc.clock.set('2026-03-10T15:00:00Z');
    const { phone } = await enroll({ timezone: 'America/Los_Angeles' });
    await svc.sender.drain();
    svc.clock.set('2026-03-11T06:30:00Z'); // 23:30 in Los Angeles
    const before = fake.to(phone).length;
    await svc.sms({ From: phone, To: FROM_NUMBER, Body: 'done', MessageSid: nextSid() });
    await svc.sender.drain();
    expect(fake.to(phone).length).toBe(before + 1);
    svc.clock.set('2026-03-11T15:00:00Z');
  });
});

describe('crash between commit and send', () => {
  it('when the process dies after commit, then a restarted service sends the reply exactly once', async () => {
    fake = fakeTwilio();
    svc.clock.set('2026-03-12T15:00:00Z');
    const { phone } = await enroll();
    await svc.sender.drain();
    const before = fake.to(phone).length;
    // The reply is committed to the outbox; the process "dies" before any sender runs.
    await svc.sms({ From: phone, To: FROM_NUMBER, Body: 'done', MessageSid: nextSid() });
    // A new process on the same database.
    const clock = new FakeClock(svc.clock.now());
    const restarted = await buildService(svc.config, createLogger({ level: 'silent' }), svc.t.db, API_TOKEN, {
      clock,
      ids: sequentialIds(900_000),
      sleep: clock.sleep,
      twilioKeepAlive: false,
    });
    await restarted.sender.drain();
    await restarted.sender.drain();
    await svc.sender.drain();
    expect(fake.to(phone).length).toBe(before + 1);
  });
});
