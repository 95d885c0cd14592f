// Patient-level rules: the one decision every host makes for one event about
// one patient. The service (inside the patient's transaction), the simulator,
// `careloop chat` and the scenario runner all call react(), so what they show
// is what patients get. Pure like step(): facts, ids and time come in; the
// next session state and the effects go out, for the host to apply in order.
//
// Decided here (and nowhere else): opted-out patients (only START/UNSTOP/YES
// re-subscribe; HELP is answered; red flags still reach staff), relaying to
// staff while an escalation is open, the dialogue in progress, the catch-up
// on a check-in that closed unanswered, idle replies and their hand-offs
// (mood-check), and a session whose pinned definition is gone.
import type { SessionContext } from './context.js';
import type { LoadedDefinition } from './definition/schema.js';
import { OUTCOMES, type Effect, type EngineEnv, type StepResult } from './effects.js';
import { handleIdleReply } from './idle-reply.js';
import type { SessionState } from './session.js';
import { step } from './step.js';
import { renderSystemMessage, type SystemMessageKey } from './system-messages.js';
import type { ReplySignals } from './understanding/index.js';

export type PatientStatus = 'pending_consent' | 'active' | 'paused' | 'opted_out';

export const ENROLLMENT = 'enrollment';
export const OPTED_OUT_RED_FLAG = 'Red flag from a patient who opted out of texts: call them';

/** What the host knows about the patient. Only reply events read staffHold and catchUp. */
export interface PatientFacts {
  status: PatientStatus;
  consentConfirmed: boolean;
  /** For texts outside a dialogue and for any session this event starts. */
  context: SessionContext;
  /** An escalation is open: the care team holds the conversation. */
  staffHold: boolean;
  /** A check-in closed unanswered lately (the host applies the window): a reply catches up on it. */
  catchUp: { conversationId: string; checkinId: string } | null;
}

/** The patient's session, if any, with the definition it is pinned to (undefined when that version is gone). */
export interface CurrentSession {
  state: SessionState;
  definition: LoadedDefinition | undefined;
}

export type PatientEvent =
  /** `signals` is analyseReply(text), computed once by the host; `newSessionId` is used if a session starts. */
  | { type: 'reply'; text: string; signals: ReplySignals; newSessionId: string }
  | { type: 'timer'; key: string }
  | { type: 'start'; conversationId: string; sessionId: string; checkinId?: string | null }
  | { type: 'cancel'; reason: string };

export interface Reaction {
  /** The session after the event: the one given, or the one this event started; null when there is none. */
  session: SessionState | null;
  /** Set when this event started `session`: the host creates it before applying the effects. */
  started: { conversationId: string; hash: string; checkinId: string | null } | null;
  effects: Effect[];
  /** `relayed`: the text went to staff only; `ignored`: nothing done (an opted-out patient). */
  disposition: 'processed' | 'relayed' | 'ignored';
}

export function react(patient: PatientFacts, session: CurrentSession | null, event: PatientEvent, now: Date, env: EngineEnv): Reaction {
  const active = session && session.state.status === 'active' ? session : null;
  switch (event.type) {
    case 'start':
      if (active) throw new Error('react: a session is already active; cancel it first');
      return startSession(patient, event.conversationId, event.sessionId, event.checkinId ?? null, now, env);
    case 'timer':
    case 'cancel':
      if (!active) return { session: session?.state ?? null, started: null, effects: [], disposition: 'processed' };
      return continued(stepOrFail(active, event, now, env));
    case 'reply':
      return onReply(patient, active, session?.state ?? null, event, now, env);
  }
}

