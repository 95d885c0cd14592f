// A whole careloop service for integration tests: real PostgreSQL (a fresh
// database per file), the real Twilio SDK with HTTP intercepted by nock,
// a fake clock, seeded ids. Requests are signed like Twilio signs them.
import request from 'supertest';
import twilio from 'twilio';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createLogger } from '../../src/adapters/log/logger.js';
import { buildService, type Overrides, type ServiceParts } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { FakeClock, sequentialIds } from './fake-clock.js';

export const AUTH_TOKEN = 'test-twilio-auth-token';
export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const FROM_NUMBER = '+15555550100';
export const PUBLIC_URL = 'https://careloop.test';
export const API_TOKEN = 'test-api-token-0123456789';
export const TWILIO_API = 'https://api.twilio.com';
export const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

export interface TestService extends ServiceParts {
  t: TestDatabase;
  clock: FakeClock;
  config: Config;
  /** POSTs a signed Twilio webhook. */
  sms(params: Record<string, string>, options?: { signature?: string | null; path?: string }): Promise<request.Response>;
  api(): { get(path: string): request.Test; post(path: string, body?: object): request.Test; patch(path: string, body: object): request.Test };
  close(): Promise<void>;
}

export async function startTestService(options: { env?: Record<string, string>; now?: string; db?: TestDatabase; overrides?: Overrides } = {}): Promise<TestService> {
  const t = options.db ?? (await createTestDatabase());
  const clock = new FakeClock(options.now ?? '2026-03-02T15:00:00Z');
  const config = loadConfig({
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    PUBLIC_URL,
    API_TOKEN,
    SMS_RATE_PER_SECOND: '10',
    CARE_TEAM_NAME: 'Riverside Clinic',
    ...options.env,
  });
  const parts = await buildService(config, createLogger({ level: 'silent' }), t.db, API_TOKEN, {
    clock,
    ids: sequentialIds(),
    sleep: clock.sleep,
    twilioKeepAlive: false,
    ...options.overrides,
  });
  const auth = { Authorization: `Bearer ${API_TOKEN}` };
  return {
    ...parts,
    t,
    clock,
    config,
    sms: (params, opts = {}) => {
      const path = opts.path ?? '/twilio/sms';
      const signature = opts.signature === undefined ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params) : opts.signature;
      const req = request(parts.app).post(path).type('form').send(params);
      return signature === null ? req : req.set('X-Twilio-Signature', signature);
    },
    api: () => ({
      get: (path) => request(parts.app).get(path).set(auth),
      post: (path, body) => request(parts.app).post(path).set(auth).send(body ?? {}),
      patch: (path, body) => request(parts.app).patch(path).set(auth).send(body),
    }),
    close: async () => {
      await parts.stopLoops();
      if (!options.db) await t.drop();
    },
  };
}

let sidCounter = 0;
/** A fresh Twilio-looking MessageSid. */
export const nextSid = () => `SM${(++sidCounter).toString(16).padStart(32, '0')}`;

/** A valid enrollment body; override what the test is about. */
export function newPatient(overrides: Record<string, unknown> = {}) {
  return {
    phone: '+15555550123',
    name: 'Maria Garcia',
    timezone: 'America/New_York',
    language: 'en',
    consent: 'confirmed',
    plan: { action: 'walk 10 minutes after dinner', daysPerWeek: 5, confidence: 8, startDate: '2026-03-02' },
    checkin: { weekday: 'monday', time: '18:00' },
    ...overrides,
  };
}
