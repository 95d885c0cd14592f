// The outbox against a fake Twilio on loopback that fails, stalls and cuts
// connections after taking the text. Requests time out after 0.3 s of real
// time (SMS_SEND_TIMEOUT_SECONDS), so a stall of any length (Twilio answering
// after 35 s) costs the test 0.3 s; everything else runs on the fake clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, startTestService, type TestService } from '../support/service.js';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/twilio-loopback.js';

let svc: TestService;
let twilio: LoopbackTwilio;
let n = 0;

beforeAll(async () => {
  const clockHolder: { now?: () => Date } = {};
  twilio = await startLoopbackTwilio({ now: () => clockHolder.now!() });
  svc = await startTestService({ env: { TWILIO_API_BASE_URL: twilio.url, SMS_SEND_TIMEOUT_SECONDS: '0.3', QUIET_HOURS: 'off' } });
  clockHolder.now = () => svc.clock.now();
});
afterAll(async () => {
  await svc.close();
  await twilio.close();
});

async function enroll(count: number) {
  const patients: { id: string; phone: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const phone = `+1555554${String(n++).padStart(4, '0')}`;
    const res = await svc.api().post('/api/patients', newPatient({ phone }));
    expect(res.status).toBe(201);
    patients.push({ id: res.body.id as string, phone });
  }
  return patients;
}

const outbound = (patientId: string) =>
  svc.t.db.selectFrom('messages').select(['id', 'body', 'status']).where('patient_id', '=', patientId).where('direction', '=', 'outbound').execute();

async function pending(): Promise<number> {
  const row = await svc.t.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'sms').where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

async function drainUntilEmpty(): Promise<void> {
  for (let round = 0; round < 30 && (await pending()) > 0; round += 1) {
    svc.clock.advance(10 * 60_000);
    await svc.sender.drain();
  }
}

describe('outbox against a failing, stalling, connection-cutting Twilio', () => {
  it('when Twilio answers 500s and 429s, stalls past the timeout and cuts connections after taking texts, then every text goes out exactly once', async () => {
    const patients = await enroll(12);
    twilio.failNext(
      { kind: 'status', status: 500, code: 20500, accepted: true }, // took it, then failed to say so
      { kind: 'status', status: 500, code: 20500 },
      { kind: 'status', status: 429, code: 20429 },
      { kind: 'stall' }, // answers only after the client gave up
      { kind: 'cut' },
      { kind: 'cut' },
      { kind: 'status', status: 503, code: 20503 },
      { kind: 'stall' },
    );
    await svc.sender.drain();
    // One pass over the queue reached every patient: only the three refused tries are still to go.
    const firstPass = patients.filter((p) => twilio.accepted.some((a) => a.to === p.phone)).length;
    expect(firstPass).toBe(patients.length - 3);
    await drainUntilEmpty();

    for (const p of patients) {
      const texts = await outbound(p.id);
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) {
        expect({ phone: p.phone, copies: twilio.copies(p.phone, t.body) }).toEqual({ phone: p.phone, copies: 1 });
        expect(t.status).toBe('sent');
      }
    }
    // Twilio was asked again only for the tries it refused (500 without taking it, 429, 503): 3 resends.
    expect(twilio.posts).toBe(twilio.accepted.length + 3);
  });

  it('when the connection is cut but the status callback names our attempt, then the text is closed as sent without asking or resending', async () => {
    const [p] = await enroll(1);
    twilio.failNext({ kind: 'cut' });
    const before = twilio.posts;
    await svc.sender.drain();
    const taken = twilio.accepted.at(-1)!;
    expect(taken.to).toBe(p!.phone);
    const callback = new URL(taken.statusCallback!);
    expect(callback.searchParams.get('a')).toMatch(/^[0-9a-f-]{36}$/);
    const res = await svc.sms({ MessageSid: taken.sid, MessageStatus: 'sent' }, { path: `${callback.pathname}${callback.search}` });
    expect(res.status).toBe(204);
    await drainUntilEmpty();
    expect(twilio.posts).toBe(before + 1);
    expect(twilio.copies(p!.phone, taken.body)).toBe(1);
    const attempts = await svc.t.db.selectFrom('sms_attempts').select(['outcome', 'provider_sid']).where('message_id', '=', (await outbound(p!.id))[0]!.id).execute();
    expect(attempts).toEqual([{ outcome: 'accepted', provider_sid: taken.sid }]);
  });

  it('when Twilio took a text but its list does not show it yet, then careloop resends, and the late status callback raises a duplicate alert', async () => {
    // The documented limit of the check (README, Outbound delivery guarantee, case a): made visible, not silent.
    const [p] = await enroll(1);
    twilio.failNext({ kind: 'cut', unlisted: true });
    await svc.sender.drain();
    const first = twilio.accepted.at(-1)!;
    await drainUntilEmpty();
    expect(twilio.copies(p!.phone, first.body)).toBe(2);
    const callback = new URL(first.statusCallback!);
    expect((await svc.sms({ MessageSid: first.sid, MessageStatus: 'delivered' }, { path: `${callback.pathname}${callback.search}` })).status).toBe(204);
    expect(await svc.metrics.registry.getSingleMetricAsString('careloop_operator_alerts_total')).toMatch(/reason="sms_duplicate"} 1/);
  });
});
