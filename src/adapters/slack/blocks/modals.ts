// Modals: reply to the patient, resolve with a note, enroll a patient.
// The escalation id travels in private_metadata; block ids name the fields.
import type { types } from '@slack/bolt';
import { WEEKDAYS } from '../../../app/patient-input.js';
import { MAX_STAFF_TEXT } from '../../../app/escalations/reply.js';
import { MAX_RESOLUTION_NOTE } from '../../../app/escalations/resolve.js';
import { escapeMrkdwn } from '../mrkdwn.js';

type ModalView = types.ModalView;
type KnownBlock = types.KnownBlock;

export const VIEW_IDS = { reply: 'escalation.reply.submit', resolve: 'escalation.resolve.submit', enroll: 'patient.enroll.submit' } as const;
export const REPLY_BLOCK = 'reply_text';
export const NOTE_BLOCK = 'resolve_note';
/** Every input uses this action id; the block id says which field it is. */
export const INPUT = 'value';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function modal(callbackId: string, title: string, submit: string, blocks: KnownBlock[], metadata = ''): ModalView {
  return { type: 'modal', callback_id: callbackId, title: plain(title), submit: plain(submit), close: plain('Cancel'), private_metadata: metadata, blocks };
}

function textInput(blockId: string, label: string, options: { multiline?: boolean; max?: number; optional?: boolean; initial?: string; hint?: string } = {}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: options.optional ?? false,
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: options.multiline ?? false,
      ...(options.max ? { max_length: options.max } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
}

export function replyModal(escalationId: string, patientLabel: string): ModalView {
  return modal(VIEW_IDS.reply, 'Reply to patient', 'Send SMS', [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Texted to *${escapeMrkdwn(patientLabel)}*, starting with your name, and added to the thread.` }] },
    textInput(REPLY_BLOCK, 'Message', { multiline: true, max: MAX_STAFF_TEXT }),
  ], escalationId);
}

export function resolveModal(escalationId: string, patientLabel: string): ModalView {
  return modal(VIEW_IDS.resolve, 'Resolve escalation', 'Resolve', [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `*${escapeMrkdwn(patientLabel)}* goes back to the bot and the check-in schedule resumes.` }] },
    textInput(NOTE_BLOCK, 'Note (optional)', { multiline: true, max: MAX_RESOLUTION_NOTE, optional: true }),
  ], escalationId);
}

/** Block id -> the API field it fills (schema path). */
export const ENROLL_FIELDS = {
  name: 'name',
  phone: 'phone',
  timezone: 'timezone',
  language: 'language',
  consent: 'consent',
  plan_action: 'plan.action',
  plan_days: 'plan.daysPerWeek',
  plan_confidence: 'plan.confidence',
  plan_start: 'plan.startDate',
  checkin_weekday: 'checkin.weekday',
  checkin_time: 'checkin.time',
  care_team: 'careTeam',
} as const;

export type EnrollBlock = keyof typeof ENROLL_FIELDS;

function select(blockId: EnrollBlock, label: string, options: [string, string][], initial?: string): KnownBlock {
  const opts = options.map(([value, text]) => ({ text: plain(text), value }));
  const first = opts.find((o) => o.value === initial);
  return { type: 'input', block_id: blockId, label: plain(label), element: { type: 'static_select', action_id: INPUT, options: opts, ...(first ? { initial_option: first } : {}) } };
}

function numberInput(blockId: EnrollBlock, label: string, min: number, max: number): KnownBlock {
  return { type: 'input', block_id: blockId, label: plain(label), element: { type: 'number_input', action_id: INPUT, is_decimal_allowed: false, min_value: String(min), max_value: String(max) } };
}

export function enrollModal(defaultTimezone: string): ModalView {
  return modal(VIEW_IDS.enroll, 'Enroll a patient', 'Enroll', [
    textInput('name', 'Full name', { max: 200 }),
    textInput('phone', 'Mobile number', { hint: 'like (312) 555-0123, or +1 312 555 0123 with the country code' }),
    textInput('timezone', 'Time zone', { initial: defaultTimezone, hint: 'IANA name, like America/Chicago' }),
    select('language', 'Language', [['en', 'English'], ['es', 'Spanish']], 'en'),
    select('consent', 'Consent to texts', [['confirmed', 'Confirmed with the patient'], ['pending', 'Ask by SMS first']], 'pending'),
    textInput('plan_action', 'Action plan', { max: 160, hint: 'What, how much, when: "walk 10 minutes after dinner"' }),
    numberInput('plan_days', 'Days per week', 1, 7),
    numberInput('plan_confidence', 'Confidence (0-10)', 0, 10),
    { type: 'input', block_id: 'plan_start', optional: true, label: plain('Plan starts'), element: { type: 'datepicker', action_id: INPUT } },
    select('checkin_weekday', 'Check-in day', WEEKDAYS.map((d) => [d, d.charAt(0).toUpperCase() + d.slice(1)])),
    { type: 'input', block_id: 'checkin_time', label: plain('Check-in time (patient local)'), element: { type: 'timepicker', action_id: INPUT, initial_time: '18:00' } },
    textInput('care_team', 'Care team (optional)', { optional: true, max: 100 }),
  ]);
}

/** Shown in place of the form once the patient is enrolled: the label only. */
export function enrolledView(label: string, consentPending: boolean): ModalView {
  const next = consentPending ? 'careloop will text them to ask for consent.' : 'careloop sent a welcome text and planned the first check-in.';
  return {
    type: 'modal',
    callback_id: 'patient.enroll.done',
    title: plain('Patient enrolled'),
    close: plain('Done'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:white_check_mark: Enrolled as *${escapeMrkdwn(label)}*. ${next}` } }],
  };
}
