// Slack errors that waiting cannot fix, through the real Bolt/Web API client
// with Slack intercepted by nock: not retried forever, an operator alert, and
// the escalation still visible to the care team in the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { startSlackService, type SlackTestService } from '../slack/slack-service.js';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;

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

describe('a Slack app that cannot post', () => {
  it('when chat.postMessage answers channel_not_found, then the post is failed once, operators are alerted and the API shows it', async () => {
    const phone = '+15555510001';
    const res = await s.svc.api().post('/api/patients', newPatient({ phone }));
    expect(res.status).toBe(201);
    await s.svc.sender.drain();
    await s.svc.sms({ From: phone, To: FROM_NUMBER, Body: 'I want to talk to someone about my knee', MessageSid: nextSid() });
    slack.failNext('chat.postMessage', [200, { ok: false, error: 'channel_not_found' }]);
    expect(await s.svc.staff.drain()).toBe(1);
    s.svc.clock.advance(3 * 3_600_000);
    expect(await s.svc.staff.drain()).toBe(0);
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    const [esc] = (await s.svc.api().get(`/api/escalations?patientId=${res.body.id}`)).body as { status: string; notifyError?: string }[];
    expect(esc).toMatchObject({ status: 'open', notifyError: 'slack: channel_not_found' });
    expect(await s.svc.metrics.registry.getSingleMetricAsString('careloop_operator_alerts_total')).toMatch(/reason="slack_channel_not_found"} 1/);
  });
});
