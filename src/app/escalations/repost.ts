// Urgent escalations nobody claimed within the configured minutes are posted
// again with a stronger mention, once. Safe to run from every instance: each
// re-post is claimed by a conditional UPDATE in the patient's transaction.
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { markReposted, unclaimedUrgentBefore } from '../../adapters/db/repositories/escalation-work.js';
import type { CoreDeps } from '../deps.js';
import { withPatient } from '../patient-tx.js';
import { queueStaffJob } from './staff-jobs.js';

/** Returns how many escalations were queued for a re-post. */
export async function repostUnclaimedUrgent(core: CoreDeps, minutes: number, batch = 50): Promise<number> {
  const now = core.clock.now();
  const cutoff = new Date(now.getTime() - minutes * 60_000);
  let queued = 0;
  for (const due of await unclaimedUrgentBefore(core.db, cutoff, batch)) {
    const { result } = await withPatient(core, due.patientId, { replying: false }, async (ctx) => {
      if (!(await markReposted(ctx.tx, due.id, cutoff, ctx.now))) return false;
      await appendAudit(ctx.tx, { at: ctx.now, actor: 'careloop', action: 'escalation.reposted', patientId: ctx.patient.id, details: { escalationId: due.id, afterMinutes: minutes } });
      await queueStaffJob(ctx, { type: 'escalation.repost', escalationId: due.id }, `repost:${due.id}`);
      return true;
    });
    if (result) queued += 1;
  }
  return queued;
}
