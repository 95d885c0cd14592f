// A staff member's reply in an escalation's thread is texted to the patient
// (prefixed with their name). Bot messages, edits, messages outside
// escalation threads and notes starting with "//" are not sent.
import type { App, KnownEventFromType } from '@slack/bolt';
import { escalationForThread } from '../../../app/escalations/card.js';
import { replyToPatient } from '../../../app/escalations/reply.js';
import { slackToPlainText } from '../mrkdwn.js';
import { slackMayTouchEscalation } from '../../../app/staff/slack-access.js';
import { staffMessage, type ListenerDeps } from './context.js';

/** Staff-only notes in a thread start with this and stay in Slack. */
export const INTERNAL_NOTE_PREFIX = '//';

interface ThreadReply {
  channel: string;
  ts: string;
  threadTs: string;
  user: string;
  text: string;
}

/** A person's new reply inside some thread, or null for everything else. */
export function threadReply(m: KnownEventFromType<'message'>): ThreadReply | null {
  if (m.subtype !== undefined && m.subtype !== 'thread_broadcast') return null;
  if ('bot_id' in m && m.bot_id) return null;
  const threadTs = 'thread_ts' in m ? m.thread_ts : undefined;
  const user = 'user' in m ? m.user : undefined;
  const text = 'text' in m ? m.text : undefined;
  if (!threadTs || threadTs === m.ts || !user || !text) return null;
  return { channel: m.channel, ts: m.ts, threadTs, user, text };
}

export function registerThreadReplies(app: App, deps: ListenerDeps): void {
  app.message(async ({ message, client }) => {
    const reply = threadReply(message);
    if (!reply) return;
    const escalation = await escalationForThread(deps.core.db, reply.channel, reply.threadTs);
    if (!escalation) return;
    const text = slackToPlainText(reply.text);
    if (!text || text.startsWith(INTERNAL_NOTE_PREFIX)) return;
    const tell = (notice: string) => client.chat.postEphemeral({ channel: reply.channel, thread_ts: reply.threadTs, user: reply.user, text: notice });
    if (escalation.status === 'resolved') {
      await tell('Not sent: this escalation is resolved, so the patient is back with the bot. Start a new conversation from careloop if needed.');
      return;
    }
    const staff = await deps.directory.member(reply.user);
    try {
      const principal = await slackMayTouchEscalation(deps.core.db, reply.user, escalation.id, 'act');
      // The Slack message id makes a redelivered event a no-op.
      await replyToPatient(deps.core, escalation.id, { ...staff, actor: principal.actor }, text, { sourceId: `${reply.channel}:${reply.ts}`, echoToThread: false });
    } catch (err) {
      await tell(`Not sent: ${staffMessage(err)}`);
    }
  });
}
