// The composition root: the only place that builds adapters and wires them
// into use-cases. Start-up and shutdown are symmetric.
import type { Server } from 'node:http';
import type { Config } from './config/index.js';
import { openDatabase } from './adapters/db/open.js';
import { migrateToLatest } from './adapters/db/migrator.js';
import { createApp } from './adapters/http/app.js';
import { createMetrics } from './adapters/http/metrics.js';
import type { Logger } from './adapters/log/logger.js';

export interface RunningService {
  port: number;
  /** Migrations applied by this start (empty when the database was up to date). */
  migrationsApplied: string[];
  close(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const database = await openDatabase({ url: config.db.url, dataDir: config.db.dataDir });
  logger.info({ embedded: database.embedded }, database.embedded ? 'using embedded PostgreSQL' : 'using DATABASE_URL');
  try {
    const migrationsApplied = config.db.autoMigrate ? await migrateToLatest(database.db) : [];
    logger.info({ applied: migrationsApplied }, 'migrations up to date');
    const metrics = createMetrics({ defaults: true });
    const app = createApp({ logger, metrics, isReady: database.isReady });
    const server = await listen(app, config.http.port, config.http.host);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    logger.info({ port }, 'careloop is listening');
    return {
      port,
      migrationsApplied,
      close: async () => {
        await closeServer(server);
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/** Stops accepting connections and waits for in-flight requests to finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
