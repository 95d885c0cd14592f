// Indexes for lookups on hot paths that had none (issue 15): a session's
// pending timers (cancelled when a dialogue ends; was a sequential scan over
// every timer), a patient's pending timers, and the pending outbox item of a
// message. Frozen in time: never import from src/, never edit after release.
//
// Plain CREATE INDEX (the migrator runs each file in a transaction, where
// CONCURRENTLY is not allowed): on a large production table, create these by
// hand with CREATE INDEX CONCURRENTLY first; IF NOT EXISTS then skips them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS conversation_timers_session_pending ON conversation_timers (session_id) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS conversation_timers_patient_pending ON conversation_timers (patient_id, fire_at) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS outbox_message_pending ON outbox (message_id) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS conversation_timers_session_pending;
    DROP INDEX IF EXISTS conversation_timers_patient_pending;
    DROP INDEX IF EXISTS outbox_message_pending;
  `.execute(db);
}
