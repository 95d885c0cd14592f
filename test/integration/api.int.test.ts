// The care-team REST API over HTTP on a real database.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { newPatient, nextSid, startTestService, FROM_NUMBER, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let fake: TwilioFake;
let n = 400;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());
afterEach(() => fake?.done());

const phone = () => `+1555558${String(n++).padStart(4, '0')}`;

describe('authentication', () => {
  it('when the bearer token is missing or wrong, then 401 with a code', async () => {
    expect((await request(svc.app).get('/api/escalations')).status).toBe(401);
    const res = await request(svc.app).get('/api/escalations').set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('POST /api/patients', () => {
  it.each([
    ['a phone that is not E.164', { phone: '555-1234' }, 'phone'],
    ['an unknown timezone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['daysPerWeek outside 1-7', { plan: { action: 'walk', daysPerWeek: 9, confidence: 5 } }, 'plan.daysPerWeek'],
    ['confidence outside 0-10', { plan: { action: 'walk', daysPerWeek: 3, confidence: 11 } }, 'plan.confidence'],
    ['a bad weekday', { checkin: { weekday: 'funday', time: '18:00' } }, 'checkin.weekday'],
    ['a bad time', { checkin: { weekday: 'monday', time: '25:00' } }, 'checkin.time'],
    ['a plan of 41 characters (texts would overflow 2 SMS)', { plan: { action: 'walk for 10 minutes after dinner outside!', daysPerWeek: 3, confidence: 7 } }, 'plan.action'],
    ['a plan whose emoji make it longer than 40', { plan: { action: `walk ${'🚶'.repeat(18)}`, daysPerWeek: 3, confidence: 7 } }, 'plan.action'],
  ])('when the body has %s, then 400 naming the field', async (_name, override, field) => {
    const res = await svc.api().post('/api/patients', newPatient({ phone: phone(), ...override }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('when the plan is too long for the texts, then 400 saying how long it may be', async () => {
    const res = await svc.api().post('/api/patients', newPatient({ phone: phone(), plan: { action: 'x'.repeat(41), daysPerWeek: 3, confidence: 7 } }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields['plan.action']).toMatch(/at most 40 characters.*2 SMS/);
  });

  it('when the JSON is malformed, then 400, not 500', async () => {
    const res = await request(svc.app).post('/api/patients').set('Authorization', 'Bearer test-api-token-0123456789').set('Content-Type', 'application/json').send('{"phone":');
    expect(res.status).toBe(400);
  });

  it('when the phone is already enrolled, then 409', async () => {
    fake = fakeTwilio();
    const p = phone();
    expect((await svc.api().post('/api/patients', newPatient({ phone: p }))).status).toBe(201);
    const res = await svc.api().post('/api/patients', newPatient({ phone: p }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('when consent is pending, then the enrollment dialogue starts and the patient waits for YES', async () => {
    fake = fakeTwilio();
    const p = phone();
    const res = await svc.api().post('/api/patients', newPatient({ phone: p, consent: 'pending', language: 'es' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_consent', label: expect.stringMatching(/^MG-[0-9A-F]{8}$/), plan: { daysPerWeek: 5, version: 1 } });
    await svc.sender.drain();
    expect(fake.to(p).length).toBeGreaterThan(0);
    expect(fake.to(p).join(' ')).toMatch(/SI|SÍ|YES/);
  });
});

describe('a patient through the API', () => {
  it('when fetched, changed, paused, resumed and checked in, then every route answers as documented', async () => {
    fake = fakeTwilio();
    const p = phone();
    const { body: created } = await svc.api().post('/api/patients', newPatient({ phone: p }));
    const id = created.id as string;
    expect((await svc.api().get(`/api/patients/${id}`)).body).toMatchObject({ id, status: 'active', plan: { action: 'walk 10 minutes after dinner' } });
    expect((await svc.api().get('/api/patients/00000000-0000-4000-8000-999999999999')).status).toBe(404);
    expect((await svc.api().get('/api/patients/not-an-id')).status).toBe(404);

    const changed = await svc.api().patch(`/api/patients/${id}`, { plan: { daysPerWeek: 3 }, checkin: { weekday: 'friday', time: '09:30' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ plan: { daysPerWeek: 3, version: 2 }, checkin: { weekday: 'friday', time: '09:30' } });
    expect((await svc.api().patch(`/api/patients/${id}`, { status: 'paused' })).body.status).toBe('paused');
    expect((await svc.api().post(`/api/patients/${id}/checkins`)).status).toBe(409);
    expect((await svc.api().patch(`/api/patients/${id}`, { status: 'active' })).body.status).toBe('active');
    expect((await svc.api().patch(`/api/patients/${id}`, { favouriteColour: 'blue' })).status).toBe(400);

    expect((await svc.api().post(`/api/patients/${id}/checkins`)).status).toBe(202);
    await svc.sms({ From: p, To: FROM_NUMBER, Body: '2', MessageSid: nextSid() });
    const checkins = await svc.api().get(`/api/patients/${id}/checkins`);
    expect(checkins.body[0]).toMatchObject({ daysDone: 2, daysTarget: 3, status: 'in_progress' });

    const messages = (await svc.api().get(`/api/patients/${id}/messages`)).body as { direction: string; createdAt: string }[];
    expect(messages.map((m) => m.direction)).toContain('inbound');
    expect([...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt))).toEqual(messages);
  });

  it('when texts are read a page at a time, then they come newest first in the order written, with a next link until the last page', async () => {
    fake = fakeTwilio();
    const p = phone();
    const { body } = await svc.api().post('/api/patients', newPatient({ phone: p }));
    const id = body.id as string;
    await svc.api().post(`/api/patients/${id}/checkins`);
    // "0" is answered with several texts written in one transaction, at the same instant.
    await svc.sms({ From: p, To: FROM_NUMBER, Body: '0', MessageSid: nextSid() });
    type Item = { cursor: string; body: string; createdAt: string };
    const all = (await svc.api().get(`/api/patients/${id}/messages?limit=200`)).body as Item[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const cursors = all.map((m) => BigInt(m.cursor));
    expect([...cursors].sort((a, b) => (a > b ? -1 : 1))).toEqual(cursors);
    const written = await svc.t.db.selectFrom('messages').select(['body']).where('patient_id', '=', id).orderBy('seq', 'desc').execute();
    expect(all.map((m) => m.body)).toEqual(written.map((m) => m.body));
    const sameInstant = all.filter((m) => m.createdAt === all[0]!.createdAt);
    expect(sameInstant.length).toBeGreaterThan(1);

    const pages: Item[][] = [];
    let next: string | undefined = `/api/patients/${id}/messages?limit=2`;
    while (next) {
      const res = await svc.api().get(next);
      expect(res.status).toBe(200);
      pages.push(res.body as Item[]);
      next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1];
    }
    expect(pages.flat()).toEqual(all);
    expect(pages.slice(0, -1).every((page) => page.length === 2)).toBe(true);
    expect((await svc.api().get(`/api/patients/${id}/messages?limit=0`)).status).toBe(400);
    expect((await svc.api().get(`/api/patients/${id}/messages?before=abc`)).status).toBe(400);
  });

  it('when a patient asks for a person, then GET /api/escalations lists it and filters work', async () => {
    fake = fakeTwilio();
    const p = phone();
    const { body } = await svc.api().post('/api/patients', newPatient({ phone: p }));
    await svc.sms({ From: p, To: FROM_NUMBER, Body: 'can a nurse call me please', MessageSid: nextSid() });
    const list = await svc.api().get(`/api/escalations?status=open&patientId=${body.id}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ patientId: body.id, urgency: 'routine', status: 'open' })]);
    expect((await svc.api().get('/api/escalations?status=weird')).status).toBe(400);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents exactly the routes the API serves', async () => {
    const doc = (await request(svc.app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
    const stack = (svc.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const served = stack
      .flatMap((layer) => layer.handle?.stack ?? [])
      .filter((layer) => layer.route?.path.startsWith('/api/') && layer.route.path !== '/api/openapi.json')
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
      .sort();
    expect(served.length).toBeGreaterThan(5);
    expect(documented).toEqual(served);
  });
});
