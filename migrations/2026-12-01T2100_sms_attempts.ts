// One row per try at handing a text to the SMS provider, written before the
// provider is called, so that after a crash, a timeout or a cut connection the
// sender knows a try may have gone out and asks the provider before sending
// again. Frozen in time: never import from src/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sms_attempts (
      id uuid PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES messages (id),
      outbox_id uuid NOT NULL REFERENCES outbox (id),
      started_at timestamptz NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected', 'unknown', 'absent')),
      provider_sid text,
      error_code text,
      settled_at timestamptz
    );
    CREATE INDEX sms_attempts_message ON sms_attempts (message_id, started_at DESC);
    CREATE INDEX sms_attempts_open ON sms_attempts (message_id) WHERE outcome IN ('pending', 'unknown');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sms_attempts`.execute(db);
}
