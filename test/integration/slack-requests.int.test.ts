// What reaches Slack listeners and what does not: signatures are verified;
// only people's replies inside an open escalation's thread reach the patient.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { CHANNEL, STAFF, sign, startSlackService, type SlackTestService } from '../slack/slack-service.js';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;
let n = 100;
let ts = 0;
const nextTs = () => `1700000500.${String(++ts).padStart(6, '0')}`;

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

/** A patient with an open escalation posted in Slack. */
async function escalated() {
  const phone = `+1555556${String(n++).padStart(4, '0')}`;
  const res = await s.svc.api().post('/api/patients', newPatient({ phone }));
  const id = res.body.id as string;
  await s.svc.sms({ From: phone, To: FROM_NUMBER, Body: 'I need to talk to a nurse', MessageSid: nextSid() });
  await s.svc.sender.drain();
  await s.svc.staff.drain();
  const row = await s.svc.t.db.selectFrom('escalations').selectAll().where('patient_id', '=', id).executeTakeFirstOrThrow();
  return { id, phone, escalationId: row.id, threadTs: row.slack_ts! };
}

const staffTexts = (phone: string) => twilio.to(phone).filter((b) => b.startsWith('Nurse Kim:'));

describe('Slack requests', () => {
  it('when a request is unsigned, wrongly signed or stale, then it is refused and nothing happens', async () => {
    const p = await escalated();
    const payload = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: STAFF }, actions: [{ type: 'button', action_id: 'escalation.claim', value: p.escalationId }] }) }).toString();
    const form = 'application/x-www-form-urlencoded';
    expect((await s.raw(payload, form, null)).status).toBe(401);
    expect((await s.raw(payload, form, 'v0=deadbeef')).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await s.raw(payload, form, sign(payload, old).signature, old)).status).toBe(401);
    const row = await s.svc.t.db.selectFrom('escalations').select('status').where('id', '=', p.escalationId).executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('when bots, edits, top-level messages, other threads or "//" notes are posted, then nothing is texted', async () => {
    const p = await escalated();
    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: 'relayed by careloop', botId: 'BBOT0001', user: 'UBOT0001' });
    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: 'edited', subtype: 'message_changed' });
    await s.message({ ts: nextTs(), text: 'a top-level message in the channel' });
    await s.message({ ts: nextTs(), threadTs: '1600000000.000001', text: 'a reply in some other thread' });
    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: '// internal: I think this is the knee again' });
    await s.svc.sender.drain();
    expect(staffTexts(p.phone)).toEqual([]);
    expect(await s.svc.t.db.selectFrom('messages').select('id').where('patient_id', '=', p.id).where('author', '=', 'staff').execute()).toEqual([]);

    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: 'Hello from <@U0OTHER> and me, see <https://clinic.example/knee|this page>' });
    await s.svc.sender.drain();
    expect(staffTexts(p.phone)).toEqual(['Nurse Kim: Hello from and me, see this page (https://clinic.example/knee)']);
  });

  it('when staff reply in a resolved escalation\'s thread, then nothing is texted and they are told why', async () => {
    const p = await escalated();
    await s.submit('escalation.resolve.submit', p.escalationId, { resolve_note: { value: { type: 'plain_text_input', value: null } } });
    slack.clear();
    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: 'one more thing' });
    await s.svc.sender.drain();
    expect(staffTexts(p.phone)).toEqual([]);
    const [ephemeral] = slack.of('chat.postEphemeral');
    expect(ephemeral!.args).toMatchObject({ channel: CHANNEL, user: STAFF, thread_ts: p.threadTs });
    expect(String(ephemeral!.args.text)).toContain('resolved');
    // Resolving twice is refused on the modal.
    const again = await s.submit('escalation.resolve.submit', p.escalationId, { resolve_note: { value: { type: 'plain_text_input', value: null } } });
    expect(again.body).toEqual({ response_action: 'errors', errors: { resolve_note: expect.stringContaining('already resolved by Nurse Kim') } });
  });

  it('when the patient has opted out, then a staff reply is not texted and the modal says to call', async () => {
    const p = await escalated();
    await s.svc.sms({ From: p.phone, To: FROM_NUMBER, Body: 'STOP', MessageSid: nextSid() });
    await s.svc.sender.drain();
    const res = await s.submit('escalation.reply.submit', p.escalationId, { reply_text: { value: { type: 'plain_text_input', value: 'Are you ok?' } } });
    expect(res.body).toEqual({ response_action: 'errors', errors: { reply_text: expect.stringContaining('opted out') } });
    await s.svc.sender.drain();
    expect(staffTexts(p.phone)).toEqual([]);
  });

  it('when someone else already claimed it, then a second claim changes nothing and tells the clicker', async () => {
    const p = await escalated();
    await s.click('escalation.claim', p.escalationId);
    slack.users.U0SECOND = 'Dr Lee';
    slack.clear();
    await s.click('escalation.claim', p.escalationId, 'U0SECOND');
    const [ephemeral] = slack.of('chat.postEphemeral');
    expect(ephemeral!.args).toMatchObject({ user: 'U0SECOND', text: 'Already claimed by Nurse Kim.' });
    const row = await s.svc.t.db.selectFrom('escalations').select('claimed_by').where('id', '=', p.escalationId).executeTakeFirstOrThrow();
    expect(row.claimed_by).toBe('Nurse Kim');
  });

  it('when a reply comes before anyone claimed, then it claims the escalation for the one who answered', async () => {
    const p = await escalated();
    await s.message({ ts: nextTs(), threadTs: p.threadTs, text: 'On it.' });
    const row = await s.svc.t.db.selectFrom('escalations').selectAll().where('id', '=', p.escalationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'claimed', claimed_by: 'Nurse Kim' });
    expect(row.first_reply_at).toEqual(row.claimed_at);
  });
});
