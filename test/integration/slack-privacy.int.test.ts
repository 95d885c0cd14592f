// Minimum necessary (domain §7): under the default setting no phone number
// and no part of the patient's name appears in anything careloop sends to
// Slack (Web API calls and answers to Slack's requests). The 'name' setting
// shows the name (proving the check can see it), never the phone.
import { afterEach, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio } from '../support/twilio-fake.js';
import { fakeSlack } from '../slack/slack-fake.js';
import { STAFF, startSlackService, type SlackTestService } from '../slack/slack-service.js';

const PHONE = '+15555550177';
const NAME = 'Maria Garcia';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Everything a patient's escalation makes careloop say to Slack, as text. */
async function everythingSentToSlack(env: Record<string, string> = {}): Promise<{ sent: string; patientId: string }> {
  const slack = fakeSlack();
  const twilio = fakeTwilio();
  const s: SlackTestService = await startSlackService(env);
  cleanups.push(() => slack.done(), () => twilio.done(), () => s.close());
  slack.users[STAFF] = 'Nurse Kim';
  const answers: string[] = [];
  const keep = (res: { text: string }) => answers.push(res.text);

  const enrolled = await s.svc.api().post('/api/patients', newPatient({ phone: PHONE, name: NAME }));
  const patientId = enrolled.body.id as string;
  const label = (await s.svc.api().get(`/api/patients/${patientId}`)).body.label as string;
  const text = async (body: string) => {
    await s.svc.sms({ From: PHONE, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });
    await s.svc.sender.drain();
    await s.svc.staff.drain();
  };
  await text('my chest hurts and I feel dizzy');
  const esc = await s.svc.t.db.selectFrom('escalations').selectAll().where('patient_id', '=', patientId).executeTakeFirstOrThrow();
  await text('still there');
  s.svc.clock.advance(16 * 60_000);
  await s.slack.repostDue();
  await s.svc.staff.drain();
  keep(await s.click('escalation.claim', esc.id));
  keep(await s.message({ ts: '1700000900.000001', threadTs: esc.slack_ts!, text: 'Calling you now' }));
  keep(await s.click('escalation.reply', esc.id));
  keep(await s.submit('escalation.reply.submit', esc.id, { reply_text: { value: { type: 'plain_text_input', value: 'Please pick up' } } }));
  keep(await s.command(`status ${PHONE}`));
  keep(await s.command(`status ${label}`));
  keep(await s.click('escalation.resolve', esc.id));
  keep(await s.submit('escalation.resolve.submit', esc.id, { resolve_note: { value: { type: 'plain_text_input', value: 'Sent to ER' } } }));
  await s.svc.sender.drain();
  await s.svc.staff.drain();
  keep(await s.command('enroll'));

  const posted = slack.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'users.info');
  expect(posted.map((c) => c.method)).toEqual(expect.arrayContaining(['chat.postMessage', 'chat.update', 'views.open']));
  expect(posted.filter((c) => c.method === 'chat.postMessage').length).toBeGreaterThanOrEqual(4); // post, relay, repost, reply echo
  const decoded = posted.map((c) => `${c.raw}\n${decodeURIComponent(c.raw.replace(/\+/g, ' '))}`);
  return { sent: [...decoded, ...answers].join('\n'), patientId };
}

describe('patient identity in Slack', () => {
  it('when the default setting is used, then no phone number and no part of the name is ever sent to Slack', async () => {
    const { sent } = await everythingSentToSlack();
    expect(sent).toContain('my chest hurts'); // the check does see the content
    for (const forbidden of [PHONE, PHONE.slice(1), PHONE.slice(2), '555-0177', '0177', NAME, 'Maria', 'Garcia']) {
      expect(sent, `"${forbidden}" was sent to Slack`).not.toContain(forbidden);
    }
  });

  it('when the name setting and a record link are configured, then the name and link are shown, still never the phone', async () => {
    const { sent, patientId } = await everythingSentToSlack({ SLACK_PATIENT_IDENTITY: 'name', PATIENT_LINK_TEMPLATE: 'https://ehr.example.org/patients/{id}' });
    expect(sent).toContain(NAME);
    expect(sent).toContain(`<https://ehr.example.org/patients/${patientId}|${NAME}`);
    for (const forbidden of [PHONE, PHONE.slice(2), '0177']) expect(sent).not.toContain(forbidden);
  });
});
