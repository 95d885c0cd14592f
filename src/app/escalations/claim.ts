// A staff member takes an escalation: everyone sees who has it, and the
// urgent re-post stops. Time to claim is recorded (claimed_at - created_at).
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { claimOpenEscalation } from '../../adapters/db/repositories/escalation-work.js';
import type { Escalation } from '../../adapters/db/repositories/escalations.js';
import type { CoreDeps } from '../deps.js';
import type { PatientTx } from '../patient-tx.js';
import { queueStaffJob } from './staff-jobs.js';
import { secondsBetween, withEscalation, type StaffMember } from './staff.js';

export type ClaimResult =
  | { claimed: true }
  /** Someone else had it, or it was resolved: nothing changed. */
  | { claimed: false; status: Escalation['status']; claimedBy: string | null };

export async function claimEscalation(core: CoreDeps, escalationId: string, staff: StaffMember): Promise<ClaimResult> {
  return withEscalation(core, escalationId, async (ctx, escalation) => {
    if (!(await claimInTx(ctx, escalation, staff))) return { claimed: false, status: escalation.status, claimedBy: escalation.claimed_by };
    await queueStaffJob(ctx, { type: 'escalation.note', escalationId, messageId: null });
    return { claimed: true };
  });
}

/** Claims an open escalation in the caller's transaction; false when it was not open. */
export async function claimInTx(ctx: PatientTx, escalation: Escalation, staff: StaffMember): Promise<boolean> {
  const claimed = await claimOpenEscalation(ctx.tx, escalation.id, staff.name, ctx.now);
  if (!claimed) return false;
  await appendAudit(ctx.tx, {
    at: ctx.now,
    actor: staff.actor,
    action: 'escalation.claimed',
    patientId: ctx.patient.id,
    details: { escalationId: escalation.id, staffName: staff.name, secondsToClaim: secondsBetween(escalation.created_at, ctx.now) },
  });
  Object.assign(escalation, claimed);
  return true;
}
