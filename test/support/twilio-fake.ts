// Intercepts the Twilio Messages API with nock and records what was sent.
import nock from 'nock';
import { MESSAGES_PATH, TWILIO_API } from './service.js';

export interface SentText {
  to: string;
  body: string;
  statusCallback: string | null;
}

export interface TwilioFake {
  sent: SentText[];
  /** Texts sent to one number, in order. */
  to(phone: string): string[];
  /** Queue failures for the next requests (HTTP status and Twilio error code). */
  failNext(status: number, code: number, times?: number): void;
  done(): void;
}

/** Twilio never reuses a SID: neither does the fake, across every fake in a run. */
let sidCounter = 0;

export function fakeTwilio(): TwilioFake {
  const sent: SentText[] = [];
  const failures: { status: number; code: number }[] = [];
  const scope = nock(TWILIO_API)
    .persist()
    .post(MESSAGES_PATH)
    .reply((_uri, body) => {
      const failure = failures.shift();
      if (failure) return [failure.status, { code: failure.code, message: `fake failure ${failure.code}`, status: failure.status }];
      const form = new URLSearchParams(typeof body === 'string' ? body : '');
      sent.push({ to: form.get('To') ?? '', body: form.get('Body') ?? '', statusCallback: form.get('StatusCallback') });
      sidCounter += 1;
      // 'f' then zero-padded: padding with 'f' itself made 15, 255, 4095... the same SID.
      return [201, { sid: `SMf${sidCounter.toString(16).padStart(31, '0')}`, status: 'queued' }];
    });
  return {
    sent,
    to: (phone) => sent.filter((s) => s.to === phone).map((s) => s.body),
    failNext: (status, code, times = 1) => {
      for (let i = 0; i < times; i += 1) failures.push({ status, code });
    },
    done: () => {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
