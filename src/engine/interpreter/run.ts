// One event's worth of work: a private copy of the state, the effects so far,
// and the injected clock and environment. Helpers here are shared by flow.ts,
// reply.ts and the interrupts.
import { DateTime, Duration } from 'luxon';
import { lookup, type Scope, type Value } from '../context.js';
import type { EscalationDefinition, Lang, LoadedDefinition, LocalizedText } from '../definition/schema.js';
import type { Effect, EngineEnv, SendPurpose } from '../effects.js';
import { currentFrame, type Frame, type SessionState } from '../session.js';
import { renderSystemMessage, type SystemMessageKey } from '../system-messages.js';
import { renderTemplate } from '../template.js';

/** Loop guard: steps entered while handling one event. */
export const MAX_STEPS_PER_EVENT = 25;
/** Re-asks on a reply the step cannot understand, before its fallback. */
export const MAX_RETRIES = 2;
export const DEFAULT_REMIND_AFTER = 'PT4H';
export const DEFAULT_TIMEOUT_AFTER = 'PT48H';

export interface Run {
  state: SessionState;
  effects: Effect[];
  now: Date;
  env: EngineEnv;
  root: LoadedDefinition;
  stepsLeft: number;
  /** The reply being handled, if any: passed to escalations as context. */
  replyText?: string;
  /** An escalation with `then: hand_over` happened in this event; see flow.ts handOverDue. */
  handOver?: { urgency: 'urgent' | 'routine'; sendsBefore: number };
}

/** A session-ending failure (missing definition, runaway loop): step() turns it into a safe ending. */
export class EngineFailure extends Error {}

export function startRun(root: LoadedDefinition, state: SessionState, now: Date, env: EngineEnv): Run {
  return { state: structuredClone(state), effects: [], now, env, root, stepsLeft: MAX_STEPS_PER_EVENT };
}

export function definitionOf(run: Run, frame: Frame): LoadedDefinition {
  if (frame.hash === run.root.hash) return run.root;
  const found = run.env.resolve(frame.hash);
  if (!found) throw new EngineFailure(`definition ${frame.conversationId}@${frame.hash.slice(0, 12)} is not available`);
  return found;
}

export function topFrame(run: Run): Frame {
  const frame = currentFrame(run.state);
  if (!frame) throw new EngineFailure('the session has no conversation in progress');
  return frame;
}

export function language(run: Run): Lang {
  return run.state.context.patient.language;
}

export function scopeOf(run: Run, frame: Frame): Scope {
  return { context: run.state.context, results: frame.results, vars: frame.vars };
}

export function resolverFor(run: Run, frame: Frame): (path: string) => Value | undefined {
  const scope = scopeOf(run, frame);
  return (path) => lookup(scope, path);
}

export function say(run: Run, frame: Frame, text: LocalizedText, purpose: SendPurpose): void {
  run.effects.push({ type: 'send', text: renderTemplate(text[language(run)], resolverFor(run, frame), language(run)), purpose });
}

export function saySystem(run: Run, key: SystemMessageKey, purpose: SendPurpose): void {
  const text = renderSystemMessage(run.env.messages, key, language(run), run.state.context);
  run.effects.push({ type: 'send', text, purpose });
}

/** Pushes a script escalation; `then: hand_over` (the default) marks the session for hand-over. */
export function pushEscalation(run: Run, escalation: EscalationDefinition, triggerText: string | undefined): void {
  const { urgency, reason, category } = escalation;
  run.effects.push({ type: 'escalate', urgency, reason, ...(category ? { category } : {}), ...(triggerText ? { triggerText } : {}) });
  if ((escalation.then ?? 'hand_over') !== 'hand_over') return;
  const urgent = urgency === 'urgent' || run.handOver?.urgency === 'urgent';
  run.handOver = { urgency: urgent ? 'urgent' : 'routine', sendsBefore: run.handOver?.sendsBefore ?? sendCount(run) };
}

export function sendCount(run: Run): number {
  return run.effects.filter((e) => e.type === 'send').length;
}

export function isoAfter(now: Date, iso: string): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).plus(Duration.fromISO(iso)).toISO() as string;
}

export function durationMillis(iso: string): number {
  return Duration.fromISO(iso).toMillis();
}
