// Urgent escalations: the mention, the care team's own channel and mention,
// the re-post of an unclaimed one after 15 minutes on the injected clock, and
// Slack failures (rate limit, 5xx) retried by the outbox without losing it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FROM_NUMBER, newPatient, nextSid } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { fakeSlack, type SlackFake } from '../slack/slack-fake.js';
import { CHANNEL, STAFF, startSlackService, type SlackTestService } from '../slack/slack-service.js';

let s: SlackTestService;
let slack: SlackFake;
let twilio: TwilioFake;
let n = 100;
const MINUTE = 60_000;

beforeAll(async () => {
  // One fake of each for the file: their done() clears every nock interceptor.
  slack = fakeSlack();
  twilio = fakeTwilio();
  s = await startSlackService();
  await s.svc.t.db
    .insertInto('care_teams')
    .values([
      { name: 'Default team', slack_channel: null, urgent_mention: null, is_default: true },
      { name: 'Cardiology', slack_channel: 'C0CARDIO', urgent_mention: '<!subteam^S0CARDIO|@cardio-nurses>' },
    ])
    .execute();
});
afterAll(async () => {
  await s.close();
  twilio.done();
  slack.done();
});
beforeEach(async () => {
  slack.clear();
  slack.users[STAFF] = 'Nurse Kim';
  // Each test starts with no open escalation and nothing waiting for Slack.
  await s.svc.t.db.updateTable('escalations').set({ status: 'resolved', resolved_at: s.svc.clock.now() }).where('status', '<>', 'resolved').execute();
  await s.svc.t.db.updateTable('outbox').set({ status: 'done' }).where('status', '=', 'pending').execute();
});

async function enrolled(overrides: Record<string, unknown> = {}) {
  const phone = `+1555558${String(n++).padStart(4, '0')}`;
  const res = await s.svc.api().post('/api/patients', newPatient({ phone, ...overrides }));
  expect(res.status).toBe(201);
  await s.svc.sender.drain();
  return { id: res.body.id as string, phone };
}

const text = (from: string, body: string) => s.svc.sms({ From: from, To: FROM_NUMBER, Body: body, MessageSid: nextSid() });

async function urgentEscalation(overrides: Record<string, unknown> = {}) {
  const p = await enrolled(overrides);
  await text(p.phone, 'I have chest pain right now');
  await s.svc.sender.drain();
  const row = await s.svc.t.db.selectFrom('escalations').selectAll().where('patient_id', '=', p.id).executeTakeFirstOrThrow();
  expect(row.urgency).toBe('urgent');
  return { ...p, escalationId: row.id };
}

const row = (id: string) => s.svc.t.db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const pendingSlack = () => s.svc.t.db.selectFrom('outbox').selectAll().where('kind', '=', 'slack').where('status', '=', 'pending').execute();

