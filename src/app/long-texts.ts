// Texts longer than a phone can send. Twilio concatenates at most 1,600
// characters into one message, so anything longer did not come from an
// ordinary handset. Such a text is stored in full (the webhook's form limit,
// 100 kB, caps it), but only its first ANALYSED_CHARS characters are read by
// reply understanding and the conversation, so the time spent on it is
// bounded; and a person is asked to read the whole thing (a routine escalation).
import { findMessageBySid } from '../adapters/db/repositories/messages.js';
import type { CoreDeps } from './deps.js';
import { escalate } from './escalate.js';
import { withPatient } from './patient-tx.js';

export const ANALYSED_CHARS = 1600;

/** The part of a text handed to analysis, and the full text when it was cut. */
export function analysedPart(text: string): { body: string; storedBody?: string } {
  if (text.length <= ANALYSED_CHARS) return { body: text };
  let cut = ANALYSED_CHARS;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return { body: text.slice(0, cut), storedBody: text };
}

/** Opens (or joins) a routine escalation so staff read a text careloop only partly read. */
export async function flagLongText(deps: CoreDeps, patientId: string, providerSid: string, length: number): Promise<void> {
  const message = await findMessageBySid(deps.db, providerSid);
  await withPatient(deps, patientId, { replying: false }, (ctx) =>
    escalate(ctx, {
      urgency: 'routine',
      reason: `Very long text (${length} characters): careloop read only the first ${ANALYSED_CHARS}. Please read it in full.`,
      category: 'long_text',
      triggerMessageId: message?.id ?? null,
    }),
  );
}
