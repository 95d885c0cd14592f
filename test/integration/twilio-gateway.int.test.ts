// The Twilio gateway on its own: TWILIO_API_BASE_URL and error classification.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, TwilioSmsGateway } from '../../src/adapters/twilio/twilio-gateway.js';
import { ACCOUNT_SID, AUTH_TOKEN, MESSAGES_PATH } from '../support/service.js';

afterEach(() => nock.cleanAll());

describe('TwilioSmsGateway', () => {
  it('when TWILIO_API_BASE_URL is set, then the SDK sends to that origin with the same path and signed auth', async () => {
    let auth = '';
    const scope = nock('http://127.0.0.1:4010')
      .post(MESSAGES_PATH)
      .reply(function (_uri, body) {
        auth = String(this.req.headers.authorization ?? '');
        const form = new URLSearchParams(String(body));
        return [201, { sid: 'SMbase', status: 'queued', to: form.get('To') }];
      });
    const gateway = new TwilioSmsGateway({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: '+15555550100', apiBaseUrl: 'http://127.0.0.1:4010', keepAlive: false });
    const sent = await gateway.send({ messageId: 'm1', attemptId: 'a1', to: '+15555550123', body: 'hi' });
    expect(sent.providerSid).toBe('SMbase');
    expect(auth).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    scope.done();
  });

  it('when sending through a Messaging Service, then MessagingServiceSid is used instead of From', async () => {
    let form = new URLSearchParams();
    nock('https://api.twilio.com').post(MESSAGES_PATH).reply((_uri, body) => {
      form = new URLSearchParams(String(body));
      return [201, { sid: 'SMsvc', status: 'accepted' }];
    });
    const gateway = new TwilioSmsGateway({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid: `MG${'2'.repeat(32)}`, publicUrl: 'https://careloop.test', keepAlive: false });
    await gateway.send({ messageId: 'abc', attemptId: 'def', to: '+15555550123', body: 'hi' });
    expect(form.get('MessagingServiceSid')).toBe(`MG${'2'.repeat(32)}`);
    expect(form.get('From')).toBeNull();
    expect(form.get('StatusCallback')).toBe('https://careloop.test/twilio/status?m=abc&a=def');
  });

  it.each([
    [{ status: 429, code: 20429 }, 'retryable'],
    [{ status: 503, code: 20503 }, 'unknown'],
    [{ message: 'socket hang up' }, 'unknown'],
    [{ message: 'timeout of 10000ms exceeded', code: 'ECONNABORTED' }, 'unknown'],
    [{ status: 400, code: 30006 }, 'landline'],
    [{ status: 400, code: 21408 }, 'account'],
    [{ status: 401, code: 20003 }, 'account'],
    [{ status: 400, code: 21610 }, 'opted_out'],
    [{ status: 400, code: 21211 }, 'invalid_number'],
    [{ status: 400, code: 21614 }, 'invalid_number'],
    [{ status: 400, code: 21602 }, 'permanent'],
  ])('classifies %o as %s', (err, kind) => {
    expect(classify(err).kind).toBe(kind);
  });
});
