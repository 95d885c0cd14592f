// The buttons on an escalation's message: Claim, Reply to patient, Resolve.
// The message itself is updated through the outbox (escalation.note).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { claimEscalation } from '../../../app/escalations/claim.js';
import { loadEscalationCard } from '../../../app/escalations/card.js';
import { ACTION_IDS } from '../blocks/escalation-message.js';
import { replyModal, resolveModal } from '../blocks/modals.js';
import { slackMayTouchEscalation } from '../../../app/staff/slack-access.js';
import { staffMessage, type ListenerDeps } from './context.js';

export function registerEscalationActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.claim, async ({ ack, body, action, client }) => {
    await ack();
    const staff = await deps.directory.member(body.user.id, body.user.name);
    let notice: string | null = null;
    try {
      const principal = await slackMayTouchEscalation(deps.core.db, body.user.id, action.value ?? '', 'act');
      const result = await claimEscalation(deps.core, action.value ?? '', { ...staff, actor: principal.actor });
      if (!result.claimed) notice = result.status === 'resolved' ? 'This escalation is already resolved.' : `Already claimed by ${result.claimedBy ?? 'someone'}.`;
    } catch (err) {
      notice = staffMessage(err);
    }
    if (notice && body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: notice });
  });

  const openModal = (kind: 'reply' | 'resolve') =>
    async ({ ack, body, action, client }: { ack: () => Promise<void>; body: BlockAction<ButtonAction>; action: ButtonAction; client: App['client'] }) => {
      await ack();
      try {
        await slackMayTouchEscalation(deps.core.db, body.user.id, action.value ?? '', 'act');
      } catch (err) {
        if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: staffMessage(err) });
        return;
      }
      const card = await loadEscalationCard(deps.core.db, action.value ?? '');
      if (!card || card.status === 'resolved') {
        if (body.channel) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: card ? 'This escalation is already resolved.' : 'This escalation no longer exists.' });
        return;
      }
      const view = kind === 'reply' ? replyModal(card.id, card.patient.label) : resolveModal(card.id, card.patient.label);
      await client.views.open({ trigger_id: body.trigger_id, view });
    };
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.reply, openModal('reply'));
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.resolve, openModal('resolve'));
}
