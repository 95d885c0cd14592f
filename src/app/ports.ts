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
  to: string;
  body: string;
}

export interface SentSms {
  providerSid: string;
  status: string;
}

/** A failed send, classified once at the adapter so use-cases stay vendor-neutral. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    /** Provider error code, e.g. Twilio's 21610. */
    readonly providerCode: string | null,
    readonly kind: 'retryable' | 'permanent' | 'opted_out' | 'invalid_number',
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export interface SmsGateway {
  /** Simulator or real provider; throws SmsSendError. */
  readonly mode: 'twilio' | 'simulator';
  send(sms: OutboundSms): Promise<SentSms>;
}

/** Posts escalations where staff will see them (Slack, or the console without Slack). */
export interface EscalationNotifier {
  notify(escalationId: string): Promise<void>;
}
