// Global interrupts: checked on every reply, in every state, before the script
// sees it. Safety comes first; then compliance keywords; then a request for a
// person; then low mood. The words themselves are reply understanding's job
// (vocabulary.yaml); this file is the policy of what each one does.
import type { ReplySignals, UrgentCategory, HumanCategory } from './understanding/index.js';

export const MOOD_CHECK = 'mood-check';

export type Interrupt =
  | { kind: 'urgent'; category: UrgentCategory; evidence: string }
  | { kind: 'bystander'; category: UrgentCategory; evidence: string }
  | { kind: 'opt_out' }
  | { kind: 'help' }
  | { kind: 'human'; category: HumanCategory; evidence: string }
  | { kind: 'low_mood'; evidence: string };

/**
 * `conversationId` is the conversation the patient is in, or null when idle.
 * Low mood is not an interrupt inside mood-check itself: there it is an answer.
 * Opt-in is never an interrupt: inside a dialogue "yes" is an answer, and
 * re-subscribing an opted-out patient is the host's decision.
 */
export function detectInterrupt(signals: ReplySignals, conversationId: string | null): Interrupt | null {
  if (signals.urgent) return { kind: 'urgent', category: signals.urgent.category, evidence: signals.urgent.evidence };
  if (signals.keyword === 'opt_out') return { kind: 'opt_out' };
  if (signals.bystander) return { kind: 'bystander', category: signals.bystander.category, evidence: signals.bystander.evidence };
  if (signals.keyword === 'help') return { kind: 'help' };
  if (signals.human) return { kind: 'human', category: signals.human.category, evidence: signals.human.evidence };
  if (signals.lowMood && conversationId !== MOOD_CHECK) return { kind: 'low_mood', evidence: signals.lowMood.evidence };
  return null;
}

export function urgentReason(category: UrgentCategory): string {
  return `Urgent: the patient's reply suggests ${category.replace(/_/g, ' ')}`;
}

export function bystanderReason(category: UrgentCategory): string {
  return `The patient reported someone else's emergency now (${category.replace(/_/g, ' ')}); they were told to call 911`;
}

export const UNREADABLE_REASON = 'careloop could not read the patient\'s reply: a person should read it and answer';

export function humanReason(category: HumanCategory): string {
  return category === 'talk_to_person' ? 'The patient asked to talk to a person' : `The patient asked for help: ${category.replace(/_/g, ' ')}`;
}
