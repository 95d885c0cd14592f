// The dashboard in a real browser: Debian's Chromium driven by playwright-core.
// Signs in, opens the panel, opens a patient with 13 weeks of history and checks
// the chart's bars and the summary against the data, handles an inbox item,
// downloads an export; no console errors; axe-core finds no serious problems.
// Screenshots go to test-artifacts/screenshots (kept by CI, ignored by git).
// Without /usr/bin/chromium this file FAILS (it is never skipped): .ci/run installs it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { seedStaff } from '../support/dashboard-client.js';
import { seedCareTeam, seedPatient, THIRTEEN_WEEKS } from '../support/seed-history.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = 'test-artifacts/screenshots';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let svc: TestService;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let walker: string;
let nurseId: string;
let inboxId: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  mkdirSync(SHOTS, { recursive: true });
  svc = await startTestService({ now: '2026-03-02T15:00:00Z', env: { PUBLIC_URL: 'http://127.0.0.1' } });
  const north = await seedCareTeam(svc.t.db, 'North');
  walker = await seedPatient(svc.t.db, { name: 'Maria Garcia', phone: '+15555553001', careTeamId: north, weeks: THIRTEEN_WEEKS, start: new Date('2025-12-01T12:00:00Z'), messages: 60, openEscalation: { reason: 'asked for a person', urgency: 'routine', at: new Date('2026-03-01T15:00:00Z') } });
  await seedPatient(svc.t.db, { name: 'Quiet Bob', phone: '+15555553002', careTeamId: north, weeks: THIRTEEN_WEEKS.slice(0, 3), start: new Date('2025-12-01T12:00:00Z'), consecutiveNoResponse: 2 });
  nurseId = await seedStaff(svc.t.db, { email: 'nina@clinic.test', role: 'nurse', teams: [north] });
  const message = randomUUID();
  await svc.t.db.insertInto('messages').values({ id: message, patient_id: walker, direction: 'inbound', body: 'my knee is acting up again', author: 'patient', status: 'received', created_at: svc.clock.now(), updated_at: svc.clock.now() }).execute();
  inboxId = (await svc.t.db.insertInto('staff_inbox').values({ patient_id: walker, message_id: message, reason: 'not understood', created_at: svc.clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
  server = await new Promise<Server>((resolve) => {
    const s = svc.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 1366 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation that turns into a download is reported as aborted: that is the export working.
    const download = r.url().includes('/patient-weeks.csv') && r.failure()?.errorText === 'net::ERR_ABORTED';
    if (!download) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await svc?.close();
});

/** axe-core run inside the page; returns the serious and critical violations. */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

describe('the dashboard in Chromium', () => {
  it('when a nurse signs in, then the panel shows who needs outreach', async () => {
    await page.goto(`${base}/dashboard`);
    expect(page.url()).toContain('/dashboard/login');
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sign-in.png`, fullPage: true });
    await page.getByLabel('Email').fill('nina@clinic.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Who needs outreach' }).waitFor();
    expect(await page.locator('[data-reason="no_response"] .n').textContent()).toBe('1');
    expect(await page.locator('[data-reason="escalations"] .n').textContent()).toBe('1');
    expect(await page.locator('[data-reason="inbox"] .n').textContent()).toBe('1');
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/panel.png`, fullPage: true });
  }, 60_000);

  it('when the patient with 13 weeks is opened, then the bars and the summary match the data', async () => {
    await page.locator('#escalations').getByRole('link', { name: 'Maria Garcia' }).click();
    await page.getByRole('heading', { name: /Maria Garcia/ }).waitFor();
    const bars = await page.$$eval('svg.chart rect.bar', (els) => els.map((e) => ({ week: Number(e.getAttribute('data-week')), days: e.getAttribute('data-days'), height: Number(e.getAttribute('height')) })));
    expect(bars.map((b) => [b.week, b.days === '' ? null : Number(b.days)])).toEqual(THIRTEEN_WEEKS.map((w, i) => [i + 1, w.daysDone]));
    // Heights are proportional to days done: the same pixels per day for every bar.
    const perDay = bars.filter((b) => Number(b.days) > 0).map((b) => b.height / Number(b.days));
    for (const r of perDay) expect(r).toBeCloseTo(perDay[0]!, 0);
    expect(bars.filter((b) => b.days === '').every((b) => b.height === 0)).toBe(true);
    const answered = THIRTEEN_WEEKS.filter((w) => w.daysDone !== null).map((w) => w.daysDone!);
    const avg = (answered.reduce((a, b) => a + b, 0) / answered.length).toFixed(1);
    const summary = await page.locator('#summary').textContent();
    expect(summary).toContain(`Weeks 1-13: walk 15 minutes after dinner ${avg} of 5 days on average, rising; confidence 6 → 8`);
    const tableDays = await page.$$eval('#weeks tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
    expect(tableDays).toEqual(THIRTEEN_WEEKS.map((w) => (w.daysDone === null ? '—' : String(w.daysDone))));
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/patient.png`, fullPage: true });
  }, 60_000);

  it('when an inbox item is marked handled, then it leaves the inbox and the database names the nurse', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByText('my knee is acting up again').waitFor();
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });
    await page.getByRole('button', { name: /^Mark handled: the text from MG-/ }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByText('Nothing waiting.').count()).toBe(1);
    const row = await svc.t.db.selectFrom('staff_inbox').select(['status', 'handled_by']).where('id', '=', inboxId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'handled', handled_by: nurseId });
  }, 60_000);

  it('when the escalations page is opened, then the open escalation is listed', async () => {
    await page.getByRole('link', { name: 'Escalations' }).click();
    await page.getByText('asked for a person').first().waitFor();
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/escalations.png`, fullPage: true });
  }, 60_000);

  it('when an export is downloaded, then it has a row per week of the team\'s patients', async () => {
    await page.getByRole('link', { name: 'Export' }).click();
    expect(await seriousViolations()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/export.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^patient_id,label,care_team,cycle,week/);
    expect(lines.length - 1).toBe(THIRTEEN_WEEKS.length + 3);
    const audit = await svc.t.db.selectFrom('audit_log').select('actor').where('action', '=', 'export.patient_weeks').execute();
    expect(audit.map((a) => a.actor)).toEqual(['staff:nina@clinic.test']);
  }, 60_000);

  it('when every page has been visited, then the browser reported no errors', () => {
    expect(problems).toEqual([]);
  });
});
