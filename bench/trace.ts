// `node --import tsx bench/trace.ts`: prints every SQL statement careloop sends
// for one due check-in and three inbound texts ("4", "8", free text), to see
// where the round trips go. Needs DATABASE_URL (a server where CREATE DATABASE may run).
import { createLogger } from '../src/adapters/log/logger.js';
import { migrateToLatest } from '../src/adapters/db/migrator.js';
import { receiveSms } from '../src/app/inbound-sms.js';
import { startDueCheckins } from '../src/app/scheduler/start-due-checkins.js';
import { loadConfig } from '../src/config/index.js';
import { buildService } from '../src/main.js';
import { countingDb, createBenchDatabase, dropBenchDatabase, patientPhone, seedDuePatients } from './db.js';
import { API_TOKEN } from './shared.js';

const adminUrl = process.env.DATABASE_URL!;
const name = `careloop_trace_${process.pid}`;
const url = await createBenchDatabase(adminUrl, name);
const { db, counts } = countingDb(url, 4, (text) => process.stdout.write(`  ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`));
try {
  await migrateToLatest(db);
  await seedDuePatients(db, 1, 3, new Date(Date.now() - 60_000));
  const parts = await buildService(loadConfig({ QUIET_HOURS: 'off', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' }), createLogger({ level: 'silent' }), db, API_TOKEN);
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const r0 = counts.roundTrips;
    const t0 = counts.transactions;
    console.log(`== ${label}`);
    await fn();
    console.log(`== ${label}: ${counts.roundTrips - r0} round trips, ${counts.transactions - t0} transactions\n`);
  };
  await step('fan-out of 3', () => startDueCheckins(parts.core, { limit: 1000, workers: 1, staleCheckinHours: 24 }));
  let n = 0;
  for (const body of ['4', '8', 'I was too tired after work most days and my knee hurt']) {
    await step(`inbound ${JSON.stringify(body)}`, () => receiveSms(parts.core, { from: patientPhone(1, 0), to: '+15555550100', body, sid: `SMtrace${n++}`, numMedia: 0, optOutType: null }));
  }
} finally {
  await db.destroy();
  await dropBenchDatabase(adminUrl, name);
}
