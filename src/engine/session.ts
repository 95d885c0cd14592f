// Session state: plain JSON, stored by the host between events. Each frame is
// pinned to the hash of the definition it started on, so editing a file never
// breaks a conversation in flight (the host keeps old versions resolvable).
import type { SessionContext, Value } from './context.js';

export interface Wait {
  /** Key of the pending reminder timer, or null once it has fired (or if none). */
  remindKey: string | null;
  timeoutKey: string;
}

export interface Frame {
  conversationId: string;
  hash: string;
  stepId: string;
  /** The session's step counter when this step was entered: makes timer keys unique per visit. */
  visit: number;
  /** Re-asks already sent at the current wait (at most 2). */
  retries: number;
  results: Record<string, Value>;
  /** Inputs from `call ... with:`, read as {{vars.name}}. */
  vars: Record<string, Value>;
  wait: Wait | null;
}

export interface SessionState {
  sessionId: string;
  status: 'active' | 'ended';
  outcome: string | null;
  context: SessionContext;
  /** Call stack: [0] is the conversation the session started with; the last frame is current. */
  frames: Frame[];
  /** Steps entered so far in this session. */
  visits: number;
  expireKey: string | null;
  startedAt: string;
}

export function currentFrame(state: SessionState): Frame | undefined {
  return state.frames[state.frames.length - 1];
}

export function timerKey(state: SessionState, frame: Frame, kind: 'remind' | 'timeout'): string {
  return `${state.sessionId}:${state.frames.length - 1}:${frame.stepId}:${frame.visit}:${kind}`;
}

export function expireKeyFor(sessionId: string): string {
  return `${sessionId}:expire`;
}
