// The OpenAPI document the API serves: it lints clean with a real OpenAPI
// linter, and every real response of every route, errors included, has exactly
// the fields the document lists (objects closed with additionalProperties: false).
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, PUBLIC_URL, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';
import { errorText, newAjv2020 } from '../support/ajv.js';

type Json = Record<string, unknown>;
interface Doc {
  servers: { url: string }[];
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: { 'application/json': { schema: Json } } }> }>>;
  components: { schemas: Record<string, Json> };
}

let svc: TestService;
let fake: TwilioFake | undefined;
let doc: Doc;
let ajv: Ajv2020;
const seen = new Set<string>();

/** The document's schemas as one JSON Schema, every object closed to unlisted fields. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === '$ref' ? String(value).replace('#/components/schemas/', 'api#/$defs/') : closed(value);
  if (out.type === 'object' && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Checks a real response against what the document says `method path` answers with that status. */
function conforms(method: string, path: string, res: request.Response): void {
  const documented = doc.paths[path]?.[method]?.responses[String(res.status)];
  expect(documented, `${method.toUpperCase()} ${path} answered ${res.status}, which the document does not list`).toBeDefined();
  const schema = documented!.content?.['application/json'].schema;
  expect(schema, `${method.toUpperCase()} ${path} ${res.status} has no response schema`).toBeDefined();
  const validate = ajv.compile(closed(schema) as Json);
  expect(validate(res.body), `${method.toUpperCase()} ${path} ${res.status}:\n${errorText(validate.errors)}\n${JSON.stringify(res.body)}`).toBe(true);
  seen.add(`${method} ${path} ${res.status}`);
}

beforeAll(async () => {
  svc = await startTestService();
  doc = (await request(svc.app).get('/api/openapi.json')).body as Doc;
  ajv = newAjv2020();
  ajv.addSchema({ $id: 'api', $defs: closed(doc.components.schemas) as Json });
});
afterAll(async () => svc.close());
afterEach(() => fake?.done());

describe('the OpenAPI document', () => {
  it('when linted with Redocly (recommended rules), then it has no errors and no warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const text = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`).join('\n');
    expect(problems.filter((p) => p.severity === 'error'), text).toEqual([]);
    expect(problems, text).toEqual([]);
  });

  it('when served, then it names the server, a license and an operation id for every route', () => {
    expect(doc.servers).toEqual([{ url: PUBLIC_URL, description: expect.any(String) }]);
    const ops = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    // The 8 patient and escalation routes, and the 12 staff, care-team, list, summary and export routes.
    expect(ops.length).toBe(20);
    expect(new Set(ops.map((op) => op.operationId)).size).toBe(ops.length);
  });

  it('when a response has a field the document does not list, then the check fails', async () => {
    fake = fakeTwilio();
    const res = await svc.api().post('/api/patients', newPatient({ phone: '+15555571001' }));
    const schema = closed(doc.paths['/api/patients']!.post!.responses['201']!.content!['application/json'].schema) as Json;
    expect(ajv.validate(schema, res.body)).toBe(true);
    expect(ajv.validate(schema, { ...res.body, ssn: '123-45-6789' })).toBe(false);
    expect(ajv.validate(schema, { ...res.body, plan: { ...res.body.plan, secret: 1 } })).toBe(false);
  });
});

describe('every route against the document', () => {
  it('when each route is called, then every real answer (successes and errors) matches its documented schema', async () => {
    fake = fakeTwilio();
    const phone = '+15555571002';
    const created = await svc.api().post('/api/patients', newPatient({ phone }));
    conforms('post', '/api/patients', created);
    const id = created.body.id as string;
    conforms('post', '/api/patients', await svc.api().post('/api/patients', newPatient({ phone })));
    conforms('post', '/api/patients', await svc.api().post('/api/patients', newPatient({ phone: 'nope', email: 'a@b.example' })));
    conforms('post', '/api/patients', await request(svc.app).post('/api/patients').send({}));

    conforms('get', '/api/patients/{id}', await svc.api().get(`/api/patients/${id}`));
    conforms('get', '/api/patients/{id}', await svc.api().get('/api/patients/00000000-0000-4000-8000-999999999999'));
    conforms('patch', '/api/patients/{id}', await svc.api().patch(`/api/patients/${id}`, { plan: { daysPerWeek: 3 } }));
    conforms('patch', '/api/patients/{id}', await svc.api().patch(`/api/patients/${id}`, { favouriteColour: 'blue' }));
    conforms('patch', '/api/patients/{id}', await svc.api().patch(`/api/patients/${id}`, { status: 'paused' }));
    conforms('post', '/api/patients/{id}/checkins', await svc.api().post(`/api/patients/${id}/checkins`));
    conforms('patch', '/api/patients/{id}', await svc.api().patch(`/api/patients/${id}`, { status: 'active' }));
    conforms('get', '/api/patients/{id}/schedule', await svc.api().get(`/api/patients/${id}/schedule`));
    conforms('post', '/api/patients/{id}/checkins', await svc.api().post(`/api/patients/${id}/checkins`));
    await svc.sms({ From: phone, To: FROM_NUMBER, Body: '2', MessageSid: nextSid() });
    await svc.sms({ From: phone, To: FROM_NUMBER, Body: 'can a nurse call me please', MessageSid: nextSid() });
    await svc.sender.drain();

    conforms('get', '/api/patients/{id}/checkins', await svc.api().get(`/api/patients/${id}/checkins`));
    const messages = await svc.api().get(`/api/patients/${id}/messages`);
    conforms('get', '/api/patients/{id}/messages', messages);
    expect(messages.body.length).toBeGreaterThan(2);
    conforms('get', '/api/patients/{id}/messages', await svc.api().get('/api/patients/00000000-0000-4000-8000-999999999999/messages'));
    conforms('get', '/api/patients/{id}/schedule', await svc.api().get(`/api/patients/${id}/schedule`));
    const escalations = await svc.api().get(`/api/escalations?patientId=${id}`);
    conforms('get', '/api/escalations', escalations);
    expect(escalations.body.length).toBeGreaterThan(0);
    conforms('get', '/api/escalations', await svc.api().get('/api/escalations?status=weird'));

    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const called = new Set([...seen].map((s) => s.split(' ').slice(0, 2).join(' ')));
    // The staff and report routes (openapi-staff.ts) are checked by their own tests, not called here yet.
    const staffOrReport = /^(get \/api\/patients$|\w+ \/api\/(staff|care-teams|me|exports)|get \/api\/patients\/\{id\}\/summary)/;
    expect(documented.filter((op) => !called.has(op) && !staffOrReport.test(op))).toEqual([]);
    expect([...seen].filter((s) => / (400|401|404|409)$/.test(s)).length).toBeGreaterThanOrEqual(6);
  });
});
