// SQL for the shared send rate: one row per channel with the next free slot.
import { sql } from 'kysely';
import type { Executor } from '../connect.js';

/**
 * Claims `count` consecutive slots `intervalMs` apart, starting at the next
 * free slot or `now`, whichever is later, in one atomic statement (the row
 * lock serialises instances). Returns the first slot's time. A next slot more
 * than `horizonMs` ahead of `now` is taken for a clock that moved back (or a
 * stale row) and restarts at `now`.
 */
export async function claimSendSlots(db: Executor, name: string, now: Date, count: number, intervalMs: number, horizonMs: number): Promise<Date> {
  const span = (count * intervalMs) / 1000;
  const { rows } = await sql<{ next_slot: Date }>`
    INSERT INTO send_rate_limits AS r (name, next_slot) VALUES (${name}, ${now}::timestamptz + make_interval(secs => ${span}::float8))
    ON CONFLICT (name) DO UPDATE SET next_slot =
      (CASE WHEN r.next_slot > ${now}::timestamptz + make_interval(secs => ${horizonMs / 1000}::float8) THEN ${now}::timestamptz
            ELSE greatest(r.next_slot, ${now}::timestamptz) END) + make_interval(secs => ${span}::float8)
    RETURNING next_slot`.execute(db);
  return new Date(rows[0]!.next_slot.getTime() - count * intervalMs);
}
