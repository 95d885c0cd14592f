// Delivers staff-facing work (escalation posts, relayed patient texts) from
// the outbox to the care team's channel (Slack, or the console). A channel
// outage delays the post; it never loses it. An error that can never succeed
// by waiting (the channel does not exist, the app is not in it, the token is
// revoked) is not retried: the item is failed, operators are alerted (error
// log, careloop_operator_alerts_total), and GET /api/escalations shows the
// escalation as not posted, so the care team can still see it.
import type { Db } from '../adapters/db/connect.js';
import type { Logger } from './ports.js';
import { finishOutbox, leaseDue, retryOutboxAt } from '../adapters/db/repositories/messages.js';
import type { Clock, Telemetry } from './ports.js';

export type StaffJob =
  | { type: 'escalation.post'; escalationId: string; messageId: string | null }
  | { type: 'escalation.note'; escalationId: string; messageId: string | null }
  | { type: 'escalation.repost'; escalationId: string }
  | { type: 'relay.patient'; escalationId: string; messageId: string };

/** Where staff see escalations. Throw to retry later. */
export interface StaffChannel {
  deliver(job: StaffJob): Promise<void>;
}

const DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/** Slack Web API errors that only an operator can fix. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive',
  'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'restricted_action', 'team_access_not_granted',
]);

/** The Slack error code inside an error (possibly wrapped in `cause`), if any. */
export function slackErrorCode(err: unknown): string | null {
  for (let e = err as { data?: { error?: unknown }; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth += 1) {
    if (typeof e.data?.error === 'string') return e.data.error;
  }
  return null;
}
const LEASE_MS = 60_000;

export class StaffOutbox {
  constructor(private readonly deps: { db: Db; clock: Clock; logger: Logger; channel: StaffChannel; telemetry?: Telemetry }) {}

  async drain(max = 200): Promise<number> {
    let handled = 0;
    while (handled < max) {
      const item = await leaseDue(this.deps.db, 'slack', this.deps.clock.now(), LEASE_MS);
      if (!item) break;
      handled += 1;
      try {
        await this.deps.channel.deliver(item.payload as StaffJob);
        await finishOutbox(this.deps.db, item.id, 'done', this.deps.clock.now());
      } catch (err) {
        const now = this.deps.clock.now();
        const code = slackErrorCode(err);
        if (code && PERMANENT_SLACK_ERRORS.has(code)) {
          this.deps.logger.error({ code, job: (item.payload as StaffJob).type }, 'staff channel refuses for good: operators must fix the Slack app or channel');
          this.deps.telemetry?.operatorAlert(`slack_${code}`);
          await finishOutbox(this.deps.db, item.id, 'failed', now, `slack: ${code}`);
          continue;
        }
        // Escalations are never dropped: after the schedule runs out, keep trying hourly.
        const delay = DELAYS_MS[Math.min(item.attempts - 1, DELAYS_MS.length - 1)] ?? 3_600_000;
        this.deps.logger.warn({ err, attempt: item.attempts }, 'staff channel failed; will retry');
        await retryOutboxAt(this.deps.db, item.id, new Date(now.getTime() + delay), now, err instanceof Error ? err.message : String(err));
      }
    }
    return handled;
  }
}
