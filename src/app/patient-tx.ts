// One unit of work on one patient: a transaction holding the patient's
// advisory lock, so events for a patient are processed one at a time, in order.
import type { Tx } from '../adapters/db/connect.js';
import { findPatientById, lockPatient, type Patient } from '../adapters/db/repositories/patients.js';
import type { CoreDeps } from './deps.js';
import { notFound } from './errors.js';

export interface PatientTx {
  tx: Tx;
  deps: CoreDeps;
  /** Re-read under the lock; use-cases update it in place when they change status. */
  patient: Patient;
  now: Date;
  /** True while answering a text the patient just sent: replies skip quiet hours. */
  replying: boolean;
  /** Sends in this unit are dropped because Twilio already answered the keyword. */
  suppressKeywordReplies: boolean;
  /** Filled as effects apply, read after commit. */
  queued: { sms: number; urgent: boolean; slack: number };
}

export async function withPatient<T>(
  deps: CoreDeps,
  patientId: string,
  options: { replying: boolean; suppressKeywordReplies?: boolean },
  work: (ctx: PatientTx) => Promise<T>,
): Promise<{ result: T; ctx: PatientTx }> {
  const now = deps.clock.now();
  let ctxOut: PatientTx | undefined;
  const result = await deps.db.transaction().execute(async (tx) => {
    await lockPatient(tx, patientId);
    const patient = await findPatientById(tx, patientId);
    if (!patient) throw notFound('patient');
    const ctx: PatientTx = {
      tx,
      deps,
      patient,
      now,
      replying: options.replying,
      suppressKeywordReplies: options.suppressKeywordReplies ?? false,
      queued: { sms: 0, urgent: false, slack: 0 },
    };
    ctxOut = ctx;
    return work(ctx);
  });
  if (ctxOut!.queued.sms > 0 || ctxOut!.queued.slack > 0) deps.wake();
  return { result, ctx: ctxOut! };
}
