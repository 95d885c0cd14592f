// SmsGateway over the twilio SDK. Error codes are classified here, once.
import twilio from 'twilio';
import type BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { SmsSendError, type OutboundSms, type SentSms, type SmsGateway } from '../../app/ports.js';

export interface TwilioGatewayOptions {
  accountSid: string;
  authToken: string;
  fromNumber?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Status callbacks go to `${publicUrl}/twilio/status?m=<messageId>`. */
  publicUrl?: string | undefined;
  /** Another base URL for the API (a local fake Twilio in staging or tests). */
  apiBaseUrl?: string | undefined;
  /** Keep-alive off for tests: nock hangs on keep-alive requests (nock issue 3001). */
  keepAlive?: boolean;
}

const RETRYABLE_CODES = new Set(['20429', '20500', '20503', '63018', '30001']);
const INVALID_NUMBER_CODES = new Set(['21211', '21614', '21612', '21408']);

type Client = ReturnType<typeof twilio>;

/** A RequestClient that sends every request to another origin. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL, options: { keepAlive: boolean }) {
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
    const keepAlive = options.keepAlive ?? true;
    const httpClient: BaseRequestClient = options.apiBaseUrl ? new RebasedRequestClient(new URL(options.apiBaseUrl), { keepAlive }) : new twilio.RequestClient({ keepAlive });
    this.client = twilio(options.accountSid, options.authToken, { httpClient });
  }

  async send(sms: OutboundSms): Promise<SentSms> {
    const { fromNumber, messagingServiceSid, publicUrl } = this.options;
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        body: sms.body,
        ...(messagingServiceSid ? { messagingServiceSid } : { from: fromNumber! }),
        ...(publicUrl ? { statusCallback: `${publicUrl}/twilio/status?m=${encodeURIComponent(sms.messageId)}` } : {}),
      });
      return { providerSid: message.sid, status: message.status };
    } catch (err) {
      throw classify(err);
    }
  }
}

export function classify(err: unknown): SmsSendError {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : null;
  const code = e.code === undefined || e.code === null ? null : String(e.code);
  const message = typeof e.message === 'string' ? e.message : 'send failed';
  if (code === '21610') return new SmsSendError(message, code, 'opted_out');
  if (code && INVALID_NUMBER_CODES.has(code)) return new SmsSendError(message, code, 'invalid_number');
  if (status === null || status === 429 || status >= 500 || (code && RETRYABLE_CODES.has(code))) {
    return new SmsSendError(message, code ?? (status ? String(status) : null), 'retryable');
  }
  return new SmsSendError(message, code ?? String(status), 'permanent');
}
