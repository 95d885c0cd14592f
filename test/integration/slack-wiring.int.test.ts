// buildSlack as main.ts uses it: without Slack credentials the service still
// runs (escalations go to the console and the API); with SLACK_APP_TOKEN it
// uses Socket Mode and mounts no HTTP route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlack } from '../../src/adapters/slack/build-slack.js';
import { ConsoleStaffChannel } from '../../src/adapters/console/console-staff-channel.js';
import { FROM_NUMBER, newPatient, nextSid, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let twilio: TwilioFake;
beforeAll(async () => {
  twilio = fakeTwilio();
  svc = await startTestService();
});
afterAll(async () => {
  await svc.close();
  twilio.done();
});

describe('buildSlack', () => {
  it('when Slack is not configured, then there is no router, the console channel prints the label only, and the API lists the escalation', async () => {
    const slack = buildSlack(svc.core, svc.config.slack, { repostLoop: false });
    expect(slack.router).toBeNull();
    expect(slack.channel).toBeInstanceOf(ConsoleStaffChannel);
    await slack.start();

    const res = await svc.api().post('/api/patients', newPatient({ phone: '+15555550188' }));
    await svc.sms({ From: '+15555550188', To: FROM_NUMBER, Body: 'I need to talk to a nurse', MessageSid: nextSid() });
    const listed = (await svc.api().get(`/api/escalations?patientId=${res.body.id}`)).body as { id: string; status: string }[];
    expect(listed).toHaveLength(1);
    const lines: string[] = [];
    await new ConsoleStaffChannel(svc.t.db, (l) => lines.push(l)).deliver({ type: 'escalation.post', escalationId: listed[0]!.id, messageId: null });
    expect(lines[0]).toMatch(/^\[escalation ROUTINE\] MG-[0-9A-F]{6,}: The patient asked to talk to a person/);
    expect(lines[0]).not.toContain('0188');
    await slack.stop();
  });

  it('when SLACK_APP_TOKEN is set, then it builds a Socket Mode app with no HTTP router (nothing connects until start)', () => {
    const slack = buildSlack(svc.core, { ...svc.config.slack, botToken: 'xoxb-1', signingSecret: 'secret-123', channel: 'C1', appToken: 'xapp-1', enabled: true });
    expect(slack.router).toBeNull();
    expect(slack.channel).not.toBeInstanceOf(ConsoleStaffChannel);
  });
});
