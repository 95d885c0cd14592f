// Sign-in through a real OpenID provider (oidc-provider) on loopback, end to
// end in Chromium: careloop's login page -> the provider's login and consent ->
// the callback (code + PKCE + state + nonce checked by openid-client) -> the
// panel. A person with no careloop staff account is refused.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { seedStaff } from '../support/dashboard-client.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CLIENT = { id: 'careloop', secret: 'careloop-test-client-secret' };

let svc: TestService;
let app: Server;
let op: Server;
let browser: Browser;
let appUrl: string;
let opPort: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  const appPort = await freePort();
  opPort = await freePort();
  appUrl = `http://127.0.0.1:${appPort}`;
  const issuer = `http://127.0.0.1:${opPort}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [`${appUrl}/dashboard/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  op = createServer(provider.callback());
  await new Promise<void>((resolve) => op.listen(opPort, '127.0.0.1', resolve));
  svc = await startTestService({ env: { PUBLIC_URL: appUrl, OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret } });
  await seedStaff(svc.t.db, { email: 'olga@clinic.test', role: 'nurse', teams: [] });
  app = await new Promise<Server>((resolve) => {
    const s = svc.app.listen(appPort, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const s of [app, op]) if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  await svc?.close();
});

async function signInAtProvider(login: string): Promise<Page> {
  const context = await browser.newContext();
  // The provider's development pages link a web font: the closed network has none.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${appUrl}/dashboard`);
  await page.getByRole('link', { name: 'Sign in with your clinic account' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Back at careloop: the panel after the callback's redirect, or the callback's refusal.
  await page.waitForURL((u) => u.port === new URL(appUrl).port);
  return page;
}

describe('sign-in with the clinic\'s OpenID provider', () => {
  it('when a staff member signs in at the provider, then they land on the panel, linked by subject and audited', async () => {
    const page = await signInAtProvider('olga@clinic.test');
    await page.getByRole('heading', { name: 'Who needs outreach' }).waitFor();
    expect(await page.getByText('olga (nurse)').count()).toBe(1);
    const staff = await svc.t.db.selectFrom('staff').select('oidc_subject').where('email', '=', 'olga@clinic.test').executeTakeFirstOrThrow();
    expect(staff.oidc_subject).toBe(`${new URL(appUrl).protocol}//127.0.0.1:${opPort}|olga@clinic.test`);
    const audit = await svc.t.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'staff.signed_in').execute();
    expect(audit).toEqual([{ actor: 'staff:olga@clinic.test', details: { method: 'oidc' } }]);
    await page.context().close();
  }, 90_000);

  it('when someone without a careloop account signs in at the provider, then careloop refuses and no session is made', async () => {
    const page = await signInAtProvider('stranger@clinic.test');
    expect(await page.getByText('There is no careloop staff account for your clinic account').count()).toBe(1);
    await page.goto(`${appUrl}/dashboard`);
    expect(page.url()).toContain('/dashboard/login');
    await page.context().close();
  }, 90_000);
});
