// SQL for the care team's work on escalations: claiming, replying, resolving,
// re-posting unclaimed urgent ones, and the thread each is posted in.
// Each status change is a conditional UPDATE, so two staff members (or two
// careloop instances) racing on the same row cannot both win.
import { sql } from 'kysely';
import type { Executor } from '../connect.js';
import type { Escalation } from './escalations.js';
import type { Message } from './messages.js';

/** open -> claimed; undefined when the row was not open any more. */
export async function claimOpenEscalation(db: Executor, id: string, staff: string, now: Date): Promise<Escalation | undefined> {
  return db
    .updateTable('escalations')
    .set({ status: 'claimed', claimed_by: staff, claimed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

/** Keeps the first reply's time (time to first reply = first_reply_at - created_at). */
export async function recordFirstReply(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('escalations')
    .set({ first_reply_at: sql<Date>`coalesce(first_reply_at, ${now})` })
    .where('id', '=', id)
    .execute();
}

/** open|claimed -> resolved; undefined when it was already resolved. */
export async function resolveOpenEscalation(db: Executor, id: string, staff: string, note: string | null, now: Date): Promise<Escalation | undefined> {
  return db
    .updateTable('escalations')
    .set({ status: 'resolved', resolved_by: staff, resolved_at: now, resolution_note: note, updated_at: now })
    .where('id', '=', id)
    .where('status', '<>', 'resolved')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Urgent escalations still open (unclaimed) and not yet re-posted whose
 * urgency dates from before `cutoff`. updated_at is when an open row became
 * urgent (created or upgraded): nothing else writes an open row's updated_at
 * (storing its Slack thread does not).
 */
export async function unclaimedUrgentBefore(db: Executor, cutoff: Date, limit: number): Promise<{ id: string; patientId: string }[]> {
  return db
    .selectFrom('escalations')
    .select(['id', 'patient_id as patientId'])
    .where('status', '=', 'open')
    .where('urgency', '=', 'urgent')
    .where('reposted_at', 'is', null)
    .where('updated_at', '<=', cutoff)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Marks one re-post; false when another instance (or a claim) got there first. */
export async function markReposted(db: Executor, id: string, cutoff: Date, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('escalations')
    .set({ reposted_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('urgency', '=', 'urgent')
    .where('reposted_at', 'is', null)
    .where('updated_at', '<=', cutoff)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers where the escalation was posted, once: the thread is its conversation with staff. */
export async function storeSlackThread(db: Executor, id: string, channel: string, ts: string): Promise<void> {
  await db.updateTable('escalations').set({ slack_channel: channel, slack_ts: ts }).where('id', '=', id).where('slack_ts', 'is', null).execute();
}

/** True when a staff message with this chat id (e.g. Slack channel:ts) was already relayed. */
export async function staffReplyRelayed(db: Executor, patientId: string, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('action', '=', 'escalation.staff_reply')
    .where(sql<string>`details->>'sourceId'`, '=', sourceId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Open and claimed escalations of one patient, newest first. */
export async function unresolvedEscalations(db: Executor, patientId: string): Promise<Escalation[]> {
  return db
    .selectFrom('escalations')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('status', '<>', 'resolved')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The patient's last `limit` messages up to `at` (inclusive), oldest first. */
export async function messagesUpTo(db: Executor, patientId: string, at: Date, limit: number): Promise<Message[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('created_at', '<=', at)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
