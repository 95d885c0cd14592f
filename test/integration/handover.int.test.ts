// When a dialogue asks the care team for help and would go on, the team takes
// over: the dialogue ends after its acknowledgement, asks nothing more, and
// the patient's next text goes to the escalation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { HAND_OVER_SCENARIO, inProcessTexts, readScenario, repliesOf } from '../support/scenario-replies.js';
import { realEnv } from '../engine/support/env.js';

let svc: TestService;
let fake: TwilioFake;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => fake?.done());

describe('hand-over to the care team', () => {
  it('when the setback dialogue offers a person and the patient says yes, then the check-in ends with that and the next text is relayed', async () => {
    fake = fakeTwilio();
    const phone = '+15555550777';
    const { body: patient } = await svc.api().post('/api/patients', newPatient({ phone }));
    await svc.api().post(`/api/patients/${patient.id}/checkins`);
    const say = async (body: string) => {
      await svc.sms({ From: phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
      await svc.sender.drain();
    };
    await say('0');
    // Walk the setback dialogue, answering its questions until it offers a person.
    for (let i = 0; i < 8 && !/to contact you\?/i.test(fake.to(phone).at(-1) ?? ''); i += 1) {
      const last = fake.to(phone).at(-1) ?? '';
      await say(/YES or NO/i.test(last) ? 'no' : '1');
    }
    expect(fake.to(phone).at(-1)).toMatch(/to contact you\?/i);
    await say('yes');
    expect(fake.to(phone).at(-1)).toMatch(/Someone from your care team will reach out/);
    const session = await svc.t.db.selectFrom('conversation_sessions').select(['status', 'outcome']).where('patient_id', '=', patient.id).executeTakeFirstOrThrow();
    // The hand-over ends the whole session in the engine (escalate then: hand_over, issue 11).
    expect(session).toEqual({ status: 'ended', outcome: 'escalated_routine' });
    const timers = await svc.t.db.selectFrom('conversation_timers').select('key').where('patient_id', '=', patient.id).where('status', '=', 'pending').execute();
    expect(timers).toEqual([]);
    const sent = fake.to(phone).length;
    await say('thanks, any time after 3pm');
    expect(fake.to(phone)).toHaveLength(sent);
    const relay = await svc.t.db.selectFrom('outbox').select('payload').where('kind', '=', 'slack').where('patient_id', '=', patient.id).execute();
    expect(relay.map((r) => (r.payload as { type: string }).type)).toContain('relay.patient');
  });

  it('when the hand-over journey is texted to the real service, then the patient gets exactly the texts of the scenario runner', async () => {
    fake = fakeTwilio();
    const scenario = await readScenario(HAND_OVER_SCENARIO);
    const phone = '+15555550778';
    const { body: patient } = await svc.api().post('/api/patients', newPatient({ phone, plan: { ...newPatient().plan, ...scenario.plan } }));
    await svc.sender.drain();
    const welcome = fake.to(phone).length;
    await svc.api().post(`/api/patients/${patient.id}/checkins`);
    await svc.sender.drain();
    for (const body of repliesOf(scenario)) {
      await svc.sms({ From: phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
      await svc.sender.drain();
    }
    expect(fake.to(phone).slice(welcome)).toEqual(inProcessTexts(scenario, (await realEnv()).env));
    const session = await svc.t.db.selectFrom('conversation_sessions').select(['outcome']).where('patient_id', '=', patient.id).executeTakeFirstOrThrow();
    expect(session.outcome).toBe('escalated_routine');
  });
});
