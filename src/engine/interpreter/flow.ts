// Moving through steps: entering a step runs its actions and message, then
// either waits for a reply (announcing timers) or continues at once, calls or
// hands off to another conversation, or ends. Returns when the session waits
// or has ended.
import { evaluateCondition, evaluateOperand, parseCondition, parseValueExpression } from '../expressions.js';
import type { Value } from '../context.js';
import type { StepDefinition, ValueExpression } from '../definition/schema.js';
import { OUTCOMES, type Effect } from '../effects.js';
import { expireKeyFor, timerKey, type Frame } from '../session.js';
import { DEFAULT_REMIND_AFTER, DEFAULT_TIMEOUT_AFTER, EngineFailure, definitionOf, durationMillis, isoAfter, pushEscalation, resolverFor, say, sendCount, topFrame, type Run } from './run.js';

export function newFrame(run: Run, conversationId: string, vars: Record<string, Value> = {}): Frame {
  const loaded = run.env.resolve(conversationId);
  if (!loaded) throw new EngineFailure(`conversation "${conversationId}" is not available`);
  return { conversationId, hash: loaded.hash, stepId: loaded.definition.start, visit: 0, retries: 0, results: {}, vars, wait: null };
}

/** Enters `stepId` in the top frame and keeps going until the session waits or ends. */
export function continueAt(run: Run, stepId: string): void {
  let next: string | null = stepId;
  while (next !== null && run.state.status === 'active') {
    if (run.stepsLeft-- <= 0) throw new EngineFailure(`more than the allowed steps in one event (loop near "${next}")`);
    next = enterStep(run, next);
  }
}

function enterStep(run: Run, stepId: string): string | null {
  const frame = topFrame(run);
  const { definition } = definitionOf(run, frame);
  const step = definition.steps[stepId];
  if (!step) throw new EngineFailure(`step "${stepId}" does not exist in ${definition.id}`);
  frame.stepId = stepId;
  frame.visit = ++run.state.visits;
  frame.retries = 0;
  frame.wait = null;
  runActions(run, frame, step);
  if (step.say) say(run, frame, step.say, 'prompt');
  if (handOverDue(run, step)) {
    handOverNow(run);
    return null;
  }
  if (step.expect) {
    beginWait(run, frame, step);
    return null;
  }
  if (step.goto) return step.goto;
  if (step.routes) return chooseRoute(run, frame, step)?.goto ?? null;
  if (step.call) return callConversation(run, frame, step.call);
  if (step.handoff) return handOff(run, step.handoff);
  return finishFrame(run, step.end ?? 'completed');
}

function valueOf(run: Run, frame: Frame, expression: ValueExpression): Value {
  const parsed = parseValueExpression(expression);
  if (!parsed.ok) throw new EngineFailure(`value "${expression}" cannot be read`);
  return evaluateOperand(parsed.value, resolverFor(run, frame));
}

function runActions(run: Run, frame: Frame, step: StepDefinition): void {
  for (const [name, expression] of Object.entries(step.set ?? {})) {
    const value = valueOf(run, frame, expression);
    frame.results[name] = value;
    run.effects.push({ type: 'recordResult', conversationId: frame.conversationId, name, value, category: 'set' });
  }
  if (step.update_plan) updatePlan(run, frame, step.update_plan);
  if (step.consent) run.effects.push({ type: 'consent', value: 'confirmed' });
  if (step.log_day) run.effects.push({ type: 'logDay' });
  if (step.escalate) pushEscalation(run, step.escalate, run.replyText);
}

/**
 * A hand-over ends the session at the first point where the dialogue would go
 * on after its acknowledgement: once a text was sent since the escalation, or
 * when it would wait for a reply. A step that ends its conversation is left
 * to finishFrame (a root conversation keeps its own outcome; a called one
 * hands over instead of returning to its caller).
 */
function handOverDue(run: Run, step: StepDefinition): boolean {
  if (!run.handOver) return false;
  if (!step.expect && exitIsEnd(step)) return false;
  return step.expect !== undefined || sendCount(run) > run.handOver.sendsBefore;
}

function exitIsEnd(step: StepDefinition): boolean {
  return !step.goto && !step.routes && !step.call && !step.handoff;
}

/** The care team takes the conversation: every timer cancelled, the session ended. */
function handOverNow(run: Run): void {
  const urgent = run.handOver?.urgency === 'urgent';
  endSession(run, urgent ? OUTCOMES.escalatedUrgent : OUTCOMES.escalatedRoutine);
}

