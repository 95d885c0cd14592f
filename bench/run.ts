// `npm run bench`: careloop against a minimal express baseline on a real
// PostgreSQL, load from a separate process, all on loopback. Bounded: each
// part has a time budget and reports what it did within it. Prints the
// issue-15 table and writes JSON (bench/results/latest.json, or BENCH_OUT).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDatabase } from '../src/adapters/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/adapters/db/embedded-postgres.js';
import { migrateToLatest } from '../src/adapters/db/migrator.js';
import { createBenchDatabase, dropBenchDatabase, patientPhone, seedDuePatients } from './db.js';
import { GROUP, ipcClient, type ServerStats } from './shared.js';
import { printTable, type BenchResult, type LoadSummary } from './report.js';
import type { Webhook } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const FREE_TEXT = 'I was too tired after work most days and my knee hurt when I walked, maybe next week';
const TEXTS = ['4', '8', FREE_TEXT];
const FANOUT_BUDGET_MS = Number(env.BENCH_FANOUT_BUDGET_MS ?? 90_000);
const RATE = 200;
const RATE_SECONDS = Number(env.BENCH_RATE_SECONDS ?? 10);
const CLOSED_REQUESTS = Number(env.BENCH_CLOSED_REQUESTS ?? 1200);

type Call = ReturnType<typeof ipcClient>;

