// The step graph of one conversation: where each step can go next. Shared by
// the validator (reachability, dead ends, loops) and the diagram.
import type { ConversationDefinition, StepDefinition } from './schema.js';

export type EdgeKind = 'goto' | 'route' | 'fallback' | 'timeout' | 'return';
export interface Edge {
  to: string;
  kind: EdgeKind;
  label?: string;
}

/** Ways a step can finish; a valid step has exactly one. */
export const EXITS = ['routes', 'goto', 'call', 'handoff', 'end'] as const;

export function exitsOf(step: StepDefinition): (typeof EXITS)[number][] {
  return EXITS.filter((exit) => step[exit] !== undefined);
}

export function edgesOf(step: StepDefinition): Edge[] {
  const edges: Edge[] = [];
  if (step.goto) edges.push({ to: step.goto, kind: 'goto' });
  for (const route of step.routes ?? []) {
    edges.push({ to: route.goto, kind: 'route', label: route.category ?? route.if ?? 'otherwise' });
  }
  if (step.expect?.type === 'choice' && step.expect.own_answer) edges.push({ to: step.expect.own_answer.goto, kind: 'route', label: 'own answer' });
  if (step.fallback) edges.push({ to: step.fallback.goto, kind: 'fallback', label: 'not understood' });
  if (step.timeout) edges.push({ to: step.timeout.goto, kind: 'timeout', label: 'no reply' });
  if (step.call) edges.push({ to: step.call.then, kind: 'return', label: `after ${step.call.conversation}` });
  return edges;
}

export function reachableFrom(definition: ConversationDefinition, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const step = definition.steps[id];
    if (seen.has(id) || !step) continue;
    seen.add(id);
    for (const edge of edgesOf(step)) queue.push(edge.to);
  }
  return seen;
}

/** Steps from which no `end` or `handoff` can ever be reached: the patient would be stuck. */
export function stepsThatNeverFinish(definition: ConversationDefinition): string[] {
  const finishing = new Set(Object.entries(definition.steps).filter(([, s]) => s.end !== undefined || s.handoff !== undefined).map(([id]) => id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, step] of Object.entries(definition.steps)) {
      if (!finishing.has(id) && edgesOf(step).some((e) => finishing.has(e.to))) {
        finishing.add(id);
        grew = true;
      }
    }
  }
  return Object.keys(definition.steps).filter((id) => !finishing.has(id));
}

/** A cycle made only of steps that do not wait would loop without the patient: report one step per cycle. */
export function loopsWithoutWaiting(definition: ConversationDefinition): string[][] {
  const instant = (id: string) => {
    const step = definition.steps[id];
    return step !== undefined && step.expect === undefined && step.call === undefined;
  };
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (path.includes(id)) {
      cycles.push(path.slice(path.indexOf(id)));
      return;
    }
    if (done.has(id) || !instant(id)) return;
    const step = definition.steps[id];
    for (const edge of step ? edgesOf(step) : []) visit(edge.to, [...path, id]);
    done.add(id);
  };
  for (const id of Object.keys(definition.steps)) visit(id, []);
  return cycles;
}
