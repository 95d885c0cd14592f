// One text, one provider acceptance. Each try is recorded before the provider
// is called (beginAttempt), with our attempt id in the status callback URL.
// When a try's fate is unknown (the process died mid-send, the request timed
// out, the connection was cut, or the provider answered 5xx) the next lease
// first asks the provider: the recipient's latest texts from our number are
// searched for this body since the try began, ignoring texts we already know
// as other messages. Found: the text is recorded as sent, never sent again.
// Not found: it is sent again. The provider cannot be asked: check later.
import type { Db } from '../../adapters/db/connect.js';
import { beginAttempt, openAttempt, settleAttempt, sidsOfOtherMessages } from '../../adapters/db/repositories/sms-attempts.js';
import { SmsSendError, type Clock, type IdGenerator, type SmsGateway } from '../ports.js';

/** How far before a try's start a provider's timestamp may be (clock skew between us and the provider). */
export const LOOKUP_SKEW_MS = 120_000;

export interface AttemptDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  gateway: SmsGateway;
}

export interface TextToSend {
  outboxId: string;
  messageId: string;
  to: string;
  body: string;
}

export type Settled =
  | { kind: 'none' }
  | { kind: 'accepted'; providerSid: string }
  | { kind: 'absent' }
  /** The provider could not be asked: leave everything as is and check again later. */
  | { kind: 'unknown'; reason: string };

/**
 * Settles the latest try of a message left `sending` (a crash) or `unknown`
 * (a timeout, cut connection, 5xx) by asking the provider. `fallbackSince` is
 * used when no try is recorded (rows from before attempts were recorded).
 */
export async function settleOpenAttempt(deps: AttemptDeps, text: TextToSend, fallbackSince: Date): Promise<Settled> {
  const open = await openAttempt(deps.db, text.messageId);
  const since = new Date((open?.started_at ?? fallbackSince).getTime() - LOOKUP_SKEW_MS);
  let found;
  try {
    found = await deps.gateway.findSent({ to: text.to, body: text.body, since });
  } catch (err) {
    return { kind: 'unknown', reason: `could not ask the provider: ${err instanceof Error ? err.message : String(err)}` };
  }
  const taken = await sidsOfOtherMessages(deps.db, found.map((f) => f.providerSid), text.messageId);
  const match = found.find((f) => !taken.has(f.providerSid));
  const now = deps.clock.now();
  if (match) {
    if (open) await settleAttempt(deps.db, open.id, 'accepted', now, { providerSid: match.providerSid });
    return { kind: 'accepted', providerSid: match.providerSid };
  }
  if (open) await settleAttempt(deps.db, open.id, 'absent', now);
  return open ? { kind: 'absent' } : { kind: 'none' };
}

export type Attempted = { kind: 'accepted'; providerSid: string } | { kind: 'failed'; error: SmsSendError };

/** One recorded try: written (and the message marked `sending`) before the provider is called. */
export async function attemptSend(deps: AttemptDeps, text: TextToSend): Promise<Attempted> {
  const attemptId = deps.ids.uuid();
  await beginAttempt(deps.db, { id: attemptId, messageId: text.messageId, outboxId: text.outboxId, now: deps.clock.now() });
  try {
    const sent = await deps.gateway.send({ messageId: text.messageId, attemptId, to: text.to, body: text.body });
    await settleAttempt(deps.db, attemptId, 'accepted', deps.clock.now(), { providerSid: sent.providerSid });
    return { kind: 'accepted', providerSid: sent.providerSid };
  } catch (err) {
    const error = err instanceof SmsSendError ? err : new SmsSendError(err instanceof Error ? err.message : String(err), null, 'unknown');
    await settleAttempt(deps.db, attemptId, error.kind === 'unknown' ? 'unknown' : 'rejected', deps.clock.now(), { errorCode: error.providerCode });
    return { kind: 'failed', error };
  }
}
