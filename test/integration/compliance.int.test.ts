// SMS compliance: opt-out at once with exactly one confirmation, nothing after
// it until START/UNSTOP/YES, HELP, and no false opt-outs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let svcTwilioKeywords: TestService;
let twilio: TwilioFake;
let n = 200;

beforeAll(async () => {
  // careloop answers keywords itself (as in simulator mode or on a number without Twilio's opt-out handling).
  svc = await startTestService({ env: { TWILIO_HANDLES_KEYWORDS: 'false' } });
  svcTwilioKeywords = await startTestService({ env: { TWILIO_HANDLES_KEYWORDS: 'true' } });
});
afterAll(async () => {
  await svc.close();
  await svcTwilioKeywords.close();
});
afterEach(() => twilio?.done());

async function enrolled(s: TestService, language: 'en' | 'es' = 'en') {
  const phone = `+1555556${String(n++).padStart(4, '0')}`;
  const res = await s.api().post('/api/patients', newPatient({ phone, language }));
  expect(res.status).toBe(201);
  await s.sender.drain();
  return { id: res.body.id as string, phone };
}

const text = (s: TestService, from: string, body: string, extra: Record<string, string> = {}) =>
  s.sms({ From: from, To: FROM_NUMBER, Body: body, MessageSid: nextSid(), ...extra });

const statusOf = async (s: TestService, id: string) => (await s.api().get(`/api/patients/${id}`)).body.status as string;

describe('opt-out keywords', () => {
  it.each([
    ['STOP', 'en'], ['stop', 'en'], [' Stop. ', 'en'], ['STOPALL', 'en'], ['UNSUBSCRIBE', 'en'], ['CANCEL', 'en'], ['END', 'en'],
    ['QUIT', 'en'], ['REVOKE', 'en'], ['OPTOUT', 'en'], ['opt out', 'en'], ['PARAR', 'es'], ['CANCELAR', 'es'], ['ALTO', 'es'],
    ['stop texting me', 'en'], ['please stop sending me messages', 'en'],
  ] as const)('when the patient texts "%s", then they are opted out with exactly one confirmation', async (keyword, lang) => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svc, lang);
    const before = twilio.to(phone).length;
    await text(svc, phone, keyword);
    await svc.sender.drain();
    expect(await statusOf(svc, id)).toBe('opted_out');
    const after = twilio.to(phone).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(lang === 'es' ? /Ya no recibirá/ : /will not get more texts/);
    // Nothing else afterwards: a check-in cannot start and other texts get no answer.
    expect((await svc.api().post(`/api/patients/${id}/checkins`)).status).toBe(409);
    await text(svc, phone, 'hello?');
    await svc.sender.drain();
    expect(twilio.to(phone).slice(before)).toHaveLength(1);
    const audit = await svc.t.db.selectFrom('audit_log').select('action').where('patient_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('consent.opted_out');
  });

  it.each(['I stopped eating chips', 'stop by the pharmacy later', "can't stop coughing lol", 'I will end my walk at the park'])(
    'when the patient texts "%s", then they are not opted out',
    async (body) => {
      twilio = fakeTwilio();
      const { id, phone } = await enrolled(svc);
      await text(svc, phone, body);
      expect(await statusOf(svc, id)).toBe('active');
    },
  );

  it.each(['START', 'UNSTOP', 'YES', 'start'])('when an opted-out patient texts %s, then they are back with one confirmation', async (keyword) => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svc);
    await text(svc, phone, 'STOP');
    await svc.sender.drain();
    const before = twilio.to(phone).length;
    await text(svc, phone, keyword);
    await svc.sender.drain();
    expect(await statusOf(svc, id)).toBe('active');
    expect(twilio.to(phone).slice(before)).toEqual([expect.stringMatching(/Welcome back/)]);
  });

  it('when Twilio already answered STOP (its own keyword handling), then careloop records it and sends nothing', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svcTwilioKeywords);
    const before = twilio.to(phone).length;
    await text(svcTwilioKeywords, phone, 'STOP', { OptOutType: 'STOP' });
    await svcTwilioKeywords.sender.drain();
    expect(await statusOf(svcTwilioKeywords, id)).toBe('opted_out');
    expect(twilio.to(phone).slice(before)).toEqual([]);
  });

  it('when Twilio handles keywords but the opt-out is in plain words, then careloop sends the one confirmation', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svcTwilioKeywords);
    const before = twilio.to(phone).length;
    await text(svcTwilioKeywords, phone, 'please stop texting me');
    await svcTwilioKeywords.sender.drain();
    expect(await statusOf(svcTwilioKeywords, id)).toBe('opted_out');
    expect(twilio.to(phone).slice(before)).toHaveLength(1);
  });
});

describe('HELP', () => {
  it.each([['HELP', 'en'], ['info', 'en'], ['AYUDA', 'es']] as const)('when the patient texts %s, then they get who we are, how to stop, and 911', async (keyword, lang) => {
    twilio = fakeTwilio();
    const { phone } = await enrolled(svc, lang);
    const before = twilio.to(phone).length;
    await text(svc, phone, keyword);
    await svc.sender.drain();
    const [help] = twilio.to(phone).slice(before);
    expect(help).toContain('Riverside Clinic');
    expect(help).toContain('911');
    expect(help).toMatch(/STOP/);
  });
});

describe("Twilio's Advanced Opt-Out (OptOutType) is the source of truth", () => {
  it('when Twilio marks "BAJA" as OptOutType=STOP, then the patient is opted out, and no check-in can start', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svcTwilioKeywords, 'es');
    const before = twilio.to(phone).length;
    await text(svcTwilioKeywords, phone, 'BAJA', { OptOutType: 'STOP' });
    await svcTwilioKeywords.sender.drain();
    expect(await statusOf(svcTwilioKeywords, id)).toBe('opted_out');
    // Twilio already confirmed: careloop sends nothing of its own.
    expect(twilio.to(phone).slice(before)).toEqual([]);
    expect((await svcTwilioKeywords.api().post(`/api/patients/${id}/checkins`)).status).toBe(409);
  });

  it('when Twilio marks a word careloop does not know as OptOutType=STOP, then the patient is still opted out', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svcTwilioKeywords);
    await text(svcTwilioKeywords, phone, 'ARRET', { OptOutType: 'STOP' });
    expect(await statusOf(svcTwilioKeywords, id)).toBe('opted_out');
  });

  it('when an opted-out patient texts "ALTA" with OptOutType=START, then they are active again', async () => {
    twilio = fakeTwilio();
    const { id, phone } = await enrolled(svcTwilioKeywords, 'es');
    await text(svcTwilioKeywords, phone, 'BAJA', { OptOutType: 'STOP' });
    expect(await statusOf(svcTwilioKeywords, id)).toBe('opted_out');
    await text(svcTwilioKeywords, phone, 'ALTA', { OptOutType: 'START' });
    expect(await statusOf(svcTwilioKeywords, id)).toBe('active');
  });

  it('when the patient asks in plain Spanish ("ya no me manden mensajes"), then they are opted out; a double negation is not', async () => {
    twilio = fakeTwilio();
    const a = await enrolled(svc, 'es');
    await text(svc, a.phone, 'ya no me manden mensajes');
    expect(await statusOf(svc, a.id)).toBe('opted_out');
    const b = await enrolled(svc, 'es');
    await text(svc, b.phone, 'no quiero que dejen de mandarme mensajes, me ayudan');
    expect(await statusOf(svc, b.id)).toBe('active');
  });
});
