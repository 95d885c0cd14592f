// One unit of work on one patient: a transaction holding the patient's
// advisory lock, so events for a patient are processed one at a time, in order.
import { findPatientById, lockPatient } from '../adapters/db/repositories/patients.js';
import type { CoreDeps, PatientTx } from './deps.js';
import { notFound } from './errors.js';

export type { PatientTx } from './deps.js';

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
      queued: { sms: 0, urgent: false, slack: 0, lastSms: null },
    };
    ctxOut = ctx;
    return work(ctx);
  });
  if (ctxOut!.queued.sms > 0 || ctxOut!.queued.slack > 0) deps.wake();
  return { result, ctx: ctxOut! };
}
