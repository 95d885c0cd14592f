// What the care team's channel shows about an escalation, read from the
// database and mapped to plain objects (no rows leak to the adapters). The
// adapter decides how much of the patient's identity to show; this carries
// the name only so the adapter can show it or redact it.
import type { Executor } from '../../adapters/db/connect.js';
import { defaultCareTeam, findCareTeam } from '../../adapters/db/repositories/care-teams.js';
import { messagesUpTo } from '../../adapters/db/repositories/escalation-work.js';
import { findEscalation, findEscalationByThread } from '../../adapters/db/repositories/escalations.js';
import { findMessage, type Message } from '../../adapters/db/repositories/messages.js';
import { currentPlan, findPatientById } from '../../adapters/db/repositories/patients.js';
import type { EscalationStatus } from '../../adapters/db/schema.js';

export interface ThreadMessage {
  id: string;
  author: 'patient' | 'bot' | 'staff' | 'system';
  body: string;
  staffName: string | null;
  at: Date;
}

export interface EscalationCard {
  id: string;
  urgency: 'urgent' | 'routine';
  reason: string;
  status: EscalationStatus;
  createdAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  firstReplyAt: Date | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  /** Where it was posted, once it was. */
  thread: { channel: string; ts: string } | null;
  /** The patient's care team's channel and urgent mention (else the default team's); null = use the configured ones. */
  route: { channel: string | null; urgentMention: string | null };
  patient: { id: string; label: string; name: string };
  plan: { action: string; daysPerWeek: number; confidence: number } | null;
  /** The patient's text that opened it. */
  trigger: ThreadMessage | null;
  /** The last few messages before it opened (trigger excluded), oldest first. */
  recent: ThreadMessage[];
}

export const RECENT_MESSAGES = 5;

export function threadMessage(m: Message): ThreadMessage {
  return { id: m.id, author: m.author, body: m.body, staffName: m.staff_name, at: m.created_at };
}

export async function loadEscalationCard(db: Executor, escalationId: string): Promise<EscalationCard | undefined> {
  const e = await findEscalation(db, escalationId);
  if (!e) return undefined;
  const patient = await findPatientById(db, e.patient_id);
  if (!patient) return undefined;
  const plan = await currentPlan(db, patient.id);
  const trigger = e.trigger_message_id ? await findMessage(db, e.trigger_message_id) : undefined;
  const recent = (await messagesUpTo(db, patient.id, e.created_at, RECENT_MESSAGES + 1)).filter((m) => m.id !== e.trigger_message_id).slice(-RECENT_MESSAGES);
  return {
    id: e.id,
    urgency: e.urgency,
    reason: e.reason,
    status: e.status,
    createdAt: e.created_at,
    claimedBy: e.claimed_by,
    claimedAt: e.claimed_at,
    firstReplyAt: e.first_reply_at,
    resolvedBy: e.resolved_by,
    resolvedAt: e.resolved_at,
    resolutionNote: e.resolution_note,
    thread: e.slack_channel && e.slack_ts ? { channel: e.slack_channel, ts: e.slack_ts } : null,
    route: await careTeamRoute(db, patient.care_team_id),
    patient: { id: patient.id, label: patient.label, name: patient.name },
    plan: plan ? { action: plan.action, daysPerWeek: plan.days_per_week, confidence: plan.confidence } : null,
    trigger: trigger ? threadMessage(trigger) : null,
    recent: recent.map(threadMessage),
  };
}

/**
 * The patient's team's channel, else the default team's. The mention is the
 * patient's team's when set, else that of the team whose channel is used.
 */
async function careTeamRoute(db: Executor, careTeamId: string | null): Promise<EscalationCard['route']> {
  const own = careTeamId ? await findCareTeam(db, careTeamId) : undefined;
  const fallback = own?.slack_channel ? undefined : await defaultCareTeam(db);
  return {
    channel: own?.slack_channel ?? fallback?.slack_channel ?? null,
    urgentMention: own?.urgent_mention ?? fallback?.urgent_mention ?? null,
  };
}

export async function loadThreadMessage(db: Executor, messageId: string): Promise<ThreadMessage | undefined> {
  const m = await findMessage(db, messageId);
  return m ? threadMessage(m) : undefined;
}

/** The escalation whose thread this is, if any (looked up by channel and the thread's first message). */
export async function escalationForThread(db: Executor, channel: string, threadTs: string): Promise<{ id: string; status: EscalationStatus } | undefined> {
  const e = await findEscalationByThread(db, channel, threadTs);
  return e ? { id: e.id, status: e.status } : undefined;
}
