// Messages get a monotonic order (texts written in one transaction share
// created_at), and wait timers remember the prompt they count from, so a
// prompt held back (quiet hours, a slow queue) moves its reminder and timeout.
// Frozen in time: never import from src/, never edit after release.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE messages ADD COLUMN seq bigint;
    UPDATE messages m SET seq = o.n
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM messages) o
      WHERE m.id = o.id;
    CREATE SEQUENCE messages_seq_seq OWNED BY messages.seq;
    SELECT setval('messages_seq_seq', COALESCE((SELECT max(seq) FROM messages), 0) + 1, false);
    ALTER TABLE messages ALTER COLUMN seq SET DEFAULT nextval('messages_seq_seq'), ALTER COLUMN seq SET NOT NULL;
    CREATE UNIQUE INDEX messages_patient_seq ON messages (patient_id, seq DESC);

    ALTER TABLE conversation_timers
      ADD COLUMN anchor_message_id uuid REFERENCES messages (id),
      ADD COLUMN wait_ms bigint CHECK (wait_ms IS NULL OR wait_ms >= 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE conversation_timers DROP COLUMN wait_ms, DROP COLUMN anchor_message_id;
    DROP INDEX messages_patient_seq;
    ALTER TABLE messages DROP COLUMN seq;
  `.execute(db);
}
