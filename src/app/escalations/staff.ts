// Who on the care team did something, independent of the chat tool they used.
import type { Escalation } from '../../adapters/db/repositories/escalations.js';
import { findEscalation } from '../../adapters/db/repositories/escalations.js';
import type { CoreDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { withPatient, type PatientTx } from '../patient-tx.js';

export interface StaffMember {
  /** Stable id for the audit trail, e.g. "slack:U0123". */
  actor: string;
  /** Shown to the patient before a staff text ("Nurse Kim: ...") and on the escalation. */
  name: string;
}

/**
 * Runs `work` in the escalation's patient's transaction (under the patient's
 * lock), with the escalation re-read under that lock.
 */
export async function withEscalation<T>(
  core: CoreDeps,
  escalationId: string,
  work: (ctx: PatientTx, escalation: Escalation) => Promise<T>,
): Promise<T> {
  const found = await findEscalation(core.db, escalationId);
  if (!found) throw notFound('escalation');
  const { result } = await withPatient(core, found.patient_id, { replying: false }, async (ctx) => {
    const escalation = await findEscalation(ctx.tx, escalationId);
    if (!escalation) throw notFound('escalation');
    return work(ctx, escalation);
  });
  return result;
}

/** Whole seconds between two instants (for time to claim / first reply). */
export const secondsBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / 1000);
