// Inbound texts over Twilio's signed webhook: verified, stored once, answered
// once, in order per patient, and never a 5xx for bad input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let twilio: TwilioFake;
let phoneN = 100;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => twilio?.done());

async function enrolled(overrides: Record<string, unknown> = {}) {
  const phone = `+1555555${String(phoneN++).padStart(4, '0')}`;
  const res = await svc.api().post('/api/patients', newPatient({ phone, ...overrides }));
  expect(res.status).toBe(201);
  return { id: res.body.id as string, phone };
}

const text = (from: string, body: string, extra: Record<string, string> = {}) =>
  svc.sms({ From: from, To: FROM_NUMBER, Body: body, MessageSid: nextSid(), NumMedia: '0', ...extra });

async function messages(id: string) {
  // The API lists newest first; these tests read the conversation oldest first.
  return ((await svc.api().get(`/api/patients/${id}/messages?limit=200`)).body as { direction: string; body: string; status: string }[]).reverse();
}

describe('POST /twilio/sms signatures', () => {
  it('when the signature is missing or wrong, then 403 and nothing is stored', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    const before = await messages(id);
    const params = { From: phone, To: FROM_NUMBER, Body: 'hello', MessageSid: nextSid() };
    expect((await svc.sms(params, { signature: null })).status).toBe(403);
    expect((await svc.sms(params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect(await messages(id)).toEqual(before);
  });

  it('when the signature is right, then 200 with empty TwiML and the text is stored', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    const res = await text(phone, 'hello there');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<Response></Response>');
    expect((await messages(id)).filter((m) => m.direction === 'inbound').map((m) => m.body)).toEqual(['hello there']);
  });
});

describe('idempotency and order', () => {
  it('when Twilio retries the same MessageSid, then it is stored and answered once', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    const params = { From: phone, To: FROM_NUMBER, Body: 'DONE', MessageSid: nextSid() };
    expect((await svc.sms(params)).status).toBe(200);
    expect((await svc.sms(params)).status).toBe(200);
    await svc.sender.drain();
    const all = await messages(id);
    expect(all.filter((m) => m.direction === 'inbound')).toHaveLength(1);
    // welcome + one answer to DONE
    expect(twilio.to(phone)).toHaveLength(2);
  });

  it('when two replies arrive at once, then both are processed one at a time and in order', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    expect((await svc.api().post(`/api/patients/${id}/checkins`)).status).toBe(202);
    const [a, b] = await Promise.all([text(phone, '5'), text(phone, '9')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const checkins = (await svc.api().get(`/api/patients/${id}/checkins`)).body as { daysDone: number | null }[];
    // Whichever got the patient lock first met the day question: '5' is a count, '9' is out of
    // range (a question back). Either order ends with 5 days recorded, never 9.
    expect(checkins[0]?.daysDone).toBe(5);
    const all = await messages(id);
    expect(all.filter((m) => m.direction === 'inbound')).toHaveLength(2);
    const outbound = all.filter((m) => m.direction === 'outbound');
    expect(outbound.length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad and unusual input', () => {
  it('when From or MessageSid is missing, then a clear 400, not a 5xx', async () => {
    const res = await svc.sms({ Body: 'hi' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it.each([
    ['an MMS with no text', '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/1' }],
    ['an empty body', '', {}],
    ['a very long body', 'I walked '.repeat(220), {}],
    ['only emoji', '👍👍🎉', {}],
    ['non-Latin text', 'Я гулял каждый день 你好', {}],
  ])('when the patient sends %s, then 200 and a polite reply', async (_name, body, extra) => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    await svc.sender.drain();
    const sentBefore = twilio.to(phone).length;
    const res = await text(phone, body, extra as Record<string, string>);
    expect(res.status).toBe(200);
    await svc.sender.drain();
    expect(twilio.to(phone).length).toBe(sentBefore + 1);
    const inbound = (await messages(id)).filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => m.body)).toEqual([body]);
  });

  it('when an unknown number texts, then one polite reply a day and no stored inbound text', async () => {
    twilio = fakeTwilio();
    const stranger = '+15555559999';
    await text(stranger, 'who is this? my sugar is high');
    await text(stranger, 'hello??');
    await svc.sender.drain();
    expect(twilio.to(stranger)).toHaveLength(1);
    expect(twilio.to(stranger)[0]).toMatch(/do not know this number/i);
    const stored = await svc.t.db.selectFrom('messages').select('body').where('direction', '=', 'inbound').where('body', 'like', '%sugar%').execute();
    expect(stored).toEqual([]);
    svc.clock.advance(25 * 3600_000);
    await text(stranger, 'hi again');
    await svc.sender.drain();
    expect(twilio.to(stranger), JSON.stringify(twilio.sent)).toHaveLength(2);
  });

  it('when an unknown number texts in Spanish, then the polite reply is in Spanish', async () => {
    twilio = fakeTwilio();
    const stranger = '+15555559998';
    await text(stranger, 'Hola, ¿quién es?');
    await svc.sender.drain();
    expect(twilio.to(stranger)).toHaveLength(1);
    expect(twilio.to(stranger)[0]).toMatch(/no conocemos este número/i);
  });
});
