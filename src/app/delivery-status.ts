// Twilio's status callbacks, recorded against the message. Callbacks can
// arrive out of order: a status never moves backwards.
import type { Db } from '../adapters/db/connect.js';
import { findMessage, findMessageBySid, updateMessage } from '../adapters/db/repositories/messages.js';
import { markAttemptAccepted } from '../adapters/db/repositories/sms-attempts.js';
import type { MessageStatus } from '../adapters/db/schema.js';
import type { Clock } from './ports.js';

const RANK: Partial<Record<MessageStatus, number>> = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };
const KNOWN = new Set<MessageStatus>(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed']);

export interface DeliveryStatus {
  messageId: string | null;
  /** Our send attempt's id from the status callback URL (`a=`), when present. */
  attemptId: string | null;
  sid: string;
  status: string;
  errorCode: string | null;
}

export interface RecordedStatus {
  /** False when the message is unknown (answered 2xx anyway: Twilio must not retry forever). */
  known: boolean;
  /** Set when this callback moved the message to undelivered or failed: handle it (delivery-failures.ts). */
  failed?: { messageId: string; patientId: string | null; code: string | null };
  /** Twilio accepted a try careloop had found absent and resent: the patient got a second copy. */
  duplicate?: boolean;
}

export async function recordDeliveryStatus(deps: { db: Db; clock: Clock }, update: DeliveryStatus): Promise<RecordedStatus> {
  const byId = update.messageId ? await findMessage(deps.db, update.messageId).catch(() => undefined) : undefined;
  const message = byId ?? (await findMessageBySid(deps.db, update.sid));
  if (!message) return { known: false };
  // Our attempt id in the callback URL proves Twilio took that try: no check or resend will follow.
  const before = update.attemptId && update.messageId === message.id ? await markAttemptAccepted(deps.db, update.attemptId, update.sid, deps.clock.now()) : undefined;
  const duplicate = before === 'absent' ? { duplicate: true } : {};
  const status = (update.status === 'accepted' || update.status === 'scheduled' ? 'queued' : update.status) as MessageStatus;
  if (!KNOWN.has(status)) return { known: true, ...duplicate };
  if ((RANK[status] ?? 0) < (RANK[message.status] ?? 0)) return { known: true, ...duplicate };
  const newlyFailed = (status === 'undelivered' || status === 'failed') && message.status !== status && message.status !== 'undelivered' && message.status !== 'failed';
  await updateMessage(deps.db, message.id, {
    status,
    provider_sid: message.provider_sid ?? update.sid,
    error_code: update.errorCode ?? message.error_code,
    updated_at: deps.clock.now(),
  });
  return newlyFailed ? { known: true, ...duplicate, failed: { messageId: message.id, patientId: message.patient_id, code: update.errorCode } } : { known: true, ...duplicate };
}
