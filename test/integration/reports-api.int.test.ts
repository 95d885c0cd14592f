// The patient list, summaries and the CSV export over the API, with care-team
// and role limits, on seeded history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { issueApiToken } from '../../src/app/staff/accounts.js';
import { serviceAccount } from '../../src/app/staff/principal.js';
import { PATIENT_WEEK_COLUMNS } from '../../src/app/reports/export.js';
import { startTestService, type TestService } from '../support/service.js';
import { seedStaff } from '../support/dashboard-client.js';
import { seedCareTeam, seedPatient, THIRTEEN_WEEKS } from '../support/seed-history.js';

let svc: TestService;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const start = new Date('2025-12-01T12:00:00Z');
const as = (who: string, path: string) => request(svc.app).get(path).set('Authorization', `Bearer ${tokens[who]}`);

beforeAll(async () => {
  svc = await startTestService({ now: '2026-03-02T15:00:00Z' });
  const north = await seedCareTeam(svc.t.db, 'North');
  const south = await seedCareTeam(svc.t.db, 'South');
  const people: [string, string, string | null, number][] = [
    ['Ana Alvarez', '+15555552001', north, 13],
    ['Ben Brown', '+15555552002', north, 4],
    ['Cara Cole', '+15555552003', north, 6],
    ['Dan South', '+15555552004', south, 13],
  ];
  for (const [name, phone, team, weeks] of people) ids[name] = await seedPatient(svc.t.db, { name, phone, careTeamId: team, weeks: THIRTEEN_WEEKS.slice(0, weeks), start });
  await svc.t.db.updateTable('checkins').set({ barrier: '=HYPERLINK("x")' }).where('patient_id', '=', ids['Ben Brown']!).where('week', '=', 1).execute();
  const deps = { db: svc.t.db, clock: svc.clock };
  for (const [who, role] of [['nina', 'nurse'], ['vic', 'viewer']] as const) {
    await seedStaff(svc.t.db, { email: `${who}@clinic.test`, role, teams: [north] });
    tokens[who] = (await issueApiToken(deps, serviceAccount, `${who}@clinic.test`, 'test')).token;
  }
});
afterAll(async () => svc.close());

describe('GET /api/patients', () => {
  it('when a North nurse pages through with limit 2, then every North patient comes once, by label, and nobody else', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await as('nina', `/api/patients?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((p: { name: string }) => p.name));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['Ana Alvarez', 'Ben Brown', 'Cara Cole']);
  });

  it('when filtered by search or status, then only matches come back', async () => {
    expect((await as('nina', '/api/patients?q=brow')).body.items.map((p: { name: string }) => p.name)).toEqual(['Ben Brown']);
    expect((await as('nina', '/api/patients?status=opted_out')).body.items).toEqual([]);
    expect((await svc.api().get('/api/patients?careTeam=South')).body.items.map((p: { name: string }) => p.name)).toEqual(['Dan South']);
  });

  it('when the cursor or a filter is bad, then 400 naming it', async () => {
    const res = await as('nina', '/api/patients?cursor=garbage');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.cursor).toBeDefined();
    expect((await as('nina', '/api/patients?limit=5000')).body.error.fields.limit).toBeDefined();
    expect((await as('nina', '/api/patients?nope=1')).status).toBe(400);
  });
});

describe('GET /api/patients/:id/summary', () => {
  it('when asked for JSON, then the numbers match the seeded weeks', async () => {
    const res = await as('nina', `/api/patients/${ids['Ana Alvarez']}/summary`);
    expect(res.status).toBe(200);
    const answered = THIRTEEN_WEEKS.filter((w) => w.daysDone !== null).map((w) => w.daysDone!);
    expect(res.body).toMatchObject({
      weeks: { from: 1, to: 13 },
      answeredWeeks: answered.length,
      averageDays: Math.round((answered.reduce((a, b) => a + b, 0) / answered.length) * 10) / 10,
      noReplyWeeks: THIRTEEN_WEEKS.length - answered.length,
      confidence: { first: 6, last: 8 },
      setbackWeeks: [3],
      mainBarrier: { name: 'pain flares', weeks: 2 },
    });
  });

  it('when asked for text, then the pasteable sentence comes back', async () => {
    const res = await as('nina', `/api/patients/${ids['Ana Alvarez']}/summary`).set('Accept', 'text/plain');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^Ana Alvarez \(AA-[0-9A-F]+\)\nWeeks 1-13: /);
  });

  it('when the patient is in another team, then 404', async () => {
    expect((await as('nina', `/api/patients/${ids['Dan South']}/summary`)).status).toBe(404);
  });
});

describe('GET /api/exports/patient-weeks.csv', () => {
  it('when a North nurse exports, then one row per North patient-week, formulas defused, and the audit log names her', async () => {
    const res = await as('nina', '/api/exports/patient-weeks.csv').buffer(true).parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString()));
      r.on('end', () => cb(null, data));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...PATIENT_WEEK_COLUMNS]);
    expect(rows.length).toBe(13 + 4 + 6);
    expect(new Set(rows.map((r) => r.care_team))).toEqual(new Set(['North']));
    expect(rows.find((r) => r.patient_id === ids['Ben Brown'] && r.week === '1')!.barrier).toBe(`'=HYPERLINK("x")`);
    const ana = rows.filter((r) => r.patient_id === ids['Ana Alvarez']);
    expect(ana.map((r) => (r.days_done === '' ? null : Number(r.days_done)))).toEqual(THIRTEEN_WEEKS.map((w) => w.daysDone));
    const audit = await svc.t.db.selectFrom('audit_log').select(['actor']).where('action', '=', 'export.patient_weeks').execute();
    expect(audit.map((a) => a.actor)).toEqual(['staff:nina@clinic.test']);
  });

  it('when limited to dates, then only those weeks come', async () => {
    const res = await as('nina', '/api/exports/patient-weeks.csv?from=2025-12-01&to=2025-12-14').buffer(true).parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString()));
      r.on('end', () => cb(null, data));
    });
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(3 * 2);
  });

  it('when a viewer exports, then 403 and nothing is recorded', async () => {
    const before = await svc.t.db.selectFrom('audit_log').select('id').where('action', '=', 'export.patient_weeks').execute();
    const res = await as('vic', '/api/exports/patient-weeks.csv');
    expect(res.status).toBe(403);
    const after = await svc.t.db.selectFrom('audit_log').select('id').where('action', '=', 'export.patient_weeks').execute();
    expect(after.length).toBe(before.length);
  });

  it('when the dates are backwards, then 400', async () => {
    expect((await as('nina', '/api/exports/patient-weeks.csv?from=2026-02-01&to=2026-01-01')).status).toBe(400);
  });
});
