// Delivers staff-facing work (escalation posts, relayed patient texts) from
// the outbox to the care team's channel (Slack, or the console). A channel
// outage delays the post; it never loses it.
import type { Db } from '../adapters/db/connect.js';
import type { Logger } from './ports.js';
import { finishOutbox, leaseDue, retryOutboxAt } from '../adapters/db/repositories/messages.js';
import type { Clock } from './ports.js';

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
const LEASE_MS = 60_000;

export class StaffOutbox {
  constructor(private readonly deps: { db: Db; clock: Clock; logger: Logger; channel: StaffChannel }) {}

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
        // Escalations are never dropped: after the schedule runs out, keep trying hourly.
        const delay = DELAYS_MS[Math.min(item.attempts - 1, DELAYS_MS.length - 1)] ?? 3_600_000;
        this.deps.logger.warn({ err, attempt: item.attempts }, 'staff channel failed; will retry');
        await retryOutboxAt(this.deps.db, item.id, new Date(now.getTime() + delay), now, err instanceof Error ? err.message : String(err));
      }
    }
    return handled;
  }
}
