// Where the care timeline reacts to changes made inside a patient's transaction.
import { countNoResponse, findCheckin, resetNoResponse } from '../adapters/db/repositories/schedule.js';
import { lastSession } from '../adapters/db/repositories/sessions.js';
import { escalate } from './escalate.js';
import { CATCH_UP } from './scheduler/catch-up.js';
import type { PatientTx } from './patient-tx.js';
import { planNextCheckin } from './timeline.js';

import { NO_RESPONSE_ESCALATION_AFTER, NO_RESPONSE_REASON } from '../engine/schedule/plan.js';

export { NO_RESPONSE_ESCALATION_AFTER, NO_RESPONSE_REASON } from '../engine/schedule/plan.js';

/** The patient said YES (or texted START again): their weekly rhythm starts now. */
export async function onConsentConfirmed(ctx: PatientTx): Promise<void> {
  await planNextCheckin(ctx);
}

/**
 * CoreDeps.onSessionEnded. Counts check-ins that closed without an answer
 * (two in a row open a routine escalation; any answered one resets the
 * count) and replans, which refreshes the next kind (refine once done) and
 * keeps a check-in that waited for this dialogue due.
 */
export async function onSessionEnded(ctx: PatientTx, _outcome: string | null): Promise<void> {
  const session = await lastSession(ctx.tx, ctx.patient.id);
  const checkin = session?.status === 'ended' && session.checkin_id ? await findCheckin(ctx.tx, session.checkin_id) : undefined;
  if (session && checkin) {
    if (checkin.status === 'completed' || checkin.status === 'escalated') {
      await resetNoResponse(ctx.tx, ctx.patient.id, ctx.now);
    } else if (checkin.status === 'no_response' && session.conversation_id !== CATCH_UP) {
      // Only the check-in's own dialogue counts: a catch-up left unanswered is not a second silent week.
      const count = await countNoResponse(ctx.tx, ctx.patient.id, ctx.now);
      if (count % NO_RESPONSE_ESCALATION_AFTER === 0) {
        await escalate(ctx, { urgency: 'routine', reason: NO_RESPONSE_REASON, category: 'no_response', sessionId: session.id });
      }
    }
  }
  await planNextCheckin(ctx);
}
