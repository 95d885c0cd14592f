// A careloop service with Slack switched on, built the way main.ts wires it:
// buildSlack(core, config.slack) gives the staff channel and the Bolt router.
// Slack requests are signed with the signing secret (with the real current
// time: Bolt rejects stale timestamps, whatever the app's clock says).
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { buildSlack, type SlackService } from '../../src/adapters/slack/build-slack.js';
import type { StaffChannel, StaffJob } from '../../src/app/staff-outbox.js';
import { startTestService, type TestService } from '../support/service.js';
import { BOT_USER } from './slack-fake.js';

export const SIGNING_SECRET = 'test-slack-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';
export const CHANNEL = 'C0ESCALATE';

export interface SlackTestService {
  svc: TestService;
  slack: SlackService;
  /** The express app with the Bolt router mounted, as main.ts mounts it. */
  http: express.Express;
  /** Clicks a button on an escalation message. */
  click(actionId: string, value: string, user?: string): Promise<request.Response>;
  /** Submits a modal. */
  submit(callbackId: string, privateMetadata: string, values: Record<string, Record<string, Record<string, unknown>>>, user?: string): Promise<request.Response>;
  /** Runs /careloop <text>. */
  command(text: string, user?: string): Promise<request.Response>;
  /** A message event in a channel (a thread reply when threadTs is given). */
  message(event: { channel?: string; ts: string; threadTs?: string; user?: string; text: string; botId?: string; subtype?: string }): Promise<request.Response>;
  /** POSTs a raw body with a chosen signature (null: none). */
  raw(body: string, contentType: string, signature: string | null, timestamp?: number): Promise<request.Response>;
  close(): Promise<void>;
}

export const STAFF = 'U0NURSEKIM';
/** How the audit log names STAFF: their linked staff account. */
export const STAFF_ACTOR = 'staff:kim@clinic.test';
/** A second linked staff member (some tests have two people act on one escalation). */
export const SECOND_STAFF = 'U0SECOND';

/** Forwards to the Slack channel once it exists (buildSlack needs the service's core). */
class LateChannel implements StaffChannel {
  target: StaffChannel | null = null;
  deliver(job: StaffJob): Promise<void> {
    if (!this.target) throw new Error('slack channel not built yet');
    return this.target.deliver(job);
  }
}

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000)): { timestamp: number; signature: string } {
  return { timestamp, signature: `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}` };
}

export async function startSlackService(env: Record<string, string> = {}): Promise<SlackTestService> {
  const late = new LateChannel();
  const svc = await startTestService({
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_ESCALATION_CHANNEL: CHANNEL, ...env },
    overrides: { staffChannel: late },
  });
  // Slack users act only through linked staff accounts: the test's nurses are linked admins.
  for (const [slackUserId, email] of [[STAFF, 'kim@clinic.test'], [SECOND_STAFF, 'second@clinic.test']] as const) {
    const now = svc.clock.now();
    await svc.t.db.insertInto('staff').values({ email, name: email.split('@')[0]!, role: 'admin', password_hash: null, oidc_subject: null, slack_user_id: slackUserId, disabled_at: null, created_at: now, updated_at: now }).execute();
  }
  const slack = buildSlack(svc.core, svc.config.slack, { repostLoop: false });
  late.target = slack.channel;
  await slack.start();
  if (!slack.router) throw new Error('expected the HTTP receiver');
  const http = express();
  http.use(slack.router);

  const post = (body: string, contentType: string) => {
    const { timestamp, signature } = sign(body);
    return request(http).post('/slack/events').set('Content-Type', contentType).set('X-Slack-Request-Timestamp', String(timestamp)).set('X-Slack-Signature', signature).send(body);
  };
  const form = (payload: object) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  const team = { id: 'T0001', domain: 'clinic' };
  let n = 0;

  return {
    svc,
    slack,
    http,
    click: (actionId, value, user = STAFF) =>
      form({
        type: 'block_actions',
        team,
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team.id },
        api_app_id: 'A0001',
        token: 'legacy',
        trigger_id: `trigger-${++n}`,
        container: { type: 'message', message_ts: '1700000000.000001', channel_id: CHANNEL, is_ephemeral: false },
        channel: { id: CHANNEL, name: 'care-escalations' },
        response_url: 'https://hooks.slack.com/actions/T0001/1/xyz',
        actions: [{ type: 'button', action_id: actionId, block_id: `escalation:${value}`, value, action_ts: '1700000002.000001', text: { type: 'plain_text', text: actionId } }],
      }),
    submit: (callbackId, privateMetadata, values, user = STAFF) =>
      form({
        type: 'view_submission',
        team,
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team.id },
        api_app_id: 'A0001',
        token: 'legacy',
        trigger_id: `trigger-${++n}`,
        view: { id: 'V0001', team_id: team.id, type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values }, hash: 'h', title: { type: 'plain_text', text: 't' }, blocks: [], app_id: 'A0001', bot_id: 'BBOT0001', close: null, submit: null, root_view_id: 'V0001', previous_view_id: null, clear_on_close: false, notify_on_close: false },
        response_urls: [],
      }),
    command: (text, user = STAFF) =>
      post(
        new URLSearchParams({
          token: 'legacy', team_id: team.id, team_domain: team.domain, channel_id: CHANNEL, channel_name: 'care-escalations',
          user_id: user, user_name: user.toLowerCase(), command: '/careloop', text, api_app_id: 'A0001',
          response_url: 'https://hooks.slack.com/commands/T0001/1/xyz', trigger_id: `trigger-${++n}`,
        }).toString(),
        'application/x-www-form-urlencoded',
      ),
    message: (e) =>
      post(
        JSON.stringify({
          token: 'legacy',
          team_id: team.id,
          api_app_id: 'A0001',
          type: 'event_callback',
          event_id: `Ev${++n}`,
          event_time: 1700000000,
          authorizations: [{ team_id: team.id, user_id: BOT_USER, is_bot: true }],
          event: {
            type: 'message',
            channel: e.channel ?? CHANNEL,
            channel_type: 'channel',
            ts: e.ts,
            event_ts: e.ts,
            text: e.text,
            ...(e.user === undefined && e.botId ? {} : { user: e.user ?? STAFF }),
            ...(e.threadTs ? { thread_ts: e.threadTs } : {}),
            ...(e.botId ? { bot_id: e.botId } : {}),
            ...(e.subtype ? { subtype: e.subtype } : {}),
          },
        }),
        'application/json',
      ),
    raw: (body, contentType, signature, timestamp = Math.floor(Date.now() / 1000)) => {
      const req = request(http).post('/slack/events').set('Content-Type', contentType).set('X-Slack-Request-Timestamp', String(timestamp));
      return (signature === null ? req : req.set('X-Slack-Signature', signature)).send(body);
    },
    close: async () => {
      await slack.stop();
      await svc.close();
    },
  };
}
