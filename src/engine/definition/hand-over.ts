// The hand-over check: after an escalation with `then: hand_over` (the
// default) the care team holds the conversation, so the session ends after
// the acknowledgement. A question the file places after it would either be
// sent and never answered (no text yet since the escalation) or never be
// sent at all: both mean the author expected the dialogue to go on.
import type { ConversationDefinition, EscalationDefinition, StepDefinition } from './schema.js';
import { edgesOf } from './graph.js';

const handsOver = (escalation: EscalationDefinition | undefined): boolean => escalation !== undefined && (escalation.then ?? 'hand_over') === 'hand_over';

/** Reports each question (a step with expect) that can follow a hand-over in this file. */
export function checkHandOvers(definition: ConversationDefinition, report: (message: string, step?: string) => void): void {
  for (const [id, step] of Object.entries(definition.steps)) {
    if (handsOver(step.escalate)) {
      if (step.expect) report('asks a question after handing over to the care team: the session ends before the answer (move the question, or write then: continue)', id);
      else for (const question of questionsAfter(definition, nextOf(step))) reportQuestion(report, question, id);
    }
    if (step.fallback && handsOver(step.fallback.escalate)) {
      for (const question of questionsAfter(definition, [step.fallback.goto])) reportQuestion(report, question, id);
    }
  }
}

function reportQuestion(report: (message: string, step?: string) => void, question: string, from: string): void {
  report(`this question can follow the hand-over at "${from}", but the care team holds the conversation by then: end the dialogue there, or write then: continue on its escalate`, question);
}

function nextOf(step: StepDefinition): string[] {
  return edgesOf(step).filter((e) => e.kind === 'goto' || e.kind === 'route').map((e) => e.to);
}

/** Steps with expect reachable from `starts` through steps that do not wait (a wait stops the walk). */
function questionsAfter(definition: ConversationDefinition, starts: string[]): string[] {
  const seen = new Set<string>();
  const questions: string[] = [];
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const step = definition.steps[id];
    if (seen.has(id) || !step) continue;
    seen.add(id);
    if (step.expect) {
      questions.push(id);
      continue;
    }
    queue.push(...nextOf(step));
  }
  return questions;
}
