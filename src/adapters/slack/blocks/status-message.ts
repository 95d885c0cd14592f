// The ephemeral answer to /careloop status: plan, adherence, open escalations,
// and what the patient told us in their own words lately.
import type { types } from '@slack/bolt';
import type { StaffPatientStatus } from '../../../app/escalations/staff-commands.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { slackTime } from './presentation.js';

export function statusBlocks(s: StaffPatientStatus): { text: string; blocks: types.KnownBlock[] } {
  const plan = s.plan ? `${escapeMrkdwn(s.plan.action)}, ${s.plan.daysPerWeek} days a week (confidence ${s.plan.confidence}/10)` : '_no plan_';
  const adherence = s.adherence ? `${s.adherence.done} of ${s.adherence.target} planned days (${Math.round((100 * s.adherence.done) / s.adherence.target)}%) in the last ${s.checkins.length} check-ins` : '_no check-in answers yet_';
  const weeks = s.checkins.map((c) => `week ${c.week}: ${c.daysDone ?? '–'}/${c.daysTarget} (${c.status.replace('_', ' ')})`).join(' · ');
  const escalations = s.openEscalations.length
    ? s.openEscalations.map((e) => `• ${e.urgency === 'urgent' ? ':rotating_light: urgent' : 'routine'}, ${e.status}${e.claimedBy ? ` by ${escapeMrkdwn(e.claimedBy)}` : ''}: ${escapeMrkdwn(e.reason)} (${slackTime(e.createdAt)})`).join('\n')
    : 'none';
  const said = s.patientSaid.length
    ? s.patientSaid.map((a) => `• ${escapeMrkdwn(a.about)} (${slackTime(a.at)}): "${escapeMrkdwn(a.text)}"`).join('\n')
    : 'nothing yet';
  const lines = [
    `*${escapeMrkdwn(s.label)}*: ${s.status.replace('_', ' ')}`,
    `*Plan:* ${plan}`,
    `*Adherence:* ${adherence}${weeks ? `\n${weeks}` : ''}`,
    `*Next check-in:* ${s.nextCheckin ? slackTime(s.nextCheckin) : 'none planned'}`,
    `*Open escalations:*\n${escalations}`,
    `*In their own words:*\n${said}`,
  ];
  return { text: `${s.label}: ${s.status}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }] };
}
