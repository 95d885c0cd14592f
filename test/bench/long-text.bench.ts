// Timing targets for long texts (npm run bench): a 50 kB text from an enrolled
// patient answered end to end (signed webhook, real PostgreSQL) in well under
// a second, and analysis of a 1,600-character text in a few milliseconds.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { analyseReply } from '../../src/engine/understanding/index.js';
import { FROM_NUMBER, newPatient, nextSid, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let twilio: TwilioFake;
const phone = '+15555570001';
const long = `I walked 3 days. ${'and then some more words '.repeat(2100)}`.slice(0, 50_000);
const max = `I walked 3 days but my knee hurts ${'and I feel tired sometimes ok '.repeat(60)}`.slice(0, 1600);

beforeAll(async () => {
  svc = await startTestService();
  twilio = fakeTwilio();
  await svc.api().post('/api/patients', newPatient({ phone }));
  await svc.sender.drain();
});
afterAll(async () => {
  twilio.done();
  await svc.close();
});

describe('long texts', () => {
  bench('a 50 kB text through the signed webhook', async () => {
    const res = await svc.sms({ From: phone, To: FROM_NUMBER, Body: long, MessageSid: nextSid() });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  }, { iterations: 10, time: 0 });

  bench('analysis of a 1,600-character text', () => {
    analyseReply(max, svc.core.catalog.env.vocabulary);
  }, { iterations: 50, time: 0 });
});
