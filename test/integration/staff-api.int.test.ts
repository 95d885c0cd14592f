// Named staff over the API: roles, care-team limits, per-staff tokens, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { listAudit } from '../../src/adapters/db/repositories/audit.js';
import { API_TOKEN, newPatient, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

let svc: TestService;
let fake: TwilioFake;
const tokens: Record<string, string> = {};

const as = (who: string) => ({
  get: (path: string) => request(svc.app).get(path).set('Authorization', `Bearer ${tokens[who]}`),
  post: (path: string, body: object = {}) => request(svc.app).post(path).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  patch: (path: string, body: object) => request(svc.app).patch(path).set('Authorization', `Bearer ${tokens[who]}`).send(body),
});

beforeAll(async () => {
  svc = await startTestService();
  fake = fakeTwilio();
  for (const name of ['North', 'South']) expect((await svc.api().post('/api/care-teams', { name })).status).toBe(201);
  const people = [
    { email: 'nina@clinic.test', name: 'Nina North', role: 'nurse', careTeams: ['North'] },
    { email: 'sam@clinic.test', name: 'Sam South', role: 'nurse', careTeams: ['South'] },
    { email: 'vic@clinic.test', name: 'Vic Viewer', role: 'viewer', careTeams: ['North'] },
  ];
  for (const p of people) {
    const res = await svc.api().post('/api/staff', p);
    expect(res.status).toBe(201);
    expect(res.body.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const tok = await svc.api().post(`/api/staff/${p.email}/tokens`, { name: 'test' });
    expect(tok.status).toBe(201);
    tokens[p.email.split('@')[0]!] = tok.body.token;
  }
});
afterAll(async () => {
  fake.done();
  await svc.close();
});

describe('per-staff API tokens', () => {
  it('when a member calls with their token, then the API knows who they are', async () => {
    const res = await as('nina').get('/api/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'nina@clinic.test', role: 'nurse', actor: 'staff:nina@clinic.test' });
  });

  it('when a token is stored, then only its hash is in the database', async () => {
    const rows = await svc.t.db.selectFrom('staff_api_tokens').select('token_hash').execute();
    expect(rows.length).toBe(3);
    for (const row of rows) expect(Object.values(tokens)).not.toContain(row.token_hash);
  });

  it('when a token is made up, then 401', async () => {
    const res = await request(svc.app).get('/api/me').set('Authorization', 'Bearer clt_not-a-real-token');
    expect(res.status).toBe(401);
  });
});

describe('roles and care teams', () => {
  let northPatient: string;
  let southPatient: string;

  beforeAll(async () => {
    const north = await as('nina').post('/api/patients', newPatient({ phone: '+15555557001', careTeam: 'North' }));
    expect(north.status).toBe(201);
    northPatient = north.body.id;
    const south = await svc.api().post('/api/patients', newPatient({ phone: '+15555557002', name: 'Ana Lopez', careTeam: 'South' }));
    expect(south.status).toBe(201);
    southPatient = south.body.id;
  });

  it('when a nurse enrolls a patient, then the audit log names the nurse', async () => {
    const audit = await listAudit(svc.t.db, northPatient);
    expect(audit.find((a) => a.action === 'patient.enrolled')?.actor).toBe('staff:nina@clinic.test');
  });

  it('when a nurse of one team asks for another team\'s patient, then it is not found', async () => {
    expect((await as('nina').get(`/api/patients/${southPatient}`)).status).toBe(404);
    expect((await as('sam').get(`/api/patients/${southPatient}`)).status).toBe(200);
    expect((await as('sam').patch(`/api/patients/${northPatient}`, { status: 'paused' })).status).toBe(404);
  });

  it('when a nurse enrolls into a team they are not in, then 400 and nobody is enrolled', async () => {
    const res = await as('nina').post('/api/patients', newPatient({ phone: '+15555557003', careTeam: 'South' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.careTeam).toBeDefined();
    expect(await svc.t.db.selectFrom('patients').select('id').where('phone', '=', '+15555557003').executeTakeFirst()).toBeUndefined();
  });

  it('when a viewer tries to change a patient, then 403; reading is allowed', async () => {
    expect((await as('vic').get(`/api/patients/${northPatient}`)).status).toBe(200);
    const res = await as('vic').patch(`/api/patients/${northPatient}`, { status: 'paused' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await as('vic').post(`/api/patients/${northPatient}/checkins`)).status).toBe(403);
  });

  it('when a nurse lists staff or creates a team, then 403', async () => {
    expect((await as('nina').get('/api/staff')).status).toBe(403);
    expect((await as('nina').post('/api/care-teams', { name: 'East' })).status).toBe(403);
  });

  it('when escalations are listed, then only the member\'s teams appear', async () => {
    const now = svc.clock.now();
    for (const patient_id of [northPatient, southPatient]) {
      await svc.t.db.insertInto('escalations').values({ id: randomUUID(), patient_id, urgency: 'routine', reason: 'asked for a person', status: 'open', created_at: now, updated_at: now }).execute();
    }
    const ids = (res: request.Response) => (res.body as { patientId: string }[]).map((e) => e.patientId);
    expect(ids(await as('nina').get('/api/escalations'))).toEqual([northPatient]);
    expect(new Set(ids(await svc.api().get('/api/escalations')))).toEqual(new Set([northPatient, southPatient]));
  });
});

describe('managing staff', () => {
  it('when a member is assigned to a second team, then they see its patients', async () => {
    const res = await svc.api().post('/api/care-teams/South/members', { staff: 'vic@clinic.test' });
    expect(res.status).toBe(200);
    expect(res.body.careTeams).toEqual(['North', 'South']);
  });

  it('when a Slack user is linked, then the member shows it; linking the same Slack user to another member is refused', async () => {
    const res = await request(svc.app).put('/api/staff/vic@clinic.test/slack').set('Authorization', `Bearer ${API_TOKEN}`).send({ slackUserId: 'U0VIC' });
    expect(res.status).toBe(200);
    expect(res.body.slackUserId).toBe('U0VIC');
    const again = await request(svc.app).put('/api/staff/nina@clinic.test/slack').set('Authorization', `Bearer ${API_TOKEN}`).send({ slackUserId: 'U0VIC' });
    expect(again.status).toBe(409);
    expect((await request(svc.app).put('/api/staff/vic@clinic.test/slack').set('Authorization', `Bearer ${API_TOKEN}`).send({ slackUserId: 'not-an-id' })).status).toBe(400);
  });

  it('when an email is taken, then 409; when a role is unknown, then 400', async () => {
    expect((await svc.api().post('/api/staff', { email: 'nina@clinic.test', name: 'Again', role: 'nurse' })).status).toBe(409);
    const bad = await svc.api().post('/api/staff', { email: 'x@clinic.test', name: 'X', role: 'doctor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.role).toBeDefined();
  });

  it('when a member is disabled, then their token stops working and the audit log says who did it', async () => {
    expect((await svc.api().post('/api/staff/sam@clinic.test/disable')).status).toBe(200);
    expect((await as('sam').get('/api/me')).status).toBe(401);
    const row = await svc.t.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'staff.disabled').executeTakeFirstOrThrow();
    expect(row.actor).toBe('api');
    expect(row.details).toMatchObject({ email: 'sam@clinic.test' });
  });
});
