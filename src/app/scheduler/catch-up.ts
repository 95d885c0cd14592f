// When a reply catches up on a check-in that closed without an answer. The
// rule that a reply outside a dialogue starts the catch-up (and is its first
// answer) is react()'s; this only finds the check-in to link it to, so the
// day count it gets is stored on it (and it counts as answered).
import { lastSession } from '../../adapters/db/repositories/sessions.js';
import type { PatientTx } from '../patient-tx.js';

export const CATCH_UP = 'catch-up';
/** How long after a check-in closed unanswered a reply still catches up on it. */
export const CATCH_UP_WINDOW_MS = 7 * 86_400_000;

/** The catch-up to start for a reply now, or null (a session is active, or nothing was missed lately). */
export async function catchUpConversationFor(ctx: PatientTx): Promise<{ conversationId: string; checkinId: string } | null> {
  if (ctx.patient.status !== 'active') return null;
  const last = await lastSession(ctx.tx, ctx.patient.id);
  if (!last || last.status !== 'ended' || last.outcome !== 'no_response' || !last.checkin_id || !last.ended_at) return null;
  if (last.conversation_id === CATCH_UP) return null;
  if (ctx.now.getTime() - last.ended_at.getTime() > CATCH_UP_WINDOW_MS) return null;
  return { conversationId: CATCH_UP, checkinId: last.checkin_id };
}
