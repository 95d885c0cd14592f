// SmsGateway over the twilio SDK. Error codes are classified here, once
// (the table is error-codes.ts). Every request has a timeout, so a stalled
// Twilio holds a sender for seconds, not minutes; a timeout or a cut
// connection is `unknown` (the text may have gone out), never a plain retry.
import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { SmsSendError, type OutboundSms, type ProviderText, type SentSms, type SmsGateway } from '../../app/ports.js';
import { twilioErrorKind } from './error-codes.js';

export interface TwilioGatewayOptions {
  accountSid: string;
  authToken: string;
  fromNumber?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Status callbacks go to `${publicUrl}/twilio/status?m=<messageId>&a=<attemptId>`. */
  publicUrl?: string | undefined;
  /** Another base URL for the API (a local fake Twilio in staging or tests). */
  apiBaseUrl?: string | undefined;
  /** Keep-alive off for tests: nock hangs on keep-alive requests (nock issue 3001). */
  keepAlive?: boolean;
  /** Per-request timeout in milliseconds (the SDK's default is 30 s). */
  timeoutMs?: number;
}

/** How many of the recipient's latest texts are read when checking whether a try went out. */
const LOOKUP_LIMIT = 50;

type Client = ReturnType<typeof twilio>;

/** A RequestClient that sends every request to another origin. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL, options: { keepAlive: boolean; timeout: number }) {
    super(options);
  }

  override request<TData>(opts: BaseRequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    target.protocol = this.base.protocol;
    target.host = this.base.host;
    return super.request({ ...opts, uri: target.toString() });
  }
}

export class TwilioSmsGateway implements SmsGateway {
  readonly mode = 'twilio' as const;
  private readonly client: Client;

  constructor(private readonly options: TwilioGatewayOptions) {
    const settings = { keepAlive: options.keepAlive ?? true, timeout: options.timeoutMs ?? 10_000 };
    const httpClient: BaseRequestClient = options.apiBaseUrl ? new RebasedRequestClient(new URL(options.apiBaseUrl), settings) : new twilio.RequestClient(settings);
    this.client = twilio(options.accountSid, options.authToken, { httpClient });
  }

  async send(sms: OutboundSms): Promise<SentSms> {
    const { fromNumber, messagingServiceSid, publicUrl } = this.options;
    const callback = publicUrl ? `${publicUrl}/twilio/status?m=${encodeURIComponent(sms.messageId)}&a=${encodeURIComponent(sms.attemptId)}` : undefined;
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        body: sms.body,
        ...(messagingServiceSid ? { messagingServiceSid } : { from: fromNumber! }),
        ...(callback ? { statusCallback: callback } : {}),
      });
      return { providerSid: message.sid, status: message.status };
    } catch (err) {
      throw classify(err);
    }
  }

  /** Lists the recipient's latest texts from our number (or Messaging Service) and keeps the matching ones. */
  async findSent(query: { to: string; body: string; since: Date }): Promise<ProviderText[]> {
    const { fromNumber, messagingServiceSid } = this.options;
    const list = await this.client.messages.list({ to: query.to, ...(messagingServiceSid ? {} : { from: fromNumber! }), limit: LOOKUP_LIMIT, pageSize: LOOKUP_LIMIT });
    return list
      .filter((m) => m.body === query.body && m.direction !== 'inbound')
      .filter((m) => (messagingServiceSid ? m.messagingServiceSid === messagingServiceSid : true))
      .filter((m) => m.dateCreated instanceof Date && m.dateCreated.getTime() >= query.since.getTime())
      .map((m) => ({ providerSid: m.sid, status: m.status }));
  }
}

/** Twilio answered 5xx, or did not answer: it may have taken the text. */
export function classify(err: unknown): SmsSendError {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : null;
  const code = e.code === undefined || e.code === null || (typeof e.code === 'string' && !/^\d+$/.test(e.code)) ? null : String(e.code);
  const message = typeof e.message === 'string' ? e.message : 'send failed';
  if (status === null || status >= 500) return new SmsSendError(message, code ?? (status ? String(status) : null), 'unknown');
  if (status === 429) return new SmsSendError(message, code ?? '429', 'retryable');
  const kind = twilioErrorKind(code);
  return new SmsSendError(message, code ?? String(status), kind);
}
