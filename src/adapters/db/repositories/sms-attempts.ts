// SQL for send attempts: written before the provider is called, settled after.
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../connect.js';
import type { AttemptOutcome, SmsAttemptsTable } from '../schema.js';

export type SmsAttempt = Selectable<SmsAttemptsTable>;

/** Records a try and marks the message `sending` in one transaction, before the provider is called. */
export async function beginAttempt(db: Db, row: { id: string; messageId: string; outboxId: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('sms_attempts').values({ id: row.id, message_id: row.messageId, outbox_id: row.outboxId, started_at: row.now, outcome: 'pending' }).execute();
    await tx.updateTable('messages').set({ status: 'sending', updated_at: row.now }).where('id', '=', row.messageId).execute();
  });
}

export async function settleAttempt(db: Executor, id: string, outcome: AttemptOutcome, now: Date, details: { providerSid?: string | null; errorCode?: string | null } = {}): Promise<void> {
  await db
    .updateTable('sms_attempts')
    .set({ outcome, settled_at: now, provider_sid: details.providerSid ?? null, error_code: details.errorCode ?? null })
    .where('id', '=', id)
    .execute();
}

/** The latest try whose fate is not known (pending after a crash, or unknown after a timeout). */
export async function openAttempt(db: Executor, messageId: string): Promise<SmsAttempt | undefined> {
  return db
    .selectFrom('sms_attempts')
    .selectAll()
    .where('message_id', '=', messageId)
    .where('outcome', 'in', ['pending', 'unknown'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countAttempts(db: Executor, messageId: string): Promise<number> {
  const row = await db.selectFrom('sms_attempts').select((eb) => eb.fn.countAll<string>().as('n')).where('message_id', '=', messageId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A status callback named the attempt: the provider accepted it. Returns the
 * outcome it had before; `absent` means careloop had concluded it was not
 * accepted and sent the text again (a duplicate the check could not prevent).
 */
export async function markAttemptAccepted(db: Executor, id: string, providerSid: string, now: Date): Promise<AttemptOutcome | undefined> {
  const before = await db.selectFrom('sms_attempts').select('outcome').where('id', '=', id).executeTakeFirst();
  await db
    .updateTable('sms_attempts')
    .set({ outcome: 'accepted', provider_sid: providerSid, settled_at: now })
    .where('id', '=', id)
    .where('outcome', 'in', ['pending', 'unknown'])
    .execute();
  return before?.outcome;
}

/** Provider SIDs among `sids` that already belong to a message other than `messageId`. */
export async function sidsOfOtherMessages(db: Executor, sids: string[], messageId: string): Promise<Set<string>> {
  if (sids.length === 0) return new Set();
  const rows = await db.selectFrom('messages').select('provider_sid').where('provider_sid', 'in', sids).where('id', '<>', messageId).execute();
  const attempts = await db.selectFrom('sms_attempts').select('provider_sid').where('provider_sid', 'in', sids).where('message_id', '<>', messageId).execute();
  return new Set([...rows, ...attempts].map((r) => r.provider_sid).filter((s): s is string => s !== null));
}
