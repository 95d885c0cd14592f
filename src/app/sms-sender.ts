// Delivers queued texts after commit: lease one due outbox item, send it
// through the gateway outside any transaction, record the outcome. Paced to
// the configured rate; retryable failures back off; permanent ones are
// recorded with the provider's code.
import type { Db } from '../adapters/db/connect.js';
import type { Logger } from './ports.js';
import { appendAudit } from '../adapters/db/repositories/audit.js';
import { finishOutbox, findMessage, leaseDue, retryOutboxAt, suppressPendingSms, updateMessage, type OutboxItem } from '../adapters/db/repositories/messages.js';
import { findPatientById, lockPatient, updatePatient } from '../adapters/db/repositories/patients.js';
import { SmsSendError, type Clock, type SentSms, type SmsGateway } from './ports.js';
import { nextSendableTime, type QuietWindow } from '../engine/schedule/quiet-hours.js';

export interface SenderDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  gateway: SmsGateway;
  ratePerSecond: number;
  quietHours: QuietWindow | null;
  /** Waits between sends to keep to the rate; tests pass one that advances a fake clock. */
  sleep(ms: number): Promise<void>;
}

/** Delay before attempt n+1 after n failures; after the last, the text is failed. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];
const LEASE_MS = 120_000;

interface Payload {
  purpose?: string;
  immediate?: boolean;
  afterOptOut?: boolean;
  to?: string;
}

export class SmsSender {
  private nextSlot = 0;

  constructor(private readonly deps: SenderDeps) {}

  /** Sends due texts until none is left (or `max`); returns how many were handled. */
  async drain(options: { max?: number; patientId?: string } = {}): Promise<number> {
    let handled = 0;
    while (handled < (options.max ?? 1000)) {
      const item = await leaseDue(this.deps.db, 'sms', this.deps.clock.now(), LEASE_MS, options.patientId);
      if (!item) break;
      await this.deliver(item);
      handled += 1;
    }
    return handled;
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const { db, clock, logger } = this.deps;
    const payload = item.payload as Payload;
    const message = item.message_id ? await findMessage(db, item.message_id) : undefined;
    if (!message || !['queued', 'deferred'].includes(message.status)) {
      await finishOutbox(db, item.id, 'done', clock.now(), message ? `already ${message.status}` : 'no message');
      return;
    }
    const patient = message.patient_id ? await findPatientById(db, message.patient_id) : undefined;
    const to = patient?.phone ?? payload.to;
    const paused = patient?.status === 'paused' && payload.purpose === 'prompt';
    if (!to || paused || (patient?.status === 'opted_out' && !payload.afterOptOut)) {
      await updateMessage(db, message.id, { status: 'suppressed', updated_at: clock.now() });
      await finishOutbox(db, item.id, 'failed', clock.now(), 'suppressed');
      return;
    }
    if (patient && !payload.immediate) {
      const at = nextSendableTime(clock.now(), patient.timezone, this.deps.quietHours);
      if (at.getTime() > clock.now().getTime()) {
        await updateMessage(db, message.id, { status: 'deferred', updated_at: clock.now() });
        await retryOutboxAt(db, item.id, at, clock.now(), 'quiet hours');
        return;
      }
    }
    await this.pace();
    await updateMessage(db, message.id, { status: 'sending', updated_at: clock.now() });
    let sent: SentSms;
    try {
      sent = await this.deps.gateway.send({ messageId: message.id, to, body: message.body });
    } catch (err) {
      await this.failed(item, message.id, patient?.id ?? null, err);
      return;
    }
    // Sent: close the item first, so a failure to record details can never cause a second send.
    await finishOutbox(db, item.id, 'done', clock.now());
    const status = this.deps.gateway.mode === 'simulator' ? 'simulated' : 'sent';
    await updateMessage(db, message.id, { status, provider_sid: sent.providerSid, updated_at: clock.now() });
    logger.debug({ messageId: message.id }, 'sms delivered');
  }

  private async failed(item: OutboxItem, messageId: string, patientId: string | null, err: unknown): Promise<void> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    const error = err instanceof SmsSendError ? err : new SmsSendError(err instanceof Error ? err.message : String(err), null, 'retryable');
    const delay = RETRY_DELAYS_MS[item.attempts - 1];
    if (error.kind === 'retryable' && delay !== undefined) {
      logger.warn({ messageId, attempt: item.attempts, code: error.providerCode }, 'sms send failed; will retry');
      await updateMessage(db, messageId, { status: 'queued', updated_at: now });
      await retryOutboxAt(db, item.id, new Date(now.getTime() + delay), now, error.message);
      return;
    }
    logger.error({ messageId, code: error.providerCode, kind: error.kind }, 'sms send failed permanently');
    await updateMessage(db, messageId, { status: 'failed', error_code: error.providerCode, updated_at: now });
    await finishOutbox(db, item.id, 'failed', now, error.message);
    if (patientId && (error.kind === 'opted_out' || error.kind === 'invalid_number')) await this.recordUnreachable(patientId, error);
  }

  /** 21610: the carrier says the patient replied STOP; 21211/21614: the number cannot get texts. */
  private async recordUnreachable(patientId: string, error: SmsSendError): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (tx) => {
      await lockPatient(tx, patientId);
      if (error.kind === 'opted_out') {
        await updatePatient(tx, patientId, { status: 'opted_out', updated_at: now });
        await suppressPendingSms(tx, patientId, now);
      }
      const action = error.kind === 'opted_out' ? 'consent.opted_out' : 'phone.invalid';
      await appendAudit(tx, { at: now, actor: 'twilio', action, patientId, details: { code: error.providerCode } });
    });
  }

  /** Keeps to ratePerSecond across calls by waiting for the next free slot. */
  private async pace(): Promise<void> {
    const interval = 1000 / this.deps.ratePerSecond;
    const now = this.deps.clock.now().getTime();
    const wait = this.nextSlot - now;
    if (wait > 0) await this.deps.sleep(wait);
    this.nextSlot = Math.max(now, this.nextSlot) + interval;
  }
}
