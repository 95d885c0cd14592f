// A reply the script handles (after the interrupts): understand it as the
// waiting step expects, then route by category. A reply it cannot understand
// is re-asked at most twice, then the step's fallback takes it as free text.
import { looksLikeAnswer, parseChoice, parseCount, parseRating, parseYesNo, tokenize, type ParseResult } from '../understanding/index.js';
import { UNREADABLE_REASON } from '../interrupts.js';
import type { Value } from '../context.js';
import type { Expectation, StepDefinition } from '../definition/schema.js';
import { chooseRoute, continueAt, endSession, leaveWait } from './flow.js';
import { OUTCOMES } from '../effects.js';
import { EngineFailure, MAX_RETRIES, definitionOf, pushEscalation, say, saySystem, topFrame, type Run } from './run.js';
import type { Frame } from '../session.js';
import { isOwnAnswer } from './own-answer.js';

export function understand(expect: Expectation, text: string): ParseResult<Value> {
  switch (expect.type) {
    case 'number':
      return parseCount(text, { min: expect.min, max: expect.max });
    case 'rating':
      return parseRating(text, { min: expect.min, max: expect.max });
    case 'yes_no':
      return parseYesNo(text);
    case 'choice':
      return parseChoice(
        text,
        expect.options.map((option, index) => ({ key: option.key, number: index + expect.first_number, synonyms: [...option.synonyms.en, ...option.synonyms.es] })),
      );
    case 'text': {
      const trimmed = text.trim();
      return trimmed === '' ? { ok: false, reason: 'no_answer' } : { ok: true, value: trimmed };
    }
  }
}

/** The category an answer gets when its route does not name one. */
function naturalCategory(expect: Expectation, value: Value): string {
  if (expect.type === 'yes_no') return value === true ? 'yes' : 'no';
  if (expect.type === 'choice' && typeof value === 'string') return value;
  return 'answered';
}

function record(run: Run, frame: Frame, step: StepDefinition, value: Value, category: string, input?: string): void {
  if (!step.save) return;
  frame.results[step.save] = value;
  run.effects.push({ type: 'recordResult', conversationId: frame.conversationId, name: step.save, value, category, ...(input !== undefined ? { input } : {}) });
}

/** Saves the waiting step's answer when the reply holds one, without moving on: an interrupt decides what comes next. */
export function recordIfUnderstood(run: Run, text: string): void {
  const frame = topFrame(run);
  const step = definitionOf(run, frame).definition.steps[frame.stepId];
  if (!step?.expect || !frame.wait || step.expect.type === 'text') return;
  const understood = understand(step.expect, text);
  if (!understood.ok) return;
  if (step.save) frame.results[step.save] = understood.value;
  record(run, frame, step, understood.value, naturalCategory(step.expect, understood.value), text);
}

export function replyToScript(run: Run, text: string): void {
  const frame = topFrame(run);
  const step = definitionOf(run, frame).definition.steps[frame.stepId];
  if (!step?.expect || !frame.wait) {
    saySystem(run, 'reply_ack', 'reply');
    return;
  }
  const understood = understand(step.expect, text);
  if (!understood.ok && step.expect.type === 'choice' && step.expect.own_answer && understood.reason === 'no_answer' && isOwnAnswer(text)) {
    leaveWait(run, frame);
    record(run, frame, step, text.trim(), 'own_answer', text);
    continueAt(run, step.expect.own_answer.goto);
    return;
  }
  if (understood.ok) {
    leaveWait(run, frame);
    if (step.save) frame.results[step.save] = understood.value;
    const route = step.routes ? chooseRoute(run, frame, step) : undefined;
    const target = route?.goto ?? step.goto;
    if (!target) throw new EngineFailure(`step "${frame.stepId}" has no route for the answer`);
    record(run, frame, step, understood.value, route?.category ?? naturalCategory(step.expect, understood.value), text);
    continueAt(run, target);
    return;
  }
  // A number question re-asks only what looks like an attempt at the answer; anything else (a
  // question, a symptom, news, confusion) is put in front of a person, and the patient is told so
  // truthfully. Menus and yes/no questions keep their own fallback, which takes free text as the
  // patient's own words ("the dog ran off" is their barrier).
  const numeric = step.expect.type === 'number' || step.expect.type === 'rating';
  if (numeric && !looksLikeAnswer(tokenize(text))) {
    leaveWait(run, frame);
    record(run, frame, step, text.trim(), 'to_staff', text);
    run.effects.push({ type: 'escalate', urgency: 'routine', reason: UNREADABLE_REASON, category: 'unreadable', triggerText: text });
    saySystem(run, 'unreadable_ack', 'reply');
    endSession(run, OUTCOMES.escalatedRoutine);
    return;
  }
  if (frame.retries < MAX_RETRIES && step.retry) {
    frame.retries += 1;
    say(run, frame, step.retry, 'reply');
    return;
  }
  leaveWait(run, frame);
  record(run, frame, step, text.trim(), 'unclear', text);
  if (step.fallback?.escalate) pushEscalation(run, step.fallback.escalate, text);
  const target = step.fallback?.goto ?? step.goto ?? step.routes?.[step.routes.length - 1]?.goto;
  if (!target) throw new EngineFailure(`step "${frame.stepId}" has no fallback`);
  continueAt(run, target);
}
