// Queues one outbound text in the caller's transaction: a message row plus an
// outbox item the sender delivers after commit. Quiet hours defer it unless it
// answers a text the patient just sent or carries safety information.
import { insertMessageWithOutbox } from '../adapters/db/repositories/messages.js';
import type { PatientTx } from './patient-tx.js';
import { nextSendableTime } from '../engine/schedule/quiet-hours.js';

export interface SmsToQueue {
  body: string;
  purpose: 'prompt' | 'reply' | 'safety' | 'system' | 'staff';
  author: 'bot' | 'staff' | 'system';
  sessionId?: string | null;
  escalationId?: string | null;
  staffName?: string | null;
  /** Allowed after an opt-out (the single confirmation). */
  afterOptOut?: boolean;
}

/** Returns the message id, or null when nothing may be sent to this patient. */
export async function queueSms(ctx: PatientTx, sms: SmsToQueue): Promise<string | null> {
  const { tx, patient, now, deps } = ctx;
  if (patient.status === 'opted_out' && !sms.afterOptOut) {
    deps.logger.info({ patientId: patient.id, purpose: sms.purpose }, 'not sending: patient opted out');
    return null;
  }
  // Replies, safety texts, staff answers and the opt-out confirmation are never held back.
  const immediate = ctx.replying || sms.purpose === 'safety' || sms.purpose === 'staff' || sms.afterOptOut === true;
  const runAt = immediate ? now : nextSendableTime(now, patient.timezone, deps.settings.quietHours);
  const deferred = runAt.getTime() > now.getTime();
  const id = deps.ids.uuid();
  const message = {
    id,
    patient_id: patient.id,
    direction: 'outbound',
    body: sms.body,
    author: sms.author,
    purpose: sms.purpose,
    status: deferred ? 'deferred' : 'queued',
    session_id: sms.sessionId ?? null,
    escalation_id: sms.escalationId ?? null,
    staff_name: sms.staffName ?? null,
    created_at: now,
    updated_at: now,
  } as const;
  await insertMessageWithOutbox(tx, message, {
    id: deps.ids.uuid(),
    kind: 'sms',
    patient_id: patient.id,
    message_id: id,
    payload: JSON.stringify({ purpose: sms.purpose, immediate, afterOptOut: sms.afterOptOut === true }),
    run_at: runAt,
    created_at: now,
    updated_at: now,
    dedupe_key: null,
    last_error: null,
    locked_until: null,
  });
  ctx.queued.sms += 1;
  ctx.queued.lastSms = { messageId: id, runAt };
  if (sms.purpose === 'safety') ctx.queued.urgent = true;
  return id;
}
