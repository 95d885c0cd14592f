// Queues work for the staff channel (Slack or console) in the caller's
// transaction; the staff outbox delivers it after commit and retries failures.
import { enqueue } from '../../adapters/db/repositories/messages.js';
import type { PatientTx } from '../patient-tx.js';
import type { StaffJob } from '../staff-outbox.js';

/**
 * `escalation.note` means "the escalation changed": the channel refreshes its
 * post (status, who claimed, resolution) and, when `messageId` is set, adds
 * that message to the escalation's thread.
 */
export async function queueStaffJob(ctx: PatientTx, job: StaffJob, dedupeKey: string | null = null): Promise<void> {
  await enqueue(ctx.tx, {
    id: ctx.deps.ids.uuid(),
    kind: 'slack',
    patient_id: ctx.patient.id,
    message_id: 'messageId' in job ? job.messageId : null,
    payload: JSON.stringify(job),
    run_at: ctx.now,
    created_at: ctx.now,
    updated_at: ctx.now,
    dedupe_key: dedupeKey,
    last_error: null,
    locked_until: null,
  });
  ctx.queued.slack += 1;
}
