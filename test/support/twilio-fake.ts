// Intercepts the Twilio Messages API with nock and records what was sent.
// It also answers the list request careloop makes to check whether a try
// went out (newest first, filtered by To and From like Twilio).
import nock from 'nock';
import { MESSAGES_PATH, TWILIO_API } from './service.js';

export interface SentText {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  dateCreated: Date;
}

export interface TwilioFake {
  sent: SentText[];
  /** Texts sent to one number, in order. */
  to(phone: string): string[];
  /** Queue failures for the next requests (HTTP status and Twilio error code). */
  failNext(status: number, code: number, times?: number, options?: { accepted?: boolean }): void;
  done(): void;
}

/** Twilio never reuses a SID: neither does the fake, across every fake in a run. */
let sidCounter = 0;

/** A message resource as Twilio returns it. */
export function twilioMessage(m: SentText) {
  return { sid: m.sid, to: m.to, from: m.from, body: m.body, status: 'queued', direction: 'outbound-api', date_created: m.dateCreated.toUTCString(), messaging_service_sid: null };
}

export function fakeTwilio(options: { now?: () => Date } = {}): TwilioFake {
  const now = options.now ?? (() => new Date(8.64e15));
  const sent: SentText[] = [];
  const failures: { status: number; code: number; accepted: boolean }[] = [];
  const scope = nock(TWILIO_API)
    .persist()
    .post(MESSAGES_PATH)
    .reply((_uri, body) => {
      const failure = failures.shift();
      const form = new URLSearchParams(typeof body === 'string' ? body : '');
      if (!failure || failure.accepted) {
        sidCounter += 1;
        sent.push({ sid: `SMf${sidCounter.toString(16).padStart(31, '0')}`, to: form.get('To') ?? '', from: form.get('From') ?? '', body: form.get('Body') ?? '', statusCallback: form.get('StatusCallback'), dateCreated: now() });
      }
      if (failure) return [failure.status, { code: failure.code, message: `fake failure ${failure.code}`, status: failure.status }];
      return [201, { sid: sent.at(-1)!.sid, status: 'queued' }];
    })
    .get(MESSAGES_PATH)
    .query(true)
    .reply((uri) => {
      const q = new URL(uri, TWILIO_API).searchParams;
      const found = sent.filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From'))).reverse();
      return [200, { messages: found.map(twilioMessage), next_page_uri: null, page: 0, page_size: 50 }];
    });
  return {
    sent,
    to: (phone) => sent.filter((s) => s.to === phone).map((s) => s.body),
    failNext: (status, code, times = 1, opts = {}) => {
      for (let i = 0; i < times; i += 1) failures.push({ status, code, accepted: opts.accepted ?? false });
    },
    done: () => {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