describe('urgent escalations', () => {
  it('when a reply is urgent, then the post mentions @here in the text and the blocks', async () => {
    await urgentEscalation();
    await s.svc.staff.drain();
    const [post] = slack.of('chat.postMessage');
    expect(post!.args.channel).toBe(CHANNEL);
    expect(String(post!.args.text)).toMatch(/^<!here> Urgent escalation/);
    expect(JSON.stringify(post!.args.blocks)).toContain('<!here> :rotating_light: *Urgent escalation*');
    expect(JSON.stringify(post!.args.blocks)).toContain('I have chest pain right now');
  });

  it('when the patient belongs to a care team with its own channel, then the escalation goes there with the team\'s mention', async () => {
    await urgentEscalation({ careTeam: 'Cardiology' });
    await s.svc.staff.drain();
    const [post] = slack.of('chat.postMessage');
    expect(post!.args.channel).toBe('C0CARDIO');
    expect(String(post!.args.text)).toMatch(/^<!subteam\^S0CARDIO\|@cardio-nurses> Urgent/);
    expect(String(post!.args.text)).not.toContain('<!here>');
  });

  it('when nobody claims it for 15 minutes, then it is re-posted once with a stronger mention; a claimed one is not', async () => {
    const unclaimed = await urgentEscalation();
    const claimed = await urgentEscalation();
    await s.svc.staff.drain();
    expect((await s.click('escalation.claim', claimed.escalationId)).status).toBe(200);
    await s.svc.staff.drain();
    slack.clear();

    s.svc.clock.advance(14 * MINUTE);
    expect(await s.slack.repostDue()).toBe(0);
    s.svc.clock.advance(1 * MINUTE);
    expect(await s.slack.repostDue()).toBe(1);
    expect(await s.slack.repostDue()).toBe(0); // once only, whoever runs it
    await s.svc.staff.drain();

    const reposts = slack.of('chat.postMessage');
    expect(reposts).toHaveLength(1);
    const thread = await row(unclaimed.escalationId);
    expect(reposts[0]!.args).toMatchObject({ channel: CHANNEL, thread_ts: thread.slack_ts, reply_broadcast: 'true' });
    expect(String(reposts[0]!.args.text)).toMatch(/^<!channel> :rotating_light: \*Still not claimed after 15 minutes/);
    expect(thread.reposted_at).toEqual(s.svc.clock.now());

    // Time to claim is recorded when someone finally claims it.
    s.svc.clock.advance(2 * MINUTE);
    await s.click('escalation.claim', unclaimed.escalationId);
    const after = await row(unclaimed.escalationId);
    const waited = after.claimed_at!.getTime() - after.created_at.getTime();
    expect(waited).toBeGreaterThanOrEqual(17 * MINUTE);
    expect(waited).toBeLessThan(18 * MINUTE); // the SMS sender's pacing also moves the fake clock a little
    const audit = await s.svc.t.db.selectFrom('audit_log').select('details').where('action', '=', 'escalation.claimed').where('patient_id', '=', unclaimed.id).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ secondsToClaim: Math.round(waited / 1000) });
  });

  it('when Slack rate-limits and then fails with 5xx, then the post is retried later and finally delivered', async () => {
    const p = await urgentEscalation();
    slack.failNext('chat.postMessage', [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' }]);
    slack.failNext('chat.postMessage', [503, { ok: false, error: 'service_unavailable' }]);

    await s.svc.staff.drain();
    expect((await row(p.escalationId)).slack_ts).toBeNull();
    let pending = await pendingSlack();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.last_error).toMatch(/chat\.postMessage failed/);

    s.svc.clock.advance(6_000); // past the first backoff
    await s.svc.staff.drain();
    expect((await row(p.escalationId)).slack_ts).toBeNull();
    expect(await pendingSlack()).toHaveLength(1);

    s.svc.clock.advance(31_000); // past the second
    await s.svc.staff.drain();
    pending = await pendingSlack();
    expect(pending).toHaveLength(0);
    expect((await row(p.escalationId)).slack_ts).not.toBeNull();
    expect(slack.of('chat.postMessage')).toHaveLength(3);
    expect(String(slack.of('chat.postMessage')[2]!.args.text)).toContain('Urgent escalation');
  });

  it('when the patient texts while the post is still failing, then the relay waits for the post and follows it in the thread', async () => {
    const p = await urgentEscalation();
    slack.failNext('chat.postMessage', [500, { ok: false, error: 'internal_error' }]);
    await s.svc.staff.drain();
    await text(p.phone, 'it is getting better now');
    await s.svc.sender.drain();
    s.svc.clock.advance(6_000);
    await s.svc.staff.drain();
    const ts = (await row(p.escalationId)).slack_ts;
    expect(ts).not.toBeNull();
    const posts = slack.of('chat.postMessage');
    expect(posts.at(-1)!.args).toMatchObject({ thread_ts: ts });
    expect(String(posts.at(-1)!.args.text)).toContain('it is getting better now');
  });
});
