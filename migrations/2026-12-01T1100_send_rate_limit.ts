// Sending at the carrier's rate across every instance (issue 15): one row per
// limited channel holding the next free send slot, claimed atomically; and an
// index that serves the outbox lease in its own order (kind, run_at, seq) over
// pending items only, so the lease plan stays an index scan whether or not
// the table was analysed. Frozen in time: never import from src/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE send_rate_limits (
      name text PRIMARY KEY,
      next_slot timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS outbox_lease_order ON outbox (kind, run_at, seq) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS outbox_lease_order;
    DROP TABLE IF EXISTS send_rate_limits;
  `.execute(db);
}
