// The dashboard over HTTP: sign-in with CSRF and cookies, the panel, a
// patient's page, and care-team and role limits. (The browser test drives the
// same pages in Chromium.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addStaff } from '../../src/app/staff/accounts.js';
import { serviceAccount } from '../../src/app/staff/principal.js';
import { CSP } from '../../src/adapters/http/dashboard/session.js';
import { startTestService, type TestService } from '../support/service.js';
import { cookieOf, csrfOf, seedStaff, signIn, type DashboardSession } from '../support/dashboard-client.js';
import { seedCareTeam, seedPatient, THIRTEEN_WEEKS } from '../support/seed-history.js';

let svc: TestService;
let north: string;
let walker: string;
let southPatient: string;
let nina: DashboardSession;
const start = new Date('2025-12-01T12:00:00Z');

beforeAll(async () => {
  svc = await startTestService({ now: '2026-03-02T15:00:00Z' });
  north = await seedCareTeam(svc.t.db, 'North');
  const south = await seedCareTeam(svc.t.db, 'South');
  walker = await seedPatient(svc.t.db, { name: 'Maria Garcia', phone: '+15555551001', careTeamId: north, weeks: THIRTEEN_WEEKS, start, messages: 120, openEscalation: { reason: 'asked for a person', urgency: 'routine', at: new Date('2026-03-01T15:00:00Z') } });
  await seedPatient(svc.t.db, { name: 'Quiet <b>Bob</b>', phone: '+15555551002', careTeamId: north, weeks: THIRTEEN_WEEKS.slice(0, 4), start, consecutiveNoResponse: 3, failedText: { code: '30006', at: new Date('2026-02-27T15:00:00Z') } });
  southPatient = await seedPatient(svc.t.db, { name: 'Sofia South', phone: '+15555551003', careTeamId: south, weeks: THIRTEEN_WEEKS, start, consecutiveNoResponse: 2 });
  await seedStaff(svc.t.db, { email: 'nina@clinic.test', role: 'nurse', teams: [north] });
  await seedStaff(svc.t.db, { email: 'vic@clinic.test', role: 'viewer', teams: [north] });
  nina = await signIn(svc.app, 'nina@clinic.test');
});
afterAll(async () => svc.close());

