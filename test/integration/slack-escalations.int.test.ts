// An escalation's whole life in Slack, through the real Bolt app with signed
// requests and the Slack Web API intercepted by nock: posted, claimed, staff
// reply texted to the patient, patient reply relayed to the thread, resolved,
// and the bot answering the patient again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { CHANNEL, STAFF, STAFF_ACTOR, startSlackService, type SlackTestService } from '../slack/slack-service.js';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;
let n = 100;

beforeAll(async () => {
  // One fake of each for the file: their done() clears every nock interceptor.
  slack = fakeSlack();
  twilio = fakeTwilio();
  s = await startSlackService();
});
afterAll(async () => {
  await s.close();
  twilio.done();
  slack.done();
});
beforeEach(async () => {
  slack.clear();
  slack.users[STAFF] = 'Nurse Kim';
});

async function enrolled(overrides: Record<string, unknown> = {}) {
  const phone = `+1555557${String(n++).padStart(4, '0')}`;
  const res = await s.svc.api().post('/api/patients', newPatient({ phone, ...overrides }));
  expect(res.status).toBe(201);
  await s.svc.sender.drain();
  const label = (await s.svc.api().get(`/api/patients/${res.body.id}`)).body.label as string;
  return { id: res.body.id as string, phone, label };
}

const text = (from: string, body: string) => s.svc.sms({ From: from, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });

async function openEscalation(patientId: string) {
  const rows = (await s.svc.api().get(`/api/escalations?patientId=${patientId}`)).body as { id: string; status: string }[];
  const open = rows.find((r) => r.status !== 'resolved');
  if (!open) throw new Error('no open escalation');
  return open.id;
}

