// Submissions of the reply and resolve modals. A refused submission (empty,
// too long, already resolved, opted out) is shown on the modal's field.
import type { App } from '@slack/bolt';
import { replyToPatient } from '../../../app/escalations/reply.js';
import { resolveEscalation } from '../../../app/escalations/resolve.js';
import { INPUT, NOTE_BLOCK, REPLY_BLOCK, VIEW_IDS } from '../blocks/modals.js';
import { slackMayTouchEscalation } from '../../../app/staff/slack-access.js';
import { staffMessage, type ListenerDeps } from './context.js';

export function registerEscalationViews(app: App, deps: ListenerDeps): void {
  app.view(VIEW_IDS.reply, async ({ ack, body, view }) => {
    const staff = await deps.directory.member(body.user.id, body.user.name);
    const text = view.state.values[REPLY_BLOCK]?.[INPUT]?.value ?? '';
    try {
      const principal = await slackMayTouchEscalation(deps.core.db, body.user.id, view.private_metadata, 'act');
      await replyToPatient(deps.core, view.private_metadata, { ...staff, actor: principal.actor }, text, { echoToThread: true });
    } catch (err) {
      await ack({ response_action: 'errors', errors: { [REPLY_BLOCK]: staffMessage(err) } });
      return;
    }
    await ack();
  });

  app.view(VIEW_IDS.resolve, async ({ ack, body, view }) => {
    const staff = await deps.directory.member(body.user.id, body.user.name);
    const note = view.state.values[NOTE_BLOCK]?.[INPUT]?.value ?? null;
    try {
      const principal = await slackMayTouchEscalation(deps.core.db, body.user.id, view.private_metadata, 'act');
      await resolveEscalation(deps.core, view.private_metadata, { ...staff, actor: principal.actor }, note);
    } catch (err) {
      await ack({ response_action: 'errors', errors: { [NOTE_BLOCK]: staffMessage(err) } });
      return;
    }
    await ack();
  });
}