function updatePlan(run: Run, frame: Frame, update: NonNullable<StepDefinition['update_plan']>): void {
  const effect: Extract<Effect, { type: 'updatePlan' }> = { type: 'updatePlan' };
  const plan = run.state.context.plan;
  const action = update.action === undefined ? null : valueOf(run, frame, update.action);
  if (typeof action === 'string' && action.trim() !== '') plan.action = effect.action = action.trim();
  const days = update.days_per_week === undefined ? null : valueOf(run, frame, update.days_per_week);
  if (typeof days === 'number') plan.daysPerWeek = effect.daysPerWeek = days;
  const confidence = update.confidence === undefined ? null : valueOf(run, frame, update.confidence);
  if (typeof confidence === 'number') plan.confidence = effect.confidence = confidence;
  if (Object.keys(effect).length > 1) run.effects.push(effect);
}

export function chooseRoute(run: Run, frame: Frame, step: StepDefinition) {
  const resolve = resolverFor(run, frame);
  return (step.routes ?? []).find((route) => {
    if (route.if === undefined) return true;
    const condition = parseCondition(route.if);
    if (!condition.ok) throw new EngineFailure(`condition "${route.if}" cannot be read`);
    return evaluateCondition(condition.value, resolve);
  });
}

function beginWait(run: Run, frame: Frame, step: StepDefinition): void {
  const timeoutAfter = step.timeout?.after ?? DEFAULT_TIMEOUT_AFTER;
  const remindAfter = step.remind === false ? null : (step.remind?.after ?? DEFAULT_REMIND_AFTER);
  const remindKey = remindAfter !== null && durationMillis(remindAfter) < durationMillis(timeoutAfter) ? timerKey(run.state, frame, 'remind') : null;
  const timeoutKey = timerKey(run.state, frame, 'timeout');
  if (remindKey && remindAfter) run.effects.push({ type: 'scheduleTimer', key: remindKey, kind: 'remind', at: isoAfter(run.now, remindAfter), after: remindAfter });
  run.effects.push({ type: 'scheduleTimer', key: timeoutKey, kind: 'timeout', at: isoAfter(run.now, timeoutAfter), after: timeoutAfter });
  frame.wait = { remindKey, timeoutKey };
}

/** Cancels the top frame's pending reminder and timeout. */
export function leaveWait(run: Run, frame: Frame): void {
  if (!frame.wait) return;
  if (frame.wait.remindKey) run.effects.push({ type: 'cancelTimer', key: frame.wait.remindKey });
  run.effects.push({ type: 'cancelTimer', key: frame.wait.timeoutKey });
  frame.wait = null;
}

function callConversation(run: Run, caller: Frame, call: NonNullable<StepDefinition['call']>): string | null {
  const vars: Record<string, Value> = {};
  for (const [name, expression] of Object.entries(call.with ?? {})) vars[name] = valueOf(run, caller, expression);
  const callee = newFrame(run, call.conversation, vars);
  run.state.frames.push(callee);
  run.effects.push({ type: 'conversationStarted', conversationId: call.conversation, mode: 'call' });
  return callee.stepId;
}

/** Replaces the current conversation with another; `all` also drops its callers (used by interrupts). */
export function handOff(run: Run, conversationId: string, all = false): string {
  const frame = newFrame(run, conversationId);
  if (all) run.state.frames = [frame];
  else run.state.frames[run.state.frames.length - 1] = frame;
  run.effects.push({ type: 'conversationStarted', conversationId, mode: 'handoff' });
  return frame.stepId;
}

/** Ends the top conversation: returns to its caller, or ends the session. */
function finishFrame(run: Run, outcome: string): string | null {
  if (run.state.frames.length <= 1) {
    endSession(run, outcome);
    return null;
  }
  if (run.handOver) {
    handOverNow(run);
    return null;
  }
  run.state.frames.pop();
  const caller = topFrame(run);
  const call = definitionOf(run, caller).definition.steps[caller.stepId]?.call;
  if (!call) throw new EngineFailure(`step "${caller.stepId}" is not a call`);
  if (call.save) {
    caller.results[call.save] = outcome;
    run.effects.push({ type: 'recordResult', conversationId: caller.conversationId, name: call.save, value: outcome, category: outcome });
  }
  return call.then;
}

/** Cancels every pending timer of the session and records the ending. */
export function endSession(run: Run, outcome: string): void {
  for (const frame of run.state.frames) leaveWait(run, frame);
  if (run.state.expireKey) run.effects.push({ type: 'cancelTimer', key: run.state.expireKey });
  run.state.expireKey = null;
  run.state.status = 'ended';
  run.state.outcome = outcome;
  run.effects.push({ type: 'end', outcome });
}

export function scheduleExpiry(run: Run, expire: string): void {
  const key = expireKeyFor(run.state.sessionId);
  run.state.expireKey = key;
  run.effects.push({ type: 'scheduleTimer', key, kind: 'expire', at: isoAfter(run.now, expire) });
}

export { OUTCOMES };