async function child(file: string, args: string[], extraEnv: Record<string, string>): Promise<{ call: Call; proc: ChildProcess }> {
  const proc = fork(join(here, file), args, { execArgv: ['--import', 'tsx'], env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolveReady, reject) => {
    proc.once('message', () => resolveReady());
    proc.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { call: ipcClient(proc), proc };
}

const hooksFor = (group: number, from: number, n: number, texts = TEXTS): Webhook[] =>
  Array.from({ length: n }, (_, i) => ({ From: patientPhone(group, from + i), Body: texts[(from + i) % texts.length]! }));

async function main(): Promise<void> {
  const started = Date.now();
  let embedded: EmbeddedServer | null = null;
  let pgDir: string | null = null;
  let adminUrl = env.BENCH_DATABASE_URL ?? env.DATABASE_URL;
  if (!adminUrl) {
    pgDir = mkdtempSync(join(tmpdir(), 'careloop-bench-pg-'));
    embedded = await startEmbeddedPostgres(pgDir);
    adminUrl = embedded.url('postgres');
  }
  const dbName = `careloop_bench_${process.pid}`;
  const url = await createBenchDatabase(adminUrl, dbName);
  const setupDb = connectDatabase(url, { max: 2 });
  const result: Partial<BenchResult> = { startedAt: new Date(started).toISOString(), database: embedded ? 'embedded PostgreSQL' : new URL(adminUrl).host, node: process.version };
  const children: ChildProcess[] = [];
  try {
    await migrateToLatest(setupDb);
    const serverVersion = await setupDb.selectNoFrom((eb) => eb.fn<string>('version').as('v')).executeTakeFirstOrThrow();
    result.postgres = serverVersion.v.split(' ').slice(0, 2).join(' ');
    const load = await child('load.ts', [], {});
    children.push(load.proc);
    const { base: twilioBase } = await load.call<{ base: string }>('twilioStart', { latencyMs: 100 });
    const careloop = await child('server.ts', ['careloop'], { BENCH_DB_URL: url });
    const baseline = await child('server.ts', ['baseline'], { BENCH_DB_URL: url });
    children.push(careloop.proc, baseline.proc);
    const { port: cPort } = await careloop.call<{ port: number }>('listen', { twilioBase });
    const { port: bPort } = await baseline.call<{ port: number }>('listen', { twilioBase });
    const stats = (c: Call) => c<ServerStats>('stats');

    // Fan-out of 10,000: these patients are then the inbound population.
    const fanout: BenchResult['fanout'] = [];
    const runFanout = async (group: number, n: number) => {
      const t0 = performance.now();
      await seedDuePatients(setupDb, group, n, new Date(Date.now() - 30_000));
      const seedMs = performance.now() - t0;
      const r = await careloop.call<BenchResult['fanout'][number]>('fanout', { group, n, budgetMs: FANOUT_BUDGET_MS });
      fanout.push({ ...r, seedMs });
      console.error(`fan-out ${n}: ${r.started} started in ${(r.ms / 1000).toFixed(1)} s (${r.ticks} runs)`);
      return r;
    };
    const f10 = await runFanout(GROUP.fanout10k, 10_000);

    // Inbound: careloop on patients [0, 5000), the baseline on [5000, 10000) of the same group.
    const inbound: BenchResult['inbound'] = {} as BenchResult['inbound'];
    const g = GROUP.fanout10k;
    for (const [name, call, port, offset] of [['careloop', careloop.call, cPort, 0], ['baseline', baseline.call, bPort, 5000]] as const) {
      let at = offset;
      const take = (n: number) => {
        const hooks = hooksFor(g, at, n);
        at += n;
        return hooks;
      };
      await load.call('closed', { port, concurrency: 8, hooks: take(100) });
      const phase = async (cmd: 'closed' | 'open', args: Record<string, unknown>, n: number) => {
        const s0 = await stats(call);
        const r = await load.call<Omit<LoadSummary, "cpuMsPerText" | "roundTripsPerText" | "transactionsPerText"> & { offered?: number }>(cmd, { port, hooks: take(n), ...args });
        const s1 = await stats(call);
        return { ...r, cpuMsPerText: (s1.cpuMicros - s0.cpuMicros) / 1000 / n, roundTripsPerText: (s1.roundTrips - s0.roundTrips) / n, transactionsPerText: (s1.transactions - s0.transactions) / n };
      };
      const c16 = await phase('closed', { concurrency: 16 }, CLOSED_REQUESTS);
      const c64 = await phase('closed', { concurrency: 64 }, CLOSED_REQUESTS);
      const open = await phase('open', { rate: RATE }, RATE * RATE_SECONDS);
      // Round trips per kind of text: 30 patients, one text at a time, "4" then "8" then free text.
      const kinds: Record<string, { roundTrips: number; transactions: number; cpuMs: number }> = {};
      const patients = take(30).map((h) => h.From);
      for (const body of TEXTS) {
        const s0 = await stats(call);
        await load.call('closed', { port, concurrency: 1, hooks: patients.map((From) => ({ From, Body: body })) });
        const s1 = await stats(call);
        kinds[body === FREE_TEXT ? 'free text' : `"${body}"`] = { roundTrips: (s1.roundTrips - s0.roundTrips) / 30, transactions: (s1.transactions - s0.transactions) / 30, cpuMs: (s1.cpuMicros - s0.cpuMicros) / 1000 / 30 };
      }
      inbound[name] = { c16, c64, open, kinds } as BenchResult['inbound']['careloop'];
      console.error(`inbound ${name}: ${c16.perSecond.toFixed(1)} / ${c64.perSecond.toFixed(1)} req/s; p99 at ${RATE}/s ${open.p99.toFixed(0)} ms`);
    }

    // Larger fan-outs while they fit the budget.
    const per = f10.ms / Math.max(1, f10.started);
    if (f10.complete && per * 30_000 < FANOUT_BUDGET_MS) {
      const f30 = await runFanout(GROUP.fanout30k, 30_000);
      if (f30.complete && (f30.ms / f30.started) * 100_000 < FANOUT_BUDGET_MS) await runFanout(GROUP.fanout100k, 100_000);
    }
    result.fanout = fanout;
    result.inbound = inbound;

    // Sender against the fake Twilio (100 ms per request).
    await seedDuePatients(setupDb, GROUP.sender, 2000, new Date(Date.now() + 30 * 86_400_000));
    const sender: BenchResult['sender'] = [];
    for (const rate of [50, 200, 500]) {
      const count = rate * 5;
      await careloop.call('queueTexts', { group: GROUP.sender, count, patients: 2000 });
      await load.call('twilioStats');
      const r = await careloop.call<{ ms: number; handled: number; cpuMicros: number; roundTrips: number }>('send', { rate, capMs: 12_000, twilioBase });
      const t = await load.call<{ sent: number; achieved: number; busiestSecond: number; busiestCalendarSecond: number }>('twilioStats');
      sender.push({ configured: rate, queued: count, ...t, ms: r.ms, cpuMsPerSend: r.cpuMicros / 1000 / Math.max(1, t.sent), roundTripsPerSend: r.roundTrips / Math.max(1, t.sent) });
      console.error(`sender ${rate}/s: ${Number(t.achieved).toFixed(1)}/s achieved, busiest second ${t.busiestSecond}`);
    }
    result.sender = sender;
    const [cs, bs] = [await stats(careloop.call), await stats(baseline.call)];
    result.memory = { careloopPeakRssMB: cs.maxRssBytes / 2 ** 20, baselinePeakRssMB: bs.maxRssBytes / 2 ** 20 };
    result.durationS = (Date.now() - started) / 1000;
    for (const c of [careloop.call, baseline.call, load.call]) await c('close').catch(() => undefined);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    await setupDb.destroy();
    await dropBenchDatabase(adminUrl, dbName).catch(() => undefined);
    await embedded?.stop();
    if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  }
  const out = resolve(env.BENCH_OUT ?? join(here, 'results', 'latest.json'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(printTable(result as BenchResult));
  console.log(`\nJSON: ${out}`);
}

await main();
