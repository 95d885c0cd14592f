// A reply that arrives after a check-in closed without an answer starts a
// short catch-up instead of being lost. The catch-up is linked to that
// check-in, so the day count it gets is stored on it (and it counts as
// answered). The reply itself is the catch-up's first input: "sorry, 3" is
// understood at once; anything else gets the question.
import { lastSession } from '../../adapters/db/repositories/sessions.js';
import { feedActiveSession, startConversation } from '../conversations.js';
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

/**
 * For inbound-sms when no session is active: starts the catch-up and feeds
 * it the reply (danger words, STOP and HELP are handled by the engine as in
 * any dialogue). Returns false when no catch-up applies.
 */
export async function startCatchUp(ctx: PatientTx, text: string, triggerMessageId: string): Promise<boolean> {
  const catchUp = await catchUpConversationFor(ctx);
  if (!catchUp) return false;
  await startConversation(ctx, catchUp.conversationId, { checkinId: catchUp.checkinId, triggerMessageId });
  await feedActiveSession(ctx, { type: 'reply', text }, triggerMessageId);
  return true;
}