const escalationRow = (id: string) => s.svc.t.db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('an escalation in Slack', () => {
  it('when a patient asks for a person, then one message is posted and the whole life works from Slack', async () => {
    const p = await enrolled();
    await text(p.phone, 'I want to talk to someone about my knee');
    await s.svc.sender.drain();
    const id = await openEscalation(p.id);
    expect(await s.svc.staff.drain()).toBe(1);

    // Posted: one message in the configured channel, with the context to act.
    const [post] = slack.of('chat.postMessage');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(post!.args.channel).toBe(CHANNEL);
    const blocks = JSON.stringify(post!.args.blocks);
    expect(blocks).toContain(p.label);
    expect(blocks).toContain('talk to a person');
    expect(blocks).toContain('I want to talk to someone about my knee');
    expect(blocks).toContain('walk 10 minutes after dinner');
    expect(blocks).toContain('escalation.claim');
    expect(String(post!.args.text)).not.toContain('<!here>'); // routine: no mention
    const row = await escalationRow(id);
    expect(row.slack_channel).toBe(CHANNEL);
    const threadTs = row.slack_ts!;
    expect(threadTs).toBeTruthy();

    // Claimed: the message shows who, in place.
    expect((await s.click('escalation.claim', id)).status).toBe(200);
    expect(await s.svc.staff.drain()).toBe(1);
    const [claimUpdate] = slack.of('chat.update');
    expect(claimUpdate!.args).toMatchObject({ channel: CHANNEL, ts: threadTs });
    expect(JSON.stringify(claimUpdate!.args.blocks)).toContain('Claimed* by Nurse Kim');
    expect(JSON.stringify(claimUpdate!.args.blocks)).not.toContain('escalation.claim');
    expect((await escalationRow(id)).claimed_by).toBe('Nurse Kim');

    // A staff reply in the thread is texted to the patient with the staff member's name.
    expect((await s.message({ ts: '1700000100.000001', threadTs, text: 'Hi, this is Kim. I will call you at 3 pm &amp; we can talk.' })).status).toBe(200);
    await s.svc.sender.drain();
    expect(twilio.to(p.phone).at(-1)).toBe('Nurse Kim: Hi, this is Kim. I will call you at 3 pm & we can talk.');
    expect((await escalationRow(id)).first_reply_at).not.toBeNull();
    // Slack redelivers the same event: not texted twice.
    await s.message({ ts: '1700000100.000001', threadTs, text: 'Hi, this is Kim. I will call you at 3 pm &amp; we can talk.' });
    await s.svc.sender.drain();
    expect(twilio.to(p.phone).filter((b) => b.startsWith('Nurse Kim:'))).toHaveLength(1);

    // The patient's answer goes to the thread, not to the bot.
    const sentBefore = twilio.to(p.phone).length;
    await text(p.phone, 'ok, 3 pm works');
    await s.svc.sender.drain();
    expect(twilio.to(p.phone)).toHaveLength(sentBefore);
    slack.clear();
    await s.svc.staff.drain();
    const [relay] = slack.of('chat.postMessage');
    expect(relay!.args).toMatchObject({ channel: CHANNEL, thread_ts: threadTs });
    expect(String(relay!.args.text)).toContain('ok, 3 pm works');

    // Reply modal: opens, and the submitted text goes by SMS and into the thread.
    expect((await s.click('escalation.reply', id)).status).toBe(200);
    expect(slack.of('views.open')[0]!.args.view).toMatchObject({ callback_id: 'escalation.reply.submit', private_metadata: id });
    const submitted = await s.submit('escalation.reply.submit', id, { reply_text: { value: { type: 'plain_text_input', value: 'Calling you now.' } } });
    expect(submitted.status).toBe(200);
    await s.svc.sender.drain();
    expect(twilio.to(p.phone).at(-1)).toBe('Nurse Kim: Calling you now.');
    slack.clear();
    await s.svc.staff.drain();
    const inThread = slack.of('chat.postMessage');
    expect(inThread).toHaveLength(1);
    expect(inThread[0]!.args).toMatchObject({ channel: CHANNEL, thread_ts: threadTs });
    expect(String(inThread[0]!.args.text)).toContain('Nurse Kim: Calling you now.');

    // Every relayed message is stored like any other.
    const messages = ((await s.svc.api().get(`/api/patients/${p.id}/messages`)).body as { author: string; body: string }[]).reverse();
    expect(messages.filter((m) => m.author === 'staff').map((m) => m.body)).toEqual(['Nurse Kim: Hi, this is Kim. I will call you at 3 pm & we can talk.', 'Nurse Kim: Calling you now.']);
    expect(messages.some((m) => m.author === 'patient' && m.body === 'ok, 3 pm works')).toBe(true);

    // Resolve with a note: the message says so, the bot takes the patient back.
    expect((await s.click('escalation.resolve', id)).status).toBe(200);
    expect(slack.of('views.open').at(-1)!.args.view).toMatchObject({ callback_id: 'escalation.resolve.submit' });
    expect((await s.submit('escalation.resolve.submit', id, { resolve_note: { value: { type: 'plain_text_input', value: 'Called; knee pain is old, no change.' } } })).status).toBe(200);
    slack.clear();
    await s.svc.staff.drain();
    const resolved = slack.of('chat.update');
    expect(resolved).toHaveLength(1);
    expect(JSON.stringify(resolved[0]!.args.blocks)).toContain('Resolved* by Nurse Kim');
    expect(JSON.stringify(resolved[0]!.args.blocks)).toContain('knee pain is old');
    expect(JSON.stringify(resolved[0]!.args.blocks)).not.toContain('"actions"');
    const done = await escalationRow(id);
    expect(done.status).toBe('resolved');
    const enrollment = await s.svc.t.db.selectFrom('enrollments').selectAll().where('patient_id', '=', p.id).executeTakeFirstOrThrow();
    expect(enrollment.next_checkin_at).not.toBeNull();

    // The bot answers again; nothing more goes to Slack.
    const before = twilio.to(p.phone).length;
    await text(p.phone, 'thanks!');
    await s.svc.sender.drain();
    expect(twilio.to(p.phone).length).toBe(before + 1);
    slack.clear();
    await s.svc.staff.drain();
    expect(slack.calls).toHaveLength(0);

    // The audit trail records claim, reply and resolution, with times.
    const audit = await s.svc.t.db.selectFrom('audit_log').select(['action', 'actor', 'details']).where('patient_id', '=', p.id).orderBy('id').execute();
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['escalation.opened', 'escalation.claimed', 'escalation.staff_reply', 'escalation.resolved']));
    expect(audit.find((a) => a.action === 'escalation.claimed')!.actor).toBe(STAFF_ACTOR);
  });
});
