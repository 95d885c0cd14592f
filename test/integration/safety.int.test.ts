// A red flag is the one message careloop must never miss: the safety reply
// leaves in the same request, before any other text to that patient, and the
// urgent escalation is committed with the inbound message.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let fake: TwilioFake;
let n = 500;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => fake?.done());

describe('urgent red flags', () => {
  it.each([
    ['my chest hurts really bad right now', /911/],
    ['i dont want to be here anymore', /988/],
    ['me duele mucho el pecho', /911/],
  ])('when a patient mid check-in texts "%s", then the safety reply is sent before the webhook answers', async (body, expected) => {
    fake = fakeTwilio();
    const phone = `+1555559${String(n++).padStart(4, '0')}`;
    const { body: patient } = await svc.api().post('/api/patients', newPatient({ phone, language: body.startsWith('me') ? 'es' : 'en' }));
    expect((await svc.api().post(`/api/patients/${patient.id}/checkins`)).status).toBe(202);
    await svc.sender.drain();
    const before = fake.to(phone).length;

    const res = await svc.sms({ From: phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
    expect(res.status).toBe(200);
    // No sender ran after the request: the reply already left within it.
    const after = fake.to(phone).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(expected);

    const escalations = (await svc.api().get(`/api/escalations?patientId=${patient.id}`)).body;
    expect(escalations).toEqual([expect.objectContaining({ urgency: 'urgent', status: 'open' })]);
    const inbound = await svc.t.db.selectFrom('messages').select('created_at').where('patient_id', '=', patient.id).where('direction', '=', 'inbound').executeTakeFirstOrThrow();
    const escalation = await svc.t.db.selectFrom('escalations').select('created_at').where('patient_id', '=', patient.id).executeTakeFirstOrThrow();
    expect(escalation.created_at.getTime()).toBe(inbound.created_at.getTime());
    // The check-in does not go on after a red flag.
    const session = await svc.t.db.selectFrom('conversation_sessions').select(['status', 'outcome']).where('patient_id', '=', patient.id).executeTakeFirstOrThrow();
    expect(session).toEqual({ status: 'ended', outcome: 'escalated_urgent' });
  });
});
