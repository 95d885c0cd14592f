// Delivers queued texts after commit: lease due outbox items, send each
// through the gateway outside any transaction, record the outcome. Several
// sends are in flight at once, paced by a rate limiter shared by every
// instance (send-rate-limiter.ts); a patient's texts still go out one at a
// time, in order (the lease only hands out a patient's oldest due text).
// Retryable failures back off; permanent ones are recorded with the
// provider's code. Each try is recorded before the provider is called, and a
// try whose fate is unknown is checked with the provider before any second
// send (outbox/attempts.ts).
import type { Db } from '../adapters/db/connect.js';
import type { Logger } from './ports.js';
import { finishOutbox, findMessage, leaseDueBatch, retryOutboxAt, updateMessage, type OutboxItem } from '../adapters/db/repositories/messages.js';
import { findPatientById } from '../adapters/db/repositories/patients.js';
import { SmsSendError, type Clock, type IdGenerator, type SmsGateway } from './ports.js';
import { attemptSend, settleOpenAttempt, type TextToSend } from './outbox/attempts.js';
import { nextSendableTime, type QuietWindow } from '../engine/schedule/quiet-hours.js';
import { SharedRateLimiter, type RateLimiter } from './send-rate-limiter.js';

export interface SenderDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  gateway: SmsGateway;
  ids: IdGenerator;
  ratePerSecond: number;
  /** How long a leased item is held (longer than a send plus a provider check). */
  leaseMs?: number;
  /** Told about every final failure (patient status, staff, operators: outbox/delivery-failures.ts). */
  onFailure?: (failure: FinalFailure) => Promise<void>;
  /** Told about every send outcome (metrics). */
  observe?: (event: { outcome: 'sent' | 'retry' | 'unknown' | 'failed'; code: string | null }) => void;
  quietHours: QuietWindow | null;
  /** Waits between sends to keep to the rate; tests pass one that advances a fake clock. */
  sleep(ms: number): Promise<void>;
  /** Default: the PostgreSQL-shared limiter at ratePerSecond. */
  limiter?: RateLimiter;
  /** Sends in flight at once; default enough for 500 ms per send (Twilio plus our own queries) at the rate (1..200). */
  maxInFlight?: number;
}

/** Delay before attempt n+1 after n failures; after the last, the text is failed. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];
/** Delay before asking the provider about a try with no clear answer; after the last, the text is failed. */
export const CHECK_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 7_200_000];
export const DEFAULT_LEASE_MS = 25_000;

export interface FinalFailure {
  messageId: string;
  patientId: string | null;
  kind: SmsSendError['kind'];
  code: string | null;
}

interface Payload {
  purpose?: string;
  immediate?: boolean;
  afterOptOut?: boolean;
  to?: string;
}

export class SmsSender {
  private readonly limiter: RateLimiter;
  private readonly maxInFlight: number;

  constructor(private readonly deps: SenderDeps) {
    this.limiter = deps.limiter ?? new SharedRateLimiter({ db: deps.db, clock: deps.clock, sleep: deps.sleep, ratePerSecond: deps.ratePerSecond });
    this.maxInFlight = deps.maxInFlight ?? Math.min(200, Math.max(1, Math.ceil(deps.ratePerSecond / 2)));
  }

