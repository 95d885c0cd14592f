// How much of the patient's identity Slack may see (domain §7, minimum
// necessary): by default the pseudonymous label only, never a phone number.
import type { EscalationCard, ThreadMessage } from '../../../app/escalations/card.js';
import { escapeMrkdwn, quote, redactName, truncate } from '../mrkdwn.js';

export interface Presentation {
  /** 'label' (default): initials plus a short id. 'name': the full name too. */
  patientIdentity: 'label' | 'name';
  /** A link to the patient's record, with {id} replaced by careloop's patient id. */
  patientLinkTemplate: string | undefined;
}

type PatientRef = EscalationCard['patient'];

/** The patient as shown in Slack (mrkdwn, escaped, linked when configured). */
export function patientRef(patient: PatientRef, p: Presentation): string {
  const text = escapeMrkdwn(p.patientIdentity === 'name' ? `${patient.name} (${patient.label})` : patient.label);
  if (!p.patientLinkTemplate) return text;
  const url = p.patientLinkTemplate.replace(/\{id\}/g, encodeURIComponent(patient.id));
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${text}>`;
}

/** A message body fit for Slack: careloop's own texts lose the patient's name in label mode. */
export function shownBody(m: ThreadMessage, patient: PatientRef, p: Presentation, max: number): string {
  const body = m.author !== 'patient' && p.patientIdentity === 'label' ? redactName(m.body, patient.name) : m.body;
  return escapeMrkdwn(truncate(body, max));
}

export function authorName(m: ThreadMessage, patient: PatientRef, p: Presentation): string {
  switch (m.author) {
    case 'patient':
      return p.patientIdentity === 'name' ? escapeMrkdwn(patient.name) : escapeMrkdwn(patient.label);
    case 'staff':
      return escapeMrkdwn(m.staffName ?? 'Care team');
    default:
      return 'careloop';
  }
}

/** One message of the patient's conversation as a thread reply. */
export function threadMessageText(m: ThreadMessage, patient: PatientRef, p: Presentation): string {
  const body = quote(shownBody(m, patient, p, 2800));
  if (m.author === 'patient') return `:speech_balloon: *${authorName(m, patient, p)}* texted:\n${body}`;
  if (m.author === 'staff') return `:outbox_tray: Sent to ${patientRef(patient, p)} by SMS:\n${body}`;
  return `:robot_face: careloop texted ${patientRef(patient, p)}:\n${body}`;
}

/** Slack's date formatting: each reader sees their own time zone. */
export function slackTime(at: Date): string {
  const epoch = Math.floor(at.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} {time}|${at.toISOString()}>`;
}
