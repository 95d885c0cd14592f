// Texts longer than a phone can send (Twilio's 1,600-character maximum):
// stored in full, only a bounded prefix analysed, and a person asked to read it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSED_CHARS, analysedPart } from '../../src/app/long-texts.js';
import { FROM_NUMBER, newPatient, nextSid, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let twilio: TwilioFake;
let n = 0;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => twilio?.done());

async function enrolled() {
  const phone = `+1555556${String(n++).padStart(4, '0')}`;
  const res = await svc.api().post('/api/patients', newPatient({ phone }));
  expect(res.status).toBe(201);
  await svc.sender.drain();
  return { id: res.body.id as string, phone };
}

describe('analysedPart', () => {
  it('when a text is at most the limit, then it is analysed whole and stored as is', () => {
    expect(analysedPart('x'.repeat(ANALYSED_CHARS))).toEqual({ body: 'x'.repeat(ANALYSED_CHARS) });
  });
  it('when the cut would split an emoji, then the cut moves before it', () => {
    const text = `${'x'.repeat(ANALYSED_CHARS - 1)}😀 and more`;
    const part = analysedPart(text);
    expect(part.body).toBe('x'.repeat(ANALYSED_CHARS - 1));
    expect(part.storedBody).toBe(text);
  });
});

describe('a 50 kB text from an enrolled patient', () => {
  it('when it arrives, then it is stored in full, answered once, and a routine escalation asks staff to read it', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    const before = twilio.to(phone).length;
    const body = `I walked 3 days. ${'and then some more words '.repeat(2100)}`.slice(0, 50_000);
    const res = await svc.sms({ From: phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
    expect(res.status).toBe(200);
    await svc.sender.drain();
    expect(twilio.to(phone).length).toBe(before + 1);
    const stored = await svc.t.db.selectFrom('messages').select('body').where('patient_id', '=', id).where('direction', '=', 'inbound').execute();
    expect(stored.map((m) => m.body.length)).toEqual([50_000]);
    // Free text that is not an answer also reaches a person (issue #10); the long-text flag is one escalation of its own.
    const all = (await svc.api().get(`/api/escalations?patientId=${id}`)).body as { urgency: string; reason: string; category: string | null }[];
    // The reply was free text, so its escalation is already open when the long-text flag joins it: one, routine.
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ urgency: 'routine' });
    expect(['long_text', 'unreadable']).toContain(all[0]!.category);
  });

  it('when a text is exactly 1,600 characters, then no one is asked to read it', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled();
    const res = await svc.sms({ From: phone, To: FROM_NUMBER, Body: 'y'.repeat(ANALYSED_CHARS), MessageSid: nextSid() });
    expect(res.status).toBe(200);
    const all = (await svc.api().get(`/api/escalations?patientId=${id}`)).body as { category: string | null }[];
    expect(all.filter((e) => e.category === 'long_text')).toEqual([]);
  });
});