describe('signing in', () => {
  it('when signed out, then a page redirects to the sign-in form and keeps where to return', async () => {
    const res = await request(svc.app).get('/dashboard/escalations');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dashboard/login?next=%2Fdashboard%2Fescalations');
  });

  it('when the sign-in form is served, then a strict CSP and an HttpOnly, SameSite=Lax, Secure cookie come with it', async () => {
    const res = await request(svc.app).get('/dashboard/login');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(CSP).not.toMatch(/unsafe|script-src|\*/);
    const raw = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).toMatch(/Secure/);
    expect(csrfOf(res.text)).toHaveLength(43);
  });

  it('when a form is posted without the CSRF token or with another session\'s, then 403 and nothing happens', async () => {
    const form = await request(svc.app).get('/dashboard/login');
    const res = await request(svc.app).post('/dashboard/login').set('Cookie', cookieOf(form)).type('form').send({ email: 'nina@clinic.test', password: 'correct horse battery' });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    const logout = await request(svc.app).post('/dashboard/logout').set('Cookie', nina.cookie).type('form').send({ _csrf: csrfOf(form.text) });
    expect(logout.status).toBe(403);
    expect((await nina.get('/dashboard')).status).toBe(200);
  });

  it('when the password is wrong, then the form says so with 401', async () => {
    const form = await request(svc.app).get('/dashboard/login');
    const res = await request(svc.app).post('/dashboard/login').set('Cookie', cookieOf(form)).type('form').send({ _csrf: csrfOf(form.text), email: 'nina@clinic.test', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('the email or password is not right');
  });

  it('when a member signs in with a one-time password, then they must choose a new one first', async () => {
    const { oneTimePassword } = await addStaff({ db: svc.t.db, clock: svc.clock }, serviceAccount, { email: 'new@clinic.test', name: 'New', role: 'nurse', careTeams: ['North'] });
    const form = await request(svc.app).get('/dashboard/login');
    const res = await request(svc.app).post('/dashboard/login').set('Cookie', cookieOf(form)).type('form').send({ _csrf: csrfOf(form.text), email: 'new@clinic.test', password: oneTimePassword });
    expect(res.headers.location).toBe('/dashboard/password');
    const cookie = cookieOf(res);
    expect((await request(svc.app).get('/dashboard').set('Cookie', cookie)).headers.location).toBe('/dashboard/password');
    const pw = await request(svc.app).get('/dashboard/password').set('Cookie', cookie);
    const short = await request(svc.app).post('/dashboard/password').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(pw.text), password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    const ok = await request(svc.app).post('/dashboard/password').set('Cookie', cookie).type('form').send({ _csrf: csrfOf(pw.text), password: 'a much longer secret', confirm: 'a much longer secret' });
    expect(ok.headers.location).toBe('/dashboard');
    expect((await request(svc.app).get('/dashboard').set('Cookie', cookie)).status).toBe(200);
  });
});

describe('the panel', () => {
  it('when a North nurse opens it, then North\'s patients are counted and listed, and South\'s are not', async () => {
    const res = await nina.get('/dashboard');
    expect(res.status).toBe(200);
    const count = (key: string) => Number(new RegExp(`data-reason="${key}"><span class="n">(\\d+)</span>`).exec(res.text)?.[1]);
    expect(count('no_response')).toBe(1);
    expect(count('escalations')).toBe(1);
    expect(count('delivery')).toBe(1);
    expect(res.text).toContain('landline or unreachable carrier');
    expect(res.text).not.toContain('Sofia South');
    expect(res.text).toContain('Quiet &lt;b&gt;Bob&lt;/b&gt;');
    expect(res.text).not.toContain('<b>Bob</b>');
  });

  it('when searching by name, then only matching patients are listed', async () => {
    const res = await nina.get('/dashboard?q=garcia');
    expect(res.text).toContain('Maria Garcia');
    expect(res.text).not.toContain('Quiet &lt;b&gt;');
  });

  it('when a viewer opens it, then there is no export link', async () => {
    const vic = await signIn(svc.app, 'vic@clinic.test');
    const res = await vic.get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('patient-weeks.csv');
    expect((await nina.get('/dashboard')).text).toContain('patient-weeks.csv');
  });
});

describe('a patient\'s page', () => {
  it('when opened, then the chart has a bar per week with the days done', async () => {
    const res = await nina.get(`/dashboard/patients/${walker}`);
    expect(res.status).toBe(200);
    const bars = [...res.text.matchAll(/<rect class="bar[^"]*" data-week="(\d+)" data-days="(\d*)"/g)].map((m) => [Number(m[1]), m[2] === '' ? null : Number(m[2])]);
    expect(bars).toEqual(THIRTEEN_WEEKS.map((w, i) => [i + 1, w.daysDone]));
  });

  it('when the summary is asked for as text, then it gives the weeks, the average and the confidence change', async () => {
    const res = await nina.get(`/dashboard/patients/${walker}/summary.txt`);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const answered = THIRTEEN_WEEKS.filter((w) => w.daysDone !== null).map((w) => w.daysDone!);
    const avg = (answered.reduce((a, b) => a + b, 0) / answered.length).toFixed(1);
    expect(res.text).toContain(`Weeks 1-13: walk 15 minutes after dinner ${avg} of 5 days on average, rising; confidence 6 → 8; main barrier: pain flares, 2 weeks; one setback in week 3; no reply in 1 week.`);
  });

  it('when the transcript has more than a page, then it is paginated', async () => {
    const first = await nina.get(`/dashboard/patients/${walker}`);
    expect(first.text).toContain('Page 1 of 3 (120 texts)');
    expect(first.text).toContain('question 118');
    const third = await nina.get(`/dashboard/patients/${walker}?page=3`);
    expect(third.text).toContain('question 0');
    expect(third.text).not.toContain('question 118');
  });

  it('when a North nurse opens a South patient, then not found', async () => {
    const res = await nina.get(`/dashboard/patients/${southPatient}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Sofia');
    expect((await nina.get(`/dashboard/patients/${southPatient}/summary.txt`)).status).toBe(404);
  });
});

describe('escalations', () => {
  it('when opened, then the member\'s open escalations are listed with their age', async () => {
    const res = await nina.get('/dashboard/escalations?status=open');
    expect(res.status).toBe(200);
    expect(res.text).toContain('asked for a person');
    expect(res.text).toContain('(24 h ago)');
  });
});
