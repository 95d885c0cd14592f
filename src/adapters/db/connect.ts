// Builds the Kysely instance over a pg pool. `date` columns stay ISO strings
// (no time zone shifting); timestamptz come back as Date.
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A repository function accepts either the pool or an open transaction. */
export type Executor = Db | Tx;

export function connectDatabase(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // A dropped idle connection must not crash the process; the pool reconnects.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
