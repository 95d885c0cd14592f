// The engine's one entry point: (definition, session, event, now) -> (session, effects).
// Pure: no I/O, no clock, no random ids; time and ids arrive as arguments and
// effects are returned for the host to apply in one transaction.
//
// `definition` is the conversation the session started with (for `start`, the
// one to start). Frames pinned to other hashes (calls, hand-offs, or an edited
// file) are found through env.resolve. Failures that would strand the patient
// (a missing definition, a runaway loop) end the session safely: timers
// cancelled, a routine escalation for staff, and a reply if the patient wrote.
import type { LoadedDefinition } from './definition/schema.js';
import type { Effect, EngineEnv, EngineEvent, StepResult } from './effects.js';
import { OUTCOMES } from './effects.js';
import { handleIdleReply } from './idle-reply.js';
import { detectInterrupt } from './interrupts.js';
import { applyInterrupt } from './interpreter/apply-interrupt.js';
import { continueAt, endSession, leaveWait, scheduleExpiry } from './interpreter/flow.js';
import { replyToScript } from './interpreter/reply.js';
import { EngineFailure, definitionOf, say, saySystem, startRun, topFrame, type Run } from './interpreter/run.js';
import { currentFrame, type SessionState } from './session.js';
import type { ReplySignals } from './understanding/index.js';

export type { EngineEvent, Effect, StepResult, EngineEnv } from './effects.js';
export type { SessionState } from './session.js';

export function step(definition: LoadedDefinition, state: SessionState | null, event: EngineEvent, now: Date, env: EngineEnv): StepResult {
  if (event.type === 'start') return guarded(definition, startState(definition, event, now), now, env, undefined, (run) => {
    scheduleExpiry(run, definition.definition.expire);
    continueAt(run, definition.definition.start);
  });
  if (!state) throw new Error(`a ${event.type} event needs a session state`);
  switch (event.type) {
    case 'reply':
      if (state.status !== 'active') return { state, effects: handleIdleReply(event.text, event.signals, state.context, env) };
      return guarded(definition, state, now, env, event.text, (run) => onReply(run, event.text, event.signals));
    case 'timer':
      if (!isPending(state, event.key)) return { state, effects: [] };
      return guarded(definition, state, now, env, undefined, (run) => onTimer(run, event.key));
    case 'cancel':
      if (state.status !== 'active') return { state, effects: [] };
      return guarded(definition, state, now, env, undefined, (run) => endSession(run, OUTCOMES.cancelled));
  }
}

function startState(definition: LoadedDefinition, event: Extract<EngineEvent, { type: 'start' }>, now: Date): SessionState {
  const root = { conversationId: definition.definition.id, hash: definition.hash, stepId: definition.definition.start, visit: 0, retries: 0, results: {}, vars: {}, wait: null };
  return { sessionId: event.sessionId, status: 'active', outcome: null, context: structuredClone(event.context), frames: [root], visits: 0, expireKey: null, startedAt: now.toISOString() };
}

/** Only the timers the session is waiting on right now count; anything else is stale. */
function isPending(state: SessionState, key: string): boolean {
  if (state.status !== 'active') return false;
  if (key === state.expireKey) return true;
  const wait = currentFrame(state)?.wait;
  return wait !== null && wait !== undefined && (key === wait.timeoutKey || key === wait.remindKey);
}

function onReply(run: Run, text: string, signals: ReplySignals): void {
  run.replyText = text;
  const interrupt = detectInterrupt(signals, topFrame(run).conversationId);
  if (interrupt) applyInterrupt(run, interrupt, text);
  else replyToScript(run, text);
  // Never leave a patient without an answer (unless they just opted out).
  const answered = run.effects.some((e) => e.type === 'send');
  if (!answered && run.state.outcome !== OUTCOMES.optedOut) saySystem(run, 'reply_ack', 'reply');
}

function onTimer(run: Run, key: string): void {
  if (key === run.state.expireKey) {
    endSession(run, OUTCOMES.expired);
    return;
  }
  const frame = topFrame(run);
  const wait = frame.wait;
  const step = definitionOf(run, frame).definition.steps[frame.stepId];
  if (!wait || !step) return;
  if (key === wait.remindKey) {
    wait.remindKey = null;
    const text = (step.remind ? step.remind.say : undefined) ?? step.say;
    if (text) say(run, frame, text, 'prompt');
    return;
  }
  leaveWait(run, frame);
  if (step.save) {
    frame.results[step.save] = null;
    run.effects.push({ type: 'recordResult', conversationId: frame.conversationId, name: step.save, value: null, category: 'no_response' });
  }
  if (!step.timeout) throw new EngineFailure(`step "${frame.stepId}" has no timeout target`);
  continueAt(run, step.timeout.goto);
}

/** Runs `work` on a copy of the state; an EngineFailure ends the session safely instead. */
function guarded(definition: LoadedDefinition, state: SessionState, now: Date, env: EngineEnv, replyText: string | undefined, work: (run: Run) => void): StepResult {
  const run = startRun(definition, state, now, env);
  try {
    work(run);
    return { state: run.state, effects: run.effects };
  } catch (error) {
    if (!(error instanceof EngineFailure)) throw error;
    return fail(definition, state, now, env, replyText, error.message);
  }
}

function fail(definition: LoadedDefinition, state: SessionState, now: Date, env: EngineEnv, replyText: string | undefined, reason: string): StepResult {
  const run = startRun(definition, state, now, env);
  const escalation: Effect = { type: 'escalate', urgency: 'routine', reason: `Conversation stopped: ${reason}`, ...(replyText ? { triggerText: replyText } : {}) };
  run.effects.push(escalation);
  if (replyText !== undefined) saySystem(run, 'idle_fallback', 'reply');
  for (const frame of run.state.frames) leaveWait(run, frame);
  endSession(run, OUTCOMES.failed);
  return { state: run.state, effects: run.effects };
}
