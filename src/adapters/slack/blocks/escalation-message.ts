// The escalation's channel message (Block Kit): urgency and mention, reason,
// the patient's triggering reply, plan, recent messages, status, buttons.
// Pure: the same card always renders the same message.
import type { types } from '@slack/bolt';
import type { EscalationCard } from '../../../app/escalations/card.js';
import { escapeMrkdwn, quote, truncate } from '../mrkdwn.js';
import { authorName, patientRef, shownBody, slackTime, type Presentation } from './presentation.js';

type KnownBlock = types.KnownBlock;

export const ACTION_IDS = { claim: 'escalation.claim', reply: 'escalation.reply', resolve: 'escalation.resolve' } as const;

export interface SlackMessage {
  /** Notification and accessibility text; carries the mention when there is one. */
  text: string;
  blocks: KnownBlock[];
}

/** `mention` only on the first post of an urgent escalation (updates do not notify). */
export function escalationMessage(card: EscalationCard, p: Presentation, mention: string | null): SlackMessage {
  const who = patientRef(card.patient, p);
  const urgent = card.urgency === 'urgent';
  const heading = urgent ? `:rotating_light: *Urgent escalation* for ${who}` : `:speech_balloon: *Escalation* for ${who}`;
  const blocks: KnownBlock[] = [
    section(mention ? `${mention} ${heading}` : heading),
    section(`*Reason:* ${escapeMrkdwn(card.reason)}`),
  ];
  if (card.trigger) blocks.push(section(`*The patient's reply:*\n${quote(shownBody(card.trigger, card.patient, p, 1500))}`));
  blocks.push(section(`*Plan:* ${planText(card.plan)}`));
  if (card.recent.length) blocks.push(section(`*Recent messages:*\n${card.recent.map((m) => `• *${authorName(m, card.patient, p)}:* ${shownBody(m, card.patient, p, 300)}`).join('\n')}`));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: statusText(card) }] });
  const buttons = actionButtons(card);
  if (buttons) blocks.push(buttons);
  const text = `${mention ? `${mention} ` : ''}${urgent ? 'Urgent escalation' : 'Escalation'} for ${escapeMrkdwn(card.patient.label)}: ${escapeMrkdwn(card.reason)}`;
  return { text: truncate(text, 400), blocks };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } };
}

function planText(plan: EscalationCard['plan']): string {
  if (!plan) return '_no plan yet_';
  return `${escapeMrkdwn(plan.action)}, ${plan.daysPerWeek} day${plan.daysPerWeek === 1 ? '' : 's'} a week (confidence ${plan.confidence}/10)`;
}

export function statusText(card: EscalationCard): string {
  const opened = `Opened ${slackTime(card.createdAt)}`;
  if (card.status === 'resolved') {
    const note = card.resolutionNote ? `: ${escapeMrkdwn(truncate(card.resolutionNote, 500))}` : '';
    return `:white_check_mark: *Resolved* by ${escapeMrkdwn(card.resolvedBy ?? 'someone')} ${card.resolvedAt ? slackTime(card.resolvedAt) : ''}${note} · ${opened}`;
  }
  if (card.status === 'claimed') return `:raising_hand: *Claimed* by ${escapeMrkdwn(card.claimedBy ?? 'someone')} ${card.claimedAt ? slackTime(card.claimedAt) : ''} · ${opened}`;
  return `:hourglass_flowing_sand: *Open*, not claimed yet · ${opened}`;
}

function actionButtons(card: EscalationCard): KnownBlock | null {
  if (card.status === 'resolved') return null;
  const button = (actionId: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: label },
    value: card.id,
    ...(style ? { style } : {}),
  });
  const elements = [
    ...(card.status === 'open' ? [button(ACTION_IDS.claim, 'Claim', 'primary')] : []),
    button(ACTION_IDS.reply, 'Reply to patient'),
    button(ACTION_IDS.resolve, 'Resolve'),
  ];
  return { type: 'actions', block_id: `escalation:${card.id}`, elements };
}

/** A stronger mention for the re-post: @here becomes @channel; a group gets @channel too. */
export function strongerMention(mention: string): string {
  if (mention.includes('<!channel>')) return mention;
  if (mention.trim() === '<!here>') return '<!channel>';
  return `${mention} <!channel>`;
}

/** Posted in the thread, broadcast to the channel, when an urgent escalation waited too long. */
export function repostText(card: EscalationCard, p: Presentation, mention: string, minutes: number): string {
  return `${strongerMention(mention)} :rotating_light: *Still not claimed after ${minutes} minutes:* urgent escalation for ${patientRef(card.patient, p)}. ${escapeMrkdwn(card.reason)}. Claim it on the message above.`;
}

/** Posted in the thread, broadcast, when an open escalation becomes urgent. */
export function upgradeText(card: EscalationCard, p: Presentation, mention: string): string {
  return `${mention} :rotating_light: *Now urgent* for ${patientRef(card.patient, p)}: ${escapeMrkdwn(card.reason)}`;
}
