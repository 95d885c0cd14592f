// Delivers staff jobs from the outbox to Slack. Every Slack failure (rate
// limit, 5xx, network, a platform error) is thrown; the outbox retries later
// with backoff (an escalation is delayed, never lost), except errors waiting
// cannot fix, which it fails with an operator alert (app/staff-outbox.ts).
import type { webApi } from '@slack/bolt';
import { loadEscalationCard, loadThreadMessage, type EscalationCard } from '../../app/escalations/card.js';
import type { StaffChannel, StaffJob } from '../../app/staff-outbox.js';
import type { Db } from '../db/connect.js';
import { storeSlackThread } from '../db/repositories/escalation-work.js';
import type { Logger } from '../../app/ports.js';
import { escalationMessage, repostText, upgradeText } from './blocks/escalation-message.js';
import { threadMessageText, type Presentation } from './blocks/presentation.js';

export interface SlackChannelSettings extends Presentation {
  /** SLACK_ESCALATION_CHANNEL: where escalations go when the care team has no channel of its own. */
  defaultChannel: string;
  /** SLACK_URGENT_MENTION, unless the care team has its own. */
  urgentMention: string;
  urgentRepostMinutes: number;
}

/** A Slack call failed; the message names the method and Slack's error code (never content). */
export class SlackDeliveryError extends Error {
  constructor(method: string, cause: unknown) {
    const code = (cause as { data?: { error?: string }; code?: string } | null)?.data?.error ?? (cause as { code?: string } | null)?.code ?? String(cause);
    super(`Slack ${method} failed (${code})`, { cause });
    this.name = 'SlackDeliveryError';
  }
}

/** The escalation has not been posted yet, so there is no thread to add to. */
class NotPostedYet extends Error {
  constructor(id: string) {
    super(`escalation ${id} is not posted in Slack yet; retrying after its post`);
  }
}

export class SlackStaffChannel implements StaffChannel {
  constructor(
    private readonly deps: { db: Db; client: webApi.WebClient; settings: SlackChannelSettings; logger: Logger },
  ) {}

  async deliver(job: StaffJob): Promise<void> {
    const card = await loadEscalationCard(this.deps.db, job.escalationId);
    if (!card) {
      this.deps.logger.warn({ escalationId: job.escalationId, type: job.type }, 'staff job for an unknown escalation; dropped');
      return;
    }
    switch (job.type) {
      case 'escalation.post':
        return card.thread ? this.renotify(card, card.thread, job.messageId) : this.post(card);
      case 'escalation.note':
        return this.refresh(card, job.messageId);
      case 'escalation.repost':
        return this.repost(card);
      case 'relay.patient':
        return this.addToThread(card, job.messageId);
    }
  }

  private mention(card: EscalationCard): string {
    return card.route.urgentMention ?? this.deps.settings.urgentMention;
  }

  private async post(card: EscalationCard): Promise<void> {
    const channel = card.route.channel ?? this.deps.settings.defaultChannel;
    const message = escalationMessage(card, this.deps.settings, card.urgency === 'urgent' ? this.mention(card) : null);
    const res = await this.call('chat.postMessage', () => this.deps.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }));
    if (!res.ts) throw new SlackDeliveryError('chat.postMessage', 'no ts in the answer');
    // Slack answers with the channel id even when a name was configured: threads are looked up by it.
    await storeSlackThread(this.deps.db, card.id, res.channel ?? channel, res.ts);
  }

  /** Already posted and now urgent (an upgrade): update the post, alert in the thread and the channel. */
  private async renotify(card: EscalationCard, thread: { channel: string; ts: string }, messageId: string | null): Promise<void> {
    await this.update(card, thread);
    if (messageId) await this.addToThread(card, messageId);
    if (card.urgency !== 'urgent' || card.status === 'resolved') return;
    await this.call('chat.postMessage', () =>
      this.deps.client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, reply_broadcast: true, text: upgradeText(card, this.deps.settings, this.mention(card)) }),
    );
  }

  private async refresh(card: EscalationCard, messageId: string | null): Promise<void> {
    if (!card.thread) {
      // The pending post renders the current state; only a message to add must wait for it.
      if (messageId) throw new NotPostedYet(card.id);
      return;
    }
    await this.update(card, card.thread);
    if (messageId) await this.addToThread(card, messageId);
  }

  private async repost(card: EscalationCard): Promise<void> {
    if (card.status !== 'open') return; // claimed in the meantime
    if (!card.thread) throw new NotPostedYet(card.id);
    const text = repostText(card, this.deps.settings, this.mention(card), this.deps.settings.urgentRepostMinutes);
    await this.call('chat.postMessage', () => this.deps.client.chat.postMessage({ channel: card.thread!.channel, thread_ts: card.thread!.ts, reply_broadcast: true, text }));
  }

  private async addToThread(card: EscalationCard, messageId: string): Promise<void> {
    if (!card.thread) throw new NotPostedYet(card.id);
    const message = await loadThreadMessage(this.deps.db, messageId);
    if (!message) return;
    const text = threadMessageText(message, card.patient, this.deps.settings);
    await this.call('chat.postMessage', () => this.deps.client.chat.postMessage({ channel: card.thread!.channel, thread_ts: card.thread!.ts, text, unfurl_links: false, unfurl_media: false }));
  }

  private async update(card: EscalationCard, thread: { channel: string; ts: string }): Promise<void> {
    const message = escalationMessage(card, this.deps.settings, null);
    await this.call('chat.update', () => this.deps.client.chat.update({ channel: thread.channel, ts: thread.ts, ...message }));
  }

  private async call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new SlackDeliveryError(method, err);
    }
  }
}
