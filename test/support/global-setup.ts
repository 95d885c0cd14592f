// Provides a real PostgreSQL to every test file: TEST_DATABASE_URL when set,
// otherwise an embedded server in a temporary folder. A template database is
// migrated once; each test file clones it (CREATE DATABASE ... TEMPLATE), which
// is fast and lets files run in parallel.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../../src/adapters/db/connect.js';
import { startEmbeddedPostgres } from '../../src/adapters/db/embedded-postgres.js';
import { migrateToLatest } from '../../src/adapters/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the test server where CREATE DATABASE may run. */
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

const EXIT_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
/** process as a plain emitter, so one loop can list and remove handlers of every event above. */
const proc = process as unknown as NodeJS.EventEmitter;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  const dir = external ? null : await mkdtemp(join(tmpdir(), 'careloop-test-pg-'));
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(proc.listeners(e))]));
  const server = dir ? await startEmbeddedPostgres(dir) : null;
  // embedded-postgres installs async-exit-hook, whose beforeExit handler calls
  // process.exit(0) and so hid vitest's failure status: after the server has
  // stopped, remove every handler it added (its exit handler would crash).
  const added = EXIT_EVENTS.flatMap((e) => proc.listeners(e).filter((l) => !before.get(e)!.has(l)).map((l) => [e, l] as const));
  const adminUrl = external ?? server!.url('postgres');
  const template = `careloop_tpl_${process.pid}`;

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const db = connectDatabase(templateUrl.toString(), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server?.stop();
    for (const [event, listener] of added) proc.removeListener(event, listener as (...args: unknown[]) => void);
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
