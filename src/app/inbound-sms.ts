// An inbound text: stored once, processed once, in order per patient, in one
// transaction; replies go out through the outbox after commit.
import { createHash } from 'node:crypto';
import { analyseReply } from '../engine/understanding/index.js';
import { renderSystemMessage, type SystemMessageKey } from '../engine/system-messages.js';
import { guessLanguage } from '../engine/closing-reply.js';
import { enqueue, insertInboundOnce, insertMessage } from '../adapters/db/repositories/messages.js';
import { findPatientByPhone } from '../adapters/db/repositories/patients.js';
import { idleContext, replyFromPatient } from './conversations.js';
import type { CoreDeps } from './deps.js';
import { withPatient, type PatientTx } from './patient-tx.js';
import { queueSms } from './queue-sms.js';
import { localDate } from '../engine/schedule/schedule-math.js';

export interface InboundSms {
  from: string;
  to: string;
  /** What analysis reads: at most ANALYSED_CHARS (long-texts.ts). */
  body: string;
  /** The whole text when `body` was cut for analysis; stored instead of `body`. */
  storedBody?: string;
  sid: string;
  numMedia: number;
  /** Twilio Advanced Opt-Out: STOP, START or HELP when Twilio already answered. */
  optOutType: string | null;
}

export type InboundOutcome = 'duplicate' | 'unknown_sender' | 'processed' | 'relayed' | 'ignored_opted_out';

export interface InboundResult {
  outcome: InboundOutcome;
  patientId: string | null;
  /** A safety reply was queued: deliver it before answering the webhook. */
  urgent: boolean;
}

/** Keywords Twilio answers by itself on long codes (default Opt-Out Management). */
const TWILIO_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'START', 'UNSTOP', 'YES', 'HELP', 'INFO']);

export function twilioAnswered(sms: InboundSms, twilioHandlesKeywords: boolean): boolean {
  if (sms.optOutType) return true;
  return twilioHandlesKeywords && TWILIO_KEYWORDS.has(sms.body.toUpperCase().replace(/[^A-Z]/g, ''));
}

/**
 * Twilio's Advanced Opt-Out is the source of truth for STOP and START: a text it
 * classified ("BAJA" with OptOutType=STOP, "ALTA" with START) is routed as the
 * keyword it stands for, whatever its words; the patient's own words are stored.
 */
export function routedText(sms: Pick<InboundSms, 'body' | 'optOutType'>): string {
  const type = sms.optOutType?.toUpperCase();
  if (type === 'STOP') return 'STOP';
  if (type === 'START') return 'START';
  return sms.body;
}

export async function receiveSms(deps: CoreDeps, sms: InboundSms): Promise<InboundResult> {
  const patient = await findPatientByPhone(deps.db, sms.from);
  if (!patient) return { outcome: await answerUnknownSender(deps, sms), patientId: null, urgent: false };
  const suppress = twilioAnswered(sms, deps.settings.twilioHandlesKeywords);
  // Understood once, before the transaction: the patient's lock never waits on CPU work.
  const text = routedText(sms);
  const signals = analyseReply(text, deps.catalog.env.vocabulary);
  const { result, ctx } = await withPatient(deps, patient.id, { replying: true, suppressKeywordReplies: suppress }, async (ctx) => {
    const stored = await insertInboundOnce(ctx.tx, {
      id: deps.ids.uuid(),
      patient_id: patient.id,
      direction: 'inbound',
      body: sms.storedBody ?? sms.body,
      author: 'patient',
      provider_sid: sms.sid,
      status: 'received',
      num_media: sms.numMedia,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    if (!stored) return 'duplicate' as const;
    const disposition = await replyFromPatient(ctx, text, signals, stored.id);
    return disposition === 'ignored' ? ('ignored_opted_out' as const) : disposition;
  });
  return { outcome: result, patientId: patient.id, urgent: ctx.queued.urgent };
}

export async function sendSystem(ctx: PatientTx, key: SystemMessageKey, purpose: 'system' | 'reply' | 'safety'): Promise<void> {
  const { patient, deps } = ctx;
  const body = renderSystemMessage(deps.catalog.env.messages, key, patient.language, idleContext(ctx));
  await queueSms(ctx, { body, purpose, author: 'system' });
}

/** Thrown inside a transaction to roll it back when the sender was answered today. */
class AlreadyAnswered extends Error {}

/**
 * Someone who is not enrolled: one polite reply a day at most, and nothing
 * stored but what sending it needs (no inbound body; the number only in the
 * outbox item that delivers the reply).
 */
async function answerUnknownSender(deps: CoreDeps, sms: InboundSms): Promise<InboundOutcome> {
  const now = deps.clock.now();
  const day = localDate(now, deps.settings.defaultTimezone);
  const sender = createHash('sha256').update(sms.from).digest('hex').slice(0, 32);
  const body = renderSystemMessage(deps.catalog.env.messages, 'unknown_sender', guessLanguage(sms.body));
  try {
    await deps.db.transaction().execute(async (tx) => {
      const messageId = deps.ids.uuid();
      await insertMessage(tx, { id: messageId, patient_id: null, direction: 'outbound', body, author: 'system', purpose: 'system', status: 'queued', created_at: now, updated_at: now });
      const queued = await enqueue(tx, {
        id: deps.ids.uuid(),
        kind: 'sms',
        patient_id: null,
        message_id: messageId,
        payload: JSON.stringify({ to: sms.from }),
        run_at: now,
        created_at: now,
        updated_at: now,
        dedupe_key: `unknown-sender:${sender}:${day}`,
        last_error: null,
        locked_until: null,
      });
      if (!queued) throw new AlreadyAnswered();
    });
    deps.wake();
  } catch (err) {
    if (!(err instanceof AlreadyAnswered)) throw err;
  }
  return 'unknown_sender';
}
