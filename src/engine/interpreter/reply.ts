// A reply the script handles (after the interrupts): understand it as the
// waiting step expects, then route by category. A reply it cannot understand
// is re-asked at most twice, then the step's fallback takes it as free text.
import { parseChoice, parseCount, parseRating, parseYesNo, type ParseResult } from '../understanding/index.js';
import type { Value } from '../context.js';
import type { Expectation, StepDefinition } from '../definition/schema.js';
import { chooseRoute, continueAt, leaveWait } from './flow.js';
import { EngineFailure, MAX_RETRIES, definitionOf, pushEscalation, say, saySystem, topFrame, type Run } from './run.js';
import type { Frame } from '../session.js';

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
        expect.options.map((option, index) => ({ key: option.key, number: index + 1, synonyms: [...option.synonyms.en, ...option.synonyms.es] })),
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

export function replyToScript(run: Run, text: string): void {
  const frame = topFrame(run);
  const step = definitionOf(run, frame).definition.steps[frame.stepId];
  if (!step?.expect || !frame.wait) {
    saySystem(run, 'reply_ack', 'reply');
    return;
  }
  const understood = understand(step.expect, text);
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
