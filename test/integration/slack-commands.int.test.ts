// /careloop status|pause|resume|checkin now|enroll through the real Bolt app,
// with signed slash commands and view submissions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { STAFF, STAFF_ACTOR, startSlackService, type SlackTestService } from '../slack/slack-service.js';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;
let n = 100;

beforeAll(async () => {
  slack = fakeSlack();
  twilio = fakeTwilio();
  s = await startSlackService();
});
afterAll(async () => {
  await s.close();
  twilio.done();
  slack.done();
});
beforeEach(() => {
  slack.clear();
  slack.users[STAFF] = 'Nurse Kim';
});

async function enrolled() {
  const phone = `+1555559${String(n++).padStart(4, '0')}`;
  const res = await s.svc.api().post('/api/patients', newPatient({ phone }));
  expect(res.status).toBe(201);
  await s.svc.sender.drain();
  const label = (await s.svc.api().get(`/api/patients/${res.body.id}`)).body.label as string;
  return { id: res.body.id as string, phone, label };
}

const statusOf = async (id: string) => (await s.svc.api().get(`/api/patients/${id}`)).body.status as string;
const answer = (res: { body: { text?: string; blocks?: unknown; response_type?: string } }) => ({ type: res.body.response_type, all: `${res.body.text ?? ''} ${JSON.stringify(res.body.blocks ?? [])}` });

describe('/careloop', () => {
  it('when asked for status by label or phone, then it answers ephemerally with plan, adherence and open escalations', async () => {
    const p = await enrolled();
    await s.svc.sms({ From: p.phone, To: FROM_NUMBER, Body: 'can I talk to a nurse', MessageSid: nextSid() });
    const byLabel = await s.command(`status ${p.label.toLowerCase()}`);
    expect(byLabel.status).toBe(200);
    const a = answer(byLabel);
    expect(a.type).toBe('ephemeral');
    expect(a.all).toContain(p.label);
    expect(a.all).toContain('walk 10 minutes after dinner, 5 days a week');
    expect(a.all).toContain('Adherence:');
    expect(a.all).toContain('talk to a person');
    expect(a.all).not.toContain(p.phone);

    const national = `(${p.phone.slice(2, 5)}) ${p.phone.slice(5, 8)}-${p.phone.slice(8)}`;
    const byPhone = answer(await s.command(`status ${national}`));
    expect(byPhone.all).toContain(p.label);
    expect(byPhone.all).not.toContain(p.phone.slice(2));

    expect(answer(await s.command('status ZZ-000000')).all).toContain('patient not found');
  });

  it('when the patient answered in their own words during a check-in, then status shows it to staff', async () => {
    const p = await enrolled();
    await s.svc.api().post(`/api/patients/${p.id}/checkins`);
    for (const body of ['2', '9', 'my knee brace broke', 'buy a new brace on friday']) {
      await s.svc.sms({ From: p.phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
    }
    const a = answer(await s.command(`status ${p.label}`));
    expect(a.all).toContain('In their own words:');
    expect(a.all).toContain('what got in the way');
    expect(a.all).toContain('my knee brace broke');
    expect(a.all).toContain('their own idea');
    expect(a.all).toContain('buy a new brace on friday');
  });

  it('when pause and resume are used, then check-ins stop and start again', async () => {
    const p = await enrolled();
    expect(answer(await s.command(`pause ${p.label}`)).all).toContain(`Paused check-ins for ${p.label}`);
    expect(await statusOf(p.id)).toBe('paused');
    const paused = await s.svc.t.db.selectFrom('enrollments').select('next_checkin_at').where('patient_id', '=', p.id).executeTakeFirstOrThrow();
    expect(paused.next_checkin_at).toBeNull();
    expect(answer(await s.command(`resume ${p.phone}`)).all).toContain(`Resumed check-ins for ${p.label}`);
    expect(await statusOf(p.id)).toBe('active');
    const audit = await s.svc.t.db.selectFrom('audit_log').select('actor').where('patient_id', '=', p.id).where('action', '=', 'patient.changed').execute();
    expect(audit.map((r) => r.actor)).toEqual([STAFF_ACTOR, STAFF_ACTOR]);
  });

  it('when "checkin now" is used, then the weekly check-in starts with a text', async () => {
    const p = await enrolled();
    const before = twilio.to(p.phone).length;
    expect(answer(await s.command(`checkin now ${p.label}`)).all).toContain(`Started a check-in with ${p.label}`);
    await s.svc.sender.drain();
    expect(twilio.to(p.phone).length).toBe(before + 1);
    expect(answer(await s.command(`checkin now ${p.label}`)).all).toContain('in progress');
  });

  it('when "enroll" is used, then a modal opens and its submission enrolls the patient, answering with the label only', async () => {
    expect((await s.command('enroll')).status).toBe(200);
    const [open] = slack.of('views.open');
    expect(open!.args.trigger_id).toMatch(/^trigger-/);
    expect(open!.args.view).toMatchObject({ callback_id: 'patient.enroll.submit', type: 'modal' });

    const v = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const opt = (value: string) => ({ value: { type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } } });
    const values = {
      name: v('Rosa Delgado'),
      phone: v('+1 555 555 0999'),
      timezone: v('America/Chicago'),
      language: opt('es'),
      consent: opt('confirmed'),
      plan_action: v('caminar 10 minutos'),
      plan_days: { value: { type: 'number_input', value: '3' } },
      plan_confidence: { value: { type: 'number_input', value: '8' } },
      plan_start: { value: { type: 'datepicker', selected_date: null } },
      checkin_weekday: opt('tuesday'),
      checkin_time: { value: { type: 'timepicker', selected_time: '17:30' } },
      care_team: { value: { type: 'plain_text_input', value: null } },
    };
    const bad = await s.submit('patient.enroll.submit', '', { ...values, phone: v('555'), plan_days: { value: { type: 'number_input', value: '9' } } });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ response_action: 'errors', errors: { phone: expect.stringContaining('too short'), plan_days: expect.stringContaining('between 1 and 7') } });

    const ok = await s.submit('patient.enroll.submit', '', values);
    expect(ok.body.response_action).toBe('update');
    const patient = await s.svc.t.db.selectFrom('patients').selectAll().where('phone', '=', '+15555550999').executeTakeFirstOrThrow();
    expect(patient).toMatchObject({ name: 'Rosa Delgado', language: 'es', status: 'active', timezone: 'America/Chicago' });
    const shown = JSON.stringify(ok.body.view);
    expect(shown).toContain(patient.label);
    expect(shown).not.toContain('Rosa');
    expect(shown).not.toContain('0999');

    const again = await s.submit('patient.enroll.submit', '', values);
    expect(again.body).toEqual({ response_action: 'errors', errors: { phone: expect.stringContaining('already enrolled') } });
  });

  it('when the command is empty or unknown, then it answers with help', async () => {
    expect(answer(await s.command('')).all).toContain('/careloop status');
    expect(answer(await s.command('frobnicate +15555550123')).all).toMatch(/^Unknown command\./);
  });
});
