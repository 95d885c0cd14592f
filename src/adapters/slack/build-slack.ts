// The Slack side of careloop, built once by the composition root: the staff
// channel the outbox delivers to, the Bolt app (HTTP at /slack/events inside
// careloop's express app, or Socket Mode with SLACK_APP_TOKEN), and the loop
// that re-posts unclaimed urgent escalations. Without Slack credentials the
// channel is the console and there is no router.
import express, { type Router } from 'express';
import { App, ExpressReceiver, LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../../config/index.js';
import type { CoreDeps } from '../../app/deps.js';
import { repostUnclaimedUrgent } from '../../app/escalations/repost.js';
import type { StaffChannel } from '../../app/staff-outbox.js';
import { ConsoleStaffChannel } from '../console/console-staff-channel.js';
import { WorkLoop } from '../scheduler/work-loop.js';
import { boltLogger } from './bolt-logger.js';
import { registerCareloopCommand } from './listeners/careloop-command.js';
import type { ListenerDeps } from './listeners/context.js';
import { registerEscalationActions } from './listeners/escalation-actions.js';
import { registerEscalationViews } from './listeners/escalation-views.js';
import { registerThreadReplies } from './listeners/thread-replies.js';
import { SlackStaffChannel } from './slack-staff-channel.js';
import { StaffDirectory } from './staff-directory.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackService {
  /** Mount in the express app before the 404 handler; null in Socket Mode or without Slack. */
  router: Router | null;
  /** Give this to the StaffOutbox. */
  channel: StaffChannel;
  /** Queues re-posts of urgent escalations unclaimed for URGENT_REPOST_MINUTES (the loop calls it; tests call it). */
  repostDue(): Promise<number>;
  /** Checks the token (auth.test), connects Socket Mode if configured, starts the re-post loop. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackOptions {
  /** How often the re-post loop looks for unclaimed urgent escalations. */
  repostPollMs?: number;
  /** false: start() does not run the re-post loop (tests call repostDue themselves). */
  repostLoop?: boolean;
}

export function buildSlack(core: CoreDeps, config: Config['slack'], options: SlackOptions = {}): SlackService {
  const repostDue = () => repostUnclaimedUrgent(core, config.urgentRepostMinutes);
  const repostLoop = new WorkLoop('slack-urgent-repost', repostDue, options.repostPollMs ?? 30_000, core.logger);
  const loop = options.repostLoop === false ? { start: () => undefined, stop: async () => undefined } : repostLoop;
  if (!config.enabled || !config.botToken || !config.signingSecret || !config.channel) {
    return { router: null, channel: new ConsoleStaffChannel(core.db), repostDue, start: async () => loop.start(), stop: () => loop.stop() };
  }
  const logger = core.logger.child({ component: 'slack' });
  // Slack calls fail fast (no in-process retries or rate-limit sleeps): the
  // outbox retries deliveries with backoff, and a listener has 3 seconds.
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  const client = new webApi.WebClient(config.botToken, { ...clientOptions, logLevel: webApi.LogLevel.ERROR });
  const channel = new SlackStaffChannel({
    db: core.db,
    client,
    logger,
    settings: {
      defaultChannel: config.channel,
      urgentMention: config.urgentMention,
      patientIdentity: config.patientIdentity,
      patientLinkTemplate: config.patientLinkTemplate,
      urgentRepostMinutes: config.urgentRepostMinutes,
    },
  });
  const common = { token: config.botToken, clientOptions, logger: boltLogger(logger), logLevel: LogLevel.WARN, deferInitialization: true };
  let router: Router | null = null;
  let app: App;
  if (config.appToken) {
    app = new App({ ...common, appToken: config.appToken, socketMode: true });
  } else {
    router = express.Router();
    // processBeforeResponse: the HTTP answer waits for the listener, so a modal
    // can show the use-case's refusal on its field, and a failed listener
    // answers 500 and Slack redelivers (thread relays are idempotent). Every
    // listener is one transaction plus at most one Slack call: well within 3 s.
    const receiver = new ExpressReceiver({ signingSecret: config.signingSecret, endpoints: SLACK_EVENTS_PATH, router, processBeforeResponse: true, logger: boltLogger(logger) });
    app = new App({ ...common, receiver });
  }
  app.error(async (err) => {
    logger.error({ err }, 'slack listener failed');
  });
  const deps: ListenerDeps = { core, directory: new StaffDirectory(client, logger), logger };
  registerEscalationActions(app, deps);
  registerEscalationViews(app, deps);
  registerThreadReplies(app, deps);
  registerCareloopCommand(app, deps);
  return {
    router,
    channel,
    repostDue,
    start: async () => {
      await app.init();
      if (config.appToken) await app.start();
      loop.start();
    },
    stop: async () => {
      await loop.stop();
      if (config.appToken) await app.stop();
    },
  };
}