  /**
   * Sends due texts until none is left (or `max`), up to maxInFlight at once
   * (one at a time for a single patient); returns how many were handled. A
   * failure to record an outcome stops leasing and is thrown once the sends
   * in flight have finished.
   */
  async drain(options: { max?: number; patientId?: string } = {}): Promise<number> {
    const max = options.max ?? 1000;
    const cap = options.patientId ? 1 : this.maxInFlight;
    const running = new Set<Promise<void>>();
    let started = 0;
    let failure: { err: unknown } | null = null;
    while (started < max && !failure) {
      const room = Math.min(cap - running.size, max - started);
      if (room > 0) {
        const items = await leaseDueBatch(this.deps.db, 'sms', this.deps.clock.now(), this.deps.leaseMs ?? DEFAULT_LEASE_MS, room, options.patientId);
        for (const item of items) {
          started += 1;
          const p: Promise<void> = this.deliver(item)
            .catch((err: unknown) => {
              failure ??= { err };
            })
            .finally(() => running.delete(p));
          running.add(p);
        }
        if (items.length > 0) continue;
        // Nothing due now; a send in flight may free its patient's next text.
        if (running.size === 0) break;
      }
      await Promise.race(running);
    }
    await Promise.all(running);
    if (failure) throw (failure as { err: unknown }).err;
    return started;
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const { db, clock } = this.deps;
    const payload = item.payload as Payload;
    const message = item.message_id ? await findMessage(db, item.message_id) : undefined;
    if (!message || !['queued', 'deferred', 'sending'].includes(message.status)) {
      await finishOutbox(db, item.id, 'done', clock.now(), message ? `already ${message.status}` : 'no message');
      return;
    }
    const patient = message.patient_id ? await findPatientById(db, message.patient_id) : undefined;
    const to = patient?.phone ?? payload.to;
    const text: TextToSend | null = to ? { outboxId: item.id, messageId: message.id, to, body: message.body } : null;
    // A try may have gone out (crash, timeout, cut connection): ask before anything else.
    if (text && message.status === 'sending') {
      const settled = await settleOpenAttempt(this.deps, text, message.updated_at);
      if (settled.kind === 'accepted') return this.sent(item, message.id, settled.providerSid);
      if (settled.kind === 'unknown') return this.checkLater(item, message.id, settled.reason, null);
      await updateMessage(db, message.id, { status: 'queued', updated_at: clock.now() });
    }
    const paused = patient?.status === 'paused' && payload.purpose === 'prompt';
    if (!text || paused || (patient?.status === 'opted_out' && !payload.afterOptOut)) {
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
    const result = await attemptSend(this.deps, text);
    if (result.kind === 'accepted') return this.sent(item, message.id, result.providerSid);
    if (result.error.kind === 'unknown') return this.checkLater(item, message.id, result.error.message, result.error.providerCode);
    await this.failed(item, message.id, patient?.id ?? null, result.error);
  }

  private async sent(item: OutboxItem, messageId: string, providerSid: string): Promise<void> {
    const { db, clock, logger } = this.deps;
    // Close the item first, so a failure to record details can never cause a second send.
    await finishOutbox(db, item.id, 'done', clock.now());
    const status = this.deps.gateway.mode === 'simulator' ? 'simulated' : 'sent';
    await updateMessage(db, messageId, { status, provider_sid: providerSid, updated_at: clock.now() });
    this.deps.observe?.({ outcome: 'sent', code: null });
    logger.debug({ messageId }, 'sms delivered');
  }

  /** The provider may hold the text: the message stays `sending` and the provider is asked before any resend. */
  private async checkLater(item: OutboxItem, messageId: string, reason: string, code: string | null): Promise<void> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    const delay = CHECK_DELAYS_MS[item.attempts - 1];
    if (delay === undefined) {
      logger.error({ messageId, attempts: item.attempts, code }, 'sms outcome still unknown after every check: failed, operators must look');
      await updateMessage(db, messageId, { status: 'failed', error_code: code ?? 'unknown_outcome', updated_at: now });
      await finishOutbox(db, item.id, 'failed', now, `outcome unknown: ${reason}`);
      this.deps.observe?.({ outcome: 'failed', code: code ?? 'unknown_outcome' });
      const patientId = item.patient_id;
      await this.deps.onFailure?.({ messageId, patientId, kind: 'unknown', code });
      return;
    }
    logger.warn({ messageId, attempt: item.attempts, code }, 'sms outcome unknown; will ask the provider before any resend');
    this.deps.observe?.({ outcome: 'unknown', code });
    await retryOutboxAt(db, item.id, new Date(now.getTime() + delay), now, `outcome unknown: ${reason}`);
  }

  private async failed(item: OutboxItem, messageId: string, patientId: string | null, error: SmsSendError): Promise<void> {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    const delay = RETRY_DELAYS_MS[item.attempts - 1];
    if (error.kind === 'retryable' && delay !== undefined) {
      logger.warn({ messageId, attempt: item.attempts, code: error.providerCode }, 'sms send failed; will retry');
      this.deps.observe?.({ outcome: 'retry', code: error.providerCode });
      await updateMessage(db, messageId, { status: 'queued', updated_at: now });
      await retryOutboxAt(db, item.id, new Date(now.getTime() + delay), now, error.message);
      return;
    }
    logger.error({ messageId, code: error.providerCode, kind: error.kind }, 'sms send failed permanently');
    this.deps.observe?.({ outcome: 'failed', code: error.providerCode });
    await updateMessage(db, messageId, { status: 'failed', error_code: error.providerCode, updated_at: now });
    await finishOutbox(db, item.id, 'failed', now, error.message);
    // Retries ran out: from here on it is an undelivered text like any other.
    await this.deps.onFailure?.({ messageId, patientId, kind: error.kind === 'retryable' ? 'permanent' : error.kind, code: error.providerCode });
  }

  /** Waits for this text's slot in the rate shared by all instances. */
  private async pace(): Promise<void> {
    await this.limiter.acquire();
  }
}
