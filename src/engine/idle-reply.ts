// A reply from a patient with no conversation in progress. Never silence:
// interrupts work as in a session; a daily log ("done", "walked today") is
// counted and thanked; a closing "thanks"/"ok"/👍 gets a short friendly
// answer; a greeting gets thanks; anything else reaches a person (a routine
// escalation) and the patient is told so. react() decides opt-in
// (START/UNSTOP/YES) for opted-out patients before calling this, and starts
// mood-check when it returns conversationStarted.
import type { SessionContext } from './context.js';
import type { Effect, EngineEnv } from './effects.js';
import { bystanderReason, detectInterrupt, humanReason, MOOD_CHECK, UNREADABLE_REASON, urgentReason } from './interrupts.js';
import { renderSystemMessage, type SystemMessageKey } from './system-messages.js';
import { isDailyLog, isSocial, type ReplySignals } from './understanding/index.js';
import { isClosingReply } from './closing-reply.js';

export type IdleContext = Pick<SessionContext, 'patient' | 'careTeam'>;

export function handleIdleReply(text: string, signals: ReplySignals, context: IdleContext, env: EngineEnv): Effect[] {
  const send = (key: SystemMessageKey, purpose: 'reply' | 'safety' | 'system'): Effect => ({
    type: 'send',
    text: renderSystemMessage(env.messages, key, context.patient.language, context),
    purpose,
  });
  const interrupt = detectInterrupt(signals, null);
  switch (interrupt?.kind) {
    case 'urgent':
      return [
        send(interrupt.category === 'self_harm' ? 'safety_self_harm' : 'safety_urgent', 'safety'),
        { type: 'escalate', urgency: 'urgent', reason: urgentReason(interrupt.category), category: interrupt.category, triggerText: text },
      ];
    case 'bystander':
      return [
        send('safety_bystander', 'safety'),
        { type: 'escalate', urgency: 'urgent', reason: bystanderReason(interrupt.category), category: interrupt.category, triggerText: text },
      ];
    case 'opt_out':
      return [{ type: 'optOut' }, send('opt_out_confirmation', 'system')];
    case 'help':
      return [send('help', 'system')];
    case 'human':
      return [{ type: 'escalate', urgency: 'routine', reason: humanReason(interrupt.category), category: interrupt.category, triggerText: text }, send('human_ack', 'reply')];
    case 'low_mood':
      if (env.resolve(MOOD_CHECK)) return [{ type: 'conversationStarted', conversationId: MOOD_CHECK, mode: 'handoff' }];
      return [{ type: 'escalate', urgency: 'routine', reason: humanReason('other'), triggerText: text }, send('human_ack', 'reply')];
    case undefined:
      break;
  }
  if (isDailyLog(text)) return [{ type: 'logDay' }, send('daily_log_ack', 'reply')];
  // "thanks", "ok", "👍": a short friendly answer, not a promise; a greeting gets thanks.
  // Anything else is read by a person, and the patient is told so.
  if (isClosingReply(text)) return [send('closing_ack', 'reply')];
  if (isSocial(text)) return [send('reply_ack', 'reply')];
  return [{ type: 'escalate', urgency: 'routine', reason: UNREADABLE_REASON, category: 'unreadable', triggerText: text }, send('unreadable_ack', 'reply')];
}
