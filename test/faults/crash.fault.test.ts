// kill -9 of a real `careloop serve` child process while it is sending, then
// a restart on the same PostgreSQL: every text reaches the (loopback, fake)
// Twilio exactly once. Slow by nature (process starts, lease expiry), so it
// runs in `npm run test:faults` (called by .ci/run), not in `npm test`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ACCOUNT_SID, API_TOKEN, AUTH_TOKEN, FROM_NUMBER, newPatient, startTestService } from '../support/service.js';
import { startLoopbackTwilio, type LoopbackTwilio } from '../support/twilio-loopback.js';

const PATIENTS = 30;
/** The child is killed when Twilio has taken this many texts (and before it answers). */
const KILL_AT = [4, 12, 21];

let t: TestDatabase;
let twilio: LoopbackTwilio;
let dataDir: string;
const phones: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase({ max: 3 });
  twilio = await startLoopbackTwilio({ now: () => new Date() });
  dataDir = await mkdtemp(join(tmpdir(), 'careloop-crash-'));
  // Queue one welcome text per patient without sending anything: no loops run in this process.
  const seeding = await startTestService({ db: t, env: { QUIET_HOURS: 'off' } });
  for (let i = 0; i < PATIENTS; i += 1) {
    const phone = `+1555553${String(i).padStart(4, '0')}`;
    const res = await seeding.api().post('/api/patients', newPatient({ phone }));
    expect(res.status).toBe(201);
    phones.push(phone);
  }
  await seeding.close();
});
afterAll(async () => {
  await twilio?.close();
  await t?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function serve(): ChildProcess {
  return spawn(process.execPath, ['bin/careloop.js', 'serve'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      DATA_DIR: dataDir,
      DATABASE_URL: t.url,
      API_TOKEN,
      PUBLIC_URL: 'https://careloop.test',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: FROM_NUMBER,
      TWILIO_API_BASE_URL: twilio.url,
      SMS_RATE_PER_SECOND: '20',
      SMS_SEND_TIMEOUT_SECONDS: '0.5',
      QUIET_HOURS: 'off',
      SCHEDULER_ENABLED: 'false',
    },
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function unfinished(): Promise<number> {
  const row = await t.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('direction', '=', 'outbound')
    .where('status', 'in', ['queued', 'deferred', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('kill -9 during sends', () => {
  it('when careloop serve is killed three times while Twilio takes texts, then after restarts every text went out exactly once', { timeout: 150_000 }, async () => {
    for (const at of KILL_AT) {
      const child = serve();
      twilio.onAccept((_text, count) => {
        if (count === at) child.kill('SIGKILL');
      });
      expect(await until(async () => child.signalCode !== null || child.exitCode !== null, 60_000)).toBe(true);
      expect(child.signalCode).toBe('SIGKILL');
      await exited(child);
    }
    twilio.onAccept(null);
    const last = serve();
    try {
      expect(await until(async () => (await unfinished()) === 0, 60_000)).toBe(true);
    } finally {
      last.kill('SIGTERM');
      await exited(last);
    }

    const texts = await t.db.selectFrom('messages').innerJoin('patients', 'patients.id', 'messages.patient_id').select(['patients.phone', 'messages.body', 'messages.status']).where('direction', '=', 'outbound').execute();
    expect(texts.length).toBeGreaterThanOrEqual(PATIENTS);
    const copies = texts.map((m) => ({ phone: m.phone, copies: twilio.copies(m.phone, m.body), status: m.status }));
    expect(copies.filter((c) => c.copies !== 1 || c.status !== 'sent')).toEqual([]);
    expect(new Set(texts.map((m) => m.phone))).toEqual(new Set(phones));
  });
});
