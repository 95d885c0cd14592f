// Hostile input over real HTTP on real PostgreSQL: thousands of seeded random
// requests at the Twilio webhooks (signed correctly and badly, odd request
// lines) and at the care-team API. Whatever arrives, the answer is never a 5xx.
import type { Server } from 'node:http';
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, newPatient, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { rawRequest } from '../support/raw-http.js';

const SEED = 14_2026;
const WEBHOOKS = 1500;
const API_REQUESTS = 700;
const CONCURRENCY = 4;

let svc: TestService;
let fake: TwilioFake;
let server: Server;
let port: number;
const phones = ['+15555580001', '+15555580002', '+15555580003'];
let patientIds: string[] = [];

beforeAll(async () => {
  svc = await startTestService();
  fake = fakeTwilio();
  for (const phone of phones) {
    const res = await svc.api().post('/api/patients', newPatient({ phone }));
    expect(res.status).toBe(201);
    patientIds.push(res.body.id as string);
  }
  await new Promise<void>((resolve) => {
    server = svc.app.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fake.done();
  await svc.close();
});

// Strings a hostile or broken client sends: controls, NUL, lone surrogates, emoji, huge, numeric edge cases.
const nasty = fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0007', '\u001b', '\r', '\n', '\t', '\u007f', '\u0085', '\ufeff', '\u202e', 'é', '😀', '%', '&', '=', '+', ' ', 'a', '1', '\\', "'", '"');
const hostileString = fc.oneof(
  fc.string({ unit: nasty, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '0', '-1', '99999999999', '1e309', 'NaN', '9'.repeat(40), 'null', '[]', '{}', 'SM' + '\u0000'.repeat(3)),
  fc.integer({ min: 1000, max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const sidArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `SM${h}`);
const smsParams = fc.record(
  {
    From: fc.oneof({ arbitrary: fc.constantFrom(...phones), weight: 4 }, hostileString, fc.constantFrom(...phones).map((p) => `${p}\u0000`)),
    To: fc.oneof(fc.constant(FROM_NUMBER), hostileString),
    Body: fc.oneof(hostileString, fc.constantFrom('YES', 'STOP', 'START', 'HELP', '5', 'I have chest pain', 'done')),
    MessageSid: fc.oneof({ arbitrary: sidArb, weight: 4 }, hostileString),
    NumMedia: fc.oneof({ arbitrary: fc.constantFrom('0', '1', '10'), weight: 3 }, hostileString),
    OptOutType: hostileString,
    [`X${'\u0000'}`]: hostileString,
  },
  { requiredKeys: ['From', 'MessageSid'] },
);
const statusParams = fc.record(
  {
    MessageSid: fc.oneof(sidArb, hostileString),
    MessageStatus: fc.oneof(fc.constantFrom('sent', 'delivered', 'undelivered', 'failed', 'accepted'), hostileString),
    ErrorCode: fc.oneof(fc.constantFrom('30006', '21610', '21408', '30007'), hostileString),
  },
  { requiredKeys: ['MessageSid'] },
);
const query = fc.oneof(fc.constant(''), fc.constantFrom('?m=%00', '?m=not-a-uuid&a=%ff', '?m=00000000-0000-4000-8000-000000000000', '?a=%00%00', '?m=a&m=b', '?%'));
const signing = fc.constantFrom('good', 'good', 'bad', 'missing', 'absolute-good', 'absolute-bad');

const webhook = fc.record({ kind: fc.constantFrom('/twilio/sms', '/twilio/sms', '/twilio/status'), sms: smsParams, status: statusParams, query, signing });

function webhookValue(v: { kind: string; sms: Record<string, string>; status: Record<string, string>; query: string; signing: string }) {
  const raw = v.kind === '/twilio/sms' ? v.sms : v.status;
  const params = Object.fromEntries(Object.entries(raw).map(([k, val]) => [wellFormed(k), wellFormed(val)]));
  const path = `${v.kind}${v.query}`;
  const decodedPath = (() => {
    try {
      const url = new URL(path, PUBLIC_URL);
      return `${url.pathname}${url.search}`;
    } catch {
      return path;
    }
  })();
  const good = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${decodedPath}`, params);
  const signature = v.signing.endsWith('good') ? good : v.signing === 'missing' ? undefined : 'bm90IGEgc2lnbmF0dXJl';
  const requestPath = v.signing.startsWith('absolute') ? `http://attacker.example${path}` : path;
  const body = new URLSearchParams(params).toString();
  return { path: requestPath, body, signature };
}

const jsonValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));
const patientBody = fc.record({
  field: fc.constantFrom('name', 'plan.action', 'careTeam', 'timezone', 'phone', 'checkin.time', 'language', 'plan.daysPerWeek', 'plan.startDate', 'extra'),
  value: jsonValue,
  n: fc.integer({ min: 0, max: 9999 }),
});
const apiCall = fc.oneof(
  patientBody.map((b) => ({ method: 'POST', path: '/api/patients', json: withField(newPatient({ phone: `+1555559${String(b.n).padStart(4, '0')}` }), b.field, b.value) })),
  patientBody.map((b) => ({ method: 'PATCH', path: `/api/patients/${patientIds[b.n % patientIds.length]}`, json: withField({}, b.field, b.value) })),
  fc.record({ id: hostileString, q: hostileString }).map((r) => ({ method: 'GET', path: `/api/escalations?status=${encodeURIComponent(wellFormed(r.q))}&patientId=${encodeURIComponent(wellFormed(r.id))}`, json: undefined })),
  hostileString.map((id) => ({ method: 'GET', path: `/api/patients/${encodeURIComponent(wellFormed(id))}/messages`, json: undefined })),
  hostileString.map((raw) => ({ method: 'POST', path: '/api/patients', raw: `{"name":"${raw}` })),
);

function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) copy[head] = value;
  else copy[head] = { ...((copy[head] as object | undefined) ?? {}), [tail]: value };
  return copy;
}

async function runAll<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('fuzzing the edge', () => {
  it('when thousands of hostile webhooks and API calls arrive, then none is answered with a 5xx', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    const hooks = fc.sample(webhook, { seed: SEED, numRuns: WEBHOOKS }).map(webhookValue);
    await runAll(hooks, async (h) => {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (h.signature) headers['x-twilio-signature'] = h.signature;
      const res = await rawRequest(port, { method: 'POST', path: h.path, headers, body: h.body });
      count(res.status);
      if (res.status >= 500) failures.push(`${res.status} ${h.path} ${h.body.slice(0, 200)}`);
    });

    const calls = fc.sample(apiCall, { seed: SEED + 1, numRuns: API_REQUESTS });
    await runAll(calls, async (c) => {
      const body = 'raw' in c ? c.raw : c.json === undefined ? undefined : JSON.stringify(c.json);
      const headers: Record<string, string> = { authorization: `Bearer ${API_TOKEN}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await rawRequest(port, { method: c.method, path: c.path, headers, body });
      count(res.status);
      if (res.status >= 500) failures.push(`${res.status} ${c.method} ${c.path} ${(body ?? '').slice(0, 200)}`);
    });

    expect(failures.slice(0, 10)).toEqual([]);
    // The fuzzer reached the use-cases, not just the signature check.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(403) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });

  it('when a NUL arrives in a signed text, then it is removed before storing and counted', async () => {
    const params = { From: phones[0]!, To: FROM_NUMBER, Body: 'hel\u0000lo\u0007', MessageSid: `SM${'ab'.repeat(16)}` };
    const res = await svc.sms(params);
    expect(res.status).toBe(200);
    const row = await svc.t.db.selectFrom('messages').select('body').where('provider_sid', '=', params.MessageSid).executeTakeFirstOrThrow();
    expect(row.body).toBe('hello');
    expect(await svc.metrics.registry.getSingleMetricAsString('careloop_input_cleaned_total')).toMatch(/source="twilio.sms",kind="control"} [1-9]/);
  });

  it('when NumMedia is out of range, then 400 and nothing is stored', async () => {
    const params = { From: phones[1]!, To: FROM_NUMBER, Body: 'hi', MessageSid: `SM${'cd'.repeat(16)}`, NumMedia: '99999999999' };
    expect((await svc.sms(params)).status).toBe(400);
    expect(await svc.t.db.selectFrom('messages').select('id').where('provider_sid', '=', params.MessageSid).executeTakeFirst()).toBeUndefined();
  });

  it('when the request line is in absolute form with a bad signature, then 403', async () => {
    const body = new URLSearchParams({ From: phones[0]!, MessageSid: 'SM1' }).toString();
    const res = await rawRequest(port, { method: 'POST', path: 'http://host/twilio/sms', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bad' }, body });
    expect(res.status).toBe(403);
  });

  it('when the API gets a NUL in name, plan.action or careTeam, then it is cleaned and stored without it', async () => {
    const res = await svc.api().post('/api/patients', newPatient({ phone: '+15555580099', name: 'Ana\u0000 Ruiz', plan: { action: 'walk\u0000 daily', daysPerWeek: 3, confidence: 7 } }));
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Ana Ruiz');
    expect(res.body.plan.action).toBe('walk daily');
    const team = await svc.api().post('/api/patients', newPatient({ phone: '+15555580098', careTeam: 'Nowhere\u0000' }));
    expect(team.status).toBe(400);
    expect(team.body.error.fields).toEqual({ careTeam: 'no care team named Nowhere' });
  });
});
