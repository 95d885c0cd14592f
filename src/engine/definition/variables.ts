// Which variables a conversation may use, each with a realistic long example
// value: the validator checks names against these and renders every message
// with them to count SMS segments.
import { CONTEXT_EXAMPLES, TEXT_RESULT_EXAMPLE, canonicalPath, type Value } from '../context.js';
import { parseValueExpression } from '../expressions.js';
import type { ConversationDefinition, Expectation, ValueExpression } from './schema.js';

function exampleForExpectation(expect: Expectation): Value {
  switch (expect.type) {
    case 'number':
    case 'rating':
      return expect.max;
    case 'yes_no':
      return true;
    case 'choice':
      return expect.options.map((o) => o.key).reduce((a, b) => (b.length > a.length ? b : a));
    case 'text':
      return TEXT_RESULT_EXAMPLE;
  }
}

function exampleForValue(expression: ValueExpression, known: Map<string, Value>): Value {
  const parsed = parseValueExpression(expression);
  if (!parsed.ok) return null;
  if (parsed.value.kind === 'literal') return parsed.value.value;
  return known.get(canonicalPath(parsed.value.path)) ?? TEXT_RESULT_EXAMPLE;
}

/** Canonical variable name (e.g. `results.days_done`) -> example value. */
export function knownVariables(definition: ConversationDefinition): Map<string, Value> {
  const known = new Map<string, Value>(Object.entries(CONTEXT_EXAMPLES));
  for (const [name, example] of Object.entries(definition.vars)) known.set(`vars.${name}`, example);
  const steps = Object.values(definition.steps);
  for (const step of steps) {
    if (step.save && step.expect) known.set(`results.${step.save}`, exampleForExpectation(step.expect));
    if (step.call?.save) known.set(`results.${step.call.save}`, 'completed');
  }
  // `set` may copy other results, so resolve it after the saved answers are known.
  for (const step of steps) {
    for (const [name, expression] of Object.entries(step.set ?? {})) known.set(`results.${name}`, exampleForValue(expression, known));
  }
  return known;
}
