// /careloop status|pause|resume|checkin now <patient label or phone>, and
// /careloop enroll (a modal). Answers are ephemeral and name patients by label.
import type { App, SlashCommand } from '@slack/bolt';
import { checkinNowForStaff, enrollForStaff, findPatientForStaff, setPatientPaused, staffPatientStatus } from '../../../app/escalations/staff-commands.js';
import { slackMayTouchPatient, slackMayUse } from '../../../app/staff/slack-access.js';
import { AppError } from '../../../app/errors.js';
import { enrolledView, enrollModal, VIEW_IDS } from '../blocks/modals.js';
import { statusBlocks } from '../blocks/status-message.js';
import { enrollErrors, enrollFields } from '../enroll-form.js';
import { staffMessage, type ListenerDeps } from './context.js';

export const COMMAND = '/careloop';

export const HELP = [
  '`/careloop status <label or phone>`: plan, adherence and open escalations',
  '`/careloop pause <label or phone>` / `/careloop resume <label or phone>`: stop or restart check-ins',
  '`/careloop checkin now <label or phone>`: start this week\'s check-in now',
  '`/careloop enroll`: enroll a patient',
].join('\n');

type Answer = { text: string; blocks?: ReturnType<typeof statusBlocks>['blocks'] };

export function registerCareloopCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ ack, command, client }) => {
    const [verb = '', ...rest] = command.text.trim().split(/\s+/);
    if (verb.toLowerCase() === 'enroll') {
      try {
        await slackMayUse(deps.core.db, command.user_id, 'act');
      } catch (err) {
        await ack({ response_type: 'ephemeral', text: staffMessage(err) });
        return;
      }
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: enrollModal(deps.core.settings.defaultTimezone) });
      return;
    }
    let answer: Answer;
    try {
      answer = await run(deps, command, verb.toLowerCase(), rest);
    } catch (err) {
      answer = { text: staffMessage(err) };
    }
    await ack({ response_type: 'ephemeral', ...answer });
  });

  app.view(VIEW_IDS.enroll, async ({ ack, body, view }) => {
    const staff = await deps.directory.member(body.user.id, body.user.name);
    const fields = enrollFields(view.state.values);
    try {
      const principal = await slackMayUse(deps.core.db, body.user.id, 'act');
      const label = await enrollForStaff(deps.core, fields, { ...staff, actor: principal.actor });
      await ack({ response_action: 'update', view: enrolledView(label, fields.consent !== 'confirmed') });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const errors = err.fields ? enrollErrors(err.fields) : { [err.message.includes('phone') ? 'phone' : 'name']: err.message };
      await ack({ response_action: 'errors', errors });
    }
  });
}

async function run(deps: ListenerDeps, command: SlashCommand, verb: string, rest: string[]): Promise<Answer> {
  /** The Slack member, audited under their linked staff account. */
  const staff = async (actor: string) => ({ ...(await deps.directory.member(command.user_id, command.user_name)), actor });
  /** The named patient, if this member's role and care teams allow `permission` on them. */
  const allowed = async (query: string, permission: 'read' | 'act') => {
    const patient = await findPatientForStaff(deps.core, query);
    return slackMayTouchPatient(deps.core.db, command.user_id, patient.id, permission);
  };
  switch (verb) {
    case 'status':
      await allowed(rest.join(' '), 'read');
      return statusBlocks(await staffPatientStatus(deps.core, rest.join(' ')));
    case 'pause':
    case 'resume': {
      const principal = await allowed(rest.join(' '), 'act');
      const label = await setPatientPaused(deps.core, rest.join(' '), verb === 'pause', await staff(principal.actor));
      return { text: verb === 'pause' ? `Paused check-ins for ${label}.` : `Resumed check-ins for ${label}.` };
    }
    case 'checkin': {
      const who = rest[0]?.toLowerCase() === 'now' ? rest.slice(1) : rest;
      const principal = await allowed(who.join(' '), 'act');
      const label = await checkinNowForStaff(deps.core, who.join(' '), await staff(principal.actor));
      return { text: `Started a check-in with ${label}.` };
    }
    default:
      return { text: verb && verb !== 'help' ? `Unknown command.\n${HELP}` : HELP };
  }
}
