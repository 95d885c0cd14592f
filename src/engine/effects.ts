// Events the engine accepts and effects it returns. The engine never performs
// an effect: the host applies them in one transaction, in order, and sends
// messages through its outbox after commit.
import type { SessionContext, Value } from './context.js';
import type { LoadedDefinition } from './definition/schema.js';
import type { SystemMessages } from './system-messages.js';
import type { ReplySignals, Vocabulary } from './understanding/index.js';
import type { SessionState } from './session.js';

export type EngineEvent =
  | { type: 'start'; sessionId: string; context: SessionContext }
  /** `signals` is analyseReply(text): the host computes it once, before the patient's transaction. */
  | { type: 'reply'; text: string; signals: ReplySignals }
  | { type: 'timer'; key: string }
  | { type: 'cancel'; reason: string };

export type Urgency = 'urgent' | 'routine';
export type SendPurpose = 'prompt' | 'reply' | 'safety' | 'system';
export type TimerKind = 'remind' | 'timeout' | 'expire';

export type Effect =
  /** `evenIfOptedOut`: allowed to a patient who opted out (the HELP answer). */
  | { type: 'send'; text: string; purpose: SendPurpose; evenIfOptedOut?: true }
  /**
   * `at` assumes the text before it goes out now. A reminder or timeout also
   * carries `after`: it counts from when that text is actually sent, so a host
   * that holds the text back (quiet hours, a slow queue) moves the timer.
   */
  | { type: 'scheduleTimer'; key: string; kind: TimerKind; at: string; after?: string }
  | { type: 'cancelTimer'; key: string }
  | { type: 'recordResult'; conversationId: string; name: string; value: Value; category?: string; input?: string }
  | { type: 'escalate'; urgency: Urgency; reason: string; category?: string; triggerText?: string }
  | { type: 'conversationStarted'; conversationId: string; mode: 'handoff' | 'call' }
  | { type: 'updatePlan'; action?: string; daysPerWeek?: number; confidence?: number }
  | { type: 'consent'; value: 'confirmed' }
  | { type: 'optOut' }
  | { type: 'optIn' }
  | { type: 'logDay' }
  | { type: 'end'; outcome: string }
  /** Staff hold the conversation (an open escalation): post the patient's text to it. */
  | { type: 'relayToStaff' };

export type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;

export interface StepResult {
  state: SessionState;
  effects: Effect[];
}

/** What the engine needs from the host besides the session's own definition. */
export interface EngineEnv {
  vocabulary: Vocabulary;
  /** Finds a definition by conversation id (current version) or by hash (a pinned version). */
  resolve(idOrHash: string): LoadedDefinition | undefined;
  messages: SystemMessages;
}

/** Session-level outcomes the engine itself produces (scripts add their own via `end:`). */
export const OUTCOMES = {
  optedOut: 'opted_out',
  escalatedUrgent: 'escalated_urgent',
  escalatedRoutine: 'escalated_routine',
  handedOff: 'handed_off',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
} as const;
