// Ports the use-cases depend on. Adapters implement them; only main.ts builds
// adapters, so tests pass fakes without patching modules.

/** The only source of time. The system clock adapter is the only Date.now() caller. */
export interface Clock {
  now(): Date;
}

/**
 * Structured logging as the use-cases and adapters see it (pino's calling
 * convention: an object of fields, then a message). adapters/log builds one.
 * Fields never carry phone numbers or message text in clear.
 */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}
export interface Logger {
  level: string;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export interface IdGenerator {
  uuid(): string;
}

export interface OutboundSms {
  /** careloop's own message id, echoed in the status callback URL. */
  messageId: string;
  /** This try's id, also echoed in the status callback URL (`a=`). */
  attemptId: string;
  to: string;
  body: string;
}

/** A text the provider holds, found when checking whether a try went out. */
export interface ProviderText {
  providerSid: string;
  status: string;
}

export interface SentSms {
  providerSid: string;
  status: string;
}

/** What a failure means, whatever the provider: the table is adapters/twilio/error-codes.ts. */
export type SendErrorKind =
  | 'retryable'
  | 'unknown'
  | 'opted_out'
  | 'invalid_number'
  | 'landline'
  | 'unreachable'
  | 'blocked'
  | 'carrier_filtered'
  | 'account'
  | 'permanent';

/** A failed send, classified once at the adapter so use-cases stay vendor-neutral. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    /** Provider error code, e.g. Twilio's 21610. */
    readonly providerCode: string | null,
    /**
     * retryable: the provider answered and did not take the text, try later;
     * unknown: no clear answer (timeout, cut connection, 5xx), the text may have gone out;
     * the rest are final (see adapters/twilio/error-codes.ts).
     */
    readonly kind: SendErrorKind,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export interface SmsGateway {
  /** Simulator or real provider; throws SmsSendError. */
  readonly mode: 'twilio' | 'simulator';
  send(sms: OutboundSms): Promise<SentSms>;
  /**
   * Texts to `to` with exactly `body` that the provider created at or after
   * `since`, newest first; throws when the provider cannot be asked.
   */
  findSent(query: { to: string; body: string; since: Date }): Promise<ProviderText[]>;
}

/** Posts escalations where staff will see them (Slack, or the console without Slack). */
export interface EscalationNotifier {
  notify(escalationId: string): Promise<void>;
}

/**
 * What operators watch (Prometheus in production, nothing in most tests).
 * Calls are fire-and-forget counters: they never fail and never do I/O.
 */
export interface Telemetry {
  escalationOpened(urgency: 'urgent' | 'routine'): void;
  /** Something only an operator can fix (account, configuration, a Slack app): also logged at error level. */
  operatorAlert(reason: string): void;
}

export const noTelemetry: Telemetry = { escalationOpened: () => undefined, operatorAlert: () => undefined };