function onReply(patient: PatientFacts, active: CurrentSession | null, last: SessionState | null, event: Extract<PatientEvent, { type: 'reply' }>, now: Date, env: EngineEnv): Reaction {
  const { text, signals } = event;
  if (patient.status === 'opted_out') return whileOptedOut(patient, signals, event.newSessionId, now, env);
  // Safety, STOP and HELP are never held for staff; everything else is theirs while they hold the conversation.
  const forStaff = patient.staffHold && !signals.urgent && signals.keyword !== 'opt_out' && signals.keyword !== 'help';
  if (active) {
    const result = continued(stepOrFail(active, { type: 'reply', text, signals }, now, env));
    // A dialogue that goes on during an escalation (`then: continue`) answers; staff get a copy.
    return forStaff ? { ...result, effects: [{ type: 'relayToStaff' }, ...result.effects] } : result;
  }
  if (forStaff) return { session: last, started: null, effects: [{ type: 'relayToStaff' }], disposition: 'relayed' };
  if (patient.catchUp && patient.status === 'active') {
    const started = startSession(patient, patient.catchUp.conversationId, event.newSessionId, patient.catchUp.checkinId, now, env);
    return feed(started, event, now, env);
  }
  const effects = handleIdleReply(text, signals, patient.context, env);
  const handoff = effects.find((e) => e.type === 'conversationStarted' && e.mode === 'handoff');
  if (!handoff || handoff.type !== 'conversationStarted') return { session: last, started: null, effects, disposition: 'processed' };
  const started = startSession(patient, handoff.conversationId, event.newSessionId, null, now, env);
  return { ...started, effects: [...effects, ...started.effects] };
}

/** Only START/UNSTOP/YES re-subscribe (and a patient who never consented goes back to enrollment). */
function whileOptedOut(patient: PatientFacts, signals: ReplySignals, sessionId: string, now: Date, env: EngineEnv): Reaction {
  const effects: Effect[] = [];
  if (signals.urgent) effects.push({ type: 'escalate', urgency: 'urgent', reason: OPTED_OUT_RED_FLAG, category: signals.urgent.category });
  if (signals.keyword === 'help') {
    effects.push({ ...systemText(patient, 'help', env), evenIfOptedOut: true });
    return { session: null, started: null, effects, disposition: 'processed' };
  }
  if (signals.keyword !== 'opt_in') return { session: null, started: null, effects, disposition: 'ignored' };
  effects.push({ type: 'optIn' }, systemText(patient, 'opt_in_confirmation', env));
  if (patient.consentConfirmed) return { session: null, started: null, effects, disposition: 'processed' };
  const started = startSession(patient, ENROLLMENT, sessionId, null, now, env);
  return { ...started, effects: [...effects, ...started.effects] };
}

function systemText(patient: PatientFacts, key: SystemMessageKey, env: EngineEnv): Extract<Effect, { type: 'send' }> {
  return { type: 'send', text: renderSystemMessage(env.messages, key, patient.context.patient.language, patient.context), purpose: 'system' };
}

function startSession(patient: PatientFacts, conversationId: string, sessionId: string, checkinId: string | null, now: Date, env: EngineEnv): Reaction {
  const definition = env.resolve(conversationId);
  if (!definition) throw new Error(`react: conversation "${conversationId}" is not loaded`);
  const result = step(definition, null, { type: 'start', sessionId, context: structuredClone(patient.context) }, now, env);
  return { session: result.state, started: { conversationId, hash: definition.hash, checkinId }, effects: result.effects, disposition: 'processed' };
}

/** Feeds a reply to a session this same event started (the catch-up takes the reply as its first answer). */
function feed(started: Reaction, event: Extract<PatientEvent, { type: 'reply' }>, now: Date, env: EngineEnv): Reaction {
  if (!started.session || !started.started) return started;
  const definition = env.resolve(started.started.hash);
  const next = stepOrFail({ state: started.session, definition }, { type: 'reply', text: event.text, signals: event.signals }, now, env);
  return { ...started, session: next.state, effects: [...started.effects, ...next.effects] };
}

type SessionEvent = { type: 'reply'; text: string; signals: ReplySignals } | { type: 'timer'; key: string } | { type: 'cancel'; reason: string };

function stepOrFail(session: CurrentSession, event: SessionEvent, now: Date, env: EngineEnv): StepResult {
  if (session.definition) return step(session.definition, session.state, event, now, env);
  // The pinned version is gone (it is normally kept): end safely, and still answer a text.
  const state: SessionState = { ...session.state, status: 'ended', outcome: OUTCOMES.failed, expireKey: null };
  const escalation: Effect = { type: 'escalate', urgency: 'routine', reason: 'Conversation stopped: its definition version is missing' };
  const reply = event.type === 'reply' ? handleIdleReply(event.text, event.signals, session.state.context, env) : [];
  return { state, effects: [escalation, ...reply, { type: 'end', outcome: OUTCOMES.failed }] };
}

function continued(result: StepResult): Reaction {
  return { session: result.state, started: null, effects: result.effects, disposition: 'processed' };
}
