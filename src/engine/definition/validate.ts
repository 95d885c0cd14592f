// Checks a whole set of conversation files: everything the schema cannot see.
// Each rule reports a plain sentence with the file and step; an empty list
// means the set is safe to load.
import { parseCondition, parseValueExpression, conditionPaths, operandPaths } from '../expressions.js';
import { CONTEXT_EXAMPLES, canonicalPath, type Value } from '../context.js';
import { systemMessageVariables, SYSTEM_MESSAGE_KEYS, type SystemMessages } from '../system-messages.js';
import { edgesOf, exitsOf, loopsWithoutWaiting, reachableFrom, stepsThatNeverFinish } from './graph.js';
import { checkHandOvers } from './hand-over.js';
import type { Problem } from './problems.js';
import { LANGS, type ConversationDefinition, type LocalizedText, type StepDefinition } from './schema.js';
import { checkReadingLevel, checkText } from './validate-text.js';
import { knownVariables } from './variables.js';

export interface ParsedFile {
  file: string;
  /** The file's name without directory or .yaml: must equal the id. */
  baseName: string;
  definition: ConversationDefinition;
}

export function validateConversations(files: ParsedFile[], otherConversationIds: Iterable<string> = []): Problem[] {
  const ids = new Set([...files.map((f) => f.definition.id), ...otherConversationIds]);
  return files.flatMap((f) => validateConversation(f, ids));
}

function validateConversation({ file, baseName, definition }: ParsedFile, ids: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const report = (message: string, step?: string) => problems.push(step ? { file, step, message } : { file, message });
  const warn = (message: string, step?: string) => problems.push({ file, ...(step ? { step } : {}), message, warning: true });
  if (definition.id !== baseName) report(`id "${definition.id}" must equal the file name "${baseName}"`);
  if (!definition.steps[definition.start]) report(`start step "${definition.start}" does not exist`);
  const known = knownVariables(definition);
  for (const [id, step] of Object.entries(definition.steps)) {
    checkStep(id, step, definition, ids, known, report, warn);
  }
  const texts: LocalizedText[] = [];
  for (const step of Object.values(definition.steps)) forEachText(step, (_where, text) => texts.push(text));
  checkReadingLevel(texts, known, (message) => report(message));
  if (definition.steps[definition.start]) {
    const reachable = reachableFrom(definition, definition.start);
    for (const id of Object.keys(definition.steps)) {
      if (!reachable.has(id)) report('unreachable: no step leads here', id);
    }
  }
  for (const id of stepsThatNeverFinish(definition)) {
    if (exitsOf(definition.steps[id] as StepDefinition).length > 0) report('no way out: from here the conversation can never reach an end or a handoff', id);
  }
  checkHandOvers(definition, report);
  for (const cycle of loopsWithoutWaiting(definition)) {
    report(`loops without waiting for a reply: ${[...cycle, cycle[0]].join(' -> ')}`, cycle[0]);
  }
  return problems;
}

type Report = (message: string, step?: string) => void;

function checkStep(
  id: string, step: StepDefinition, definition: ConversationDefinition, ids: Set<string>, known: Map<string, Value>, report: Report, warn: Report,
): void {
  const exits = exitsOf(step);
  if (exits.length === 0) report('no way out: add goto, routes, call, handoff or end', id);
  if (exits.length > 1) report(`more than one way out (${exits.join(', ')}): keep one`, id);
  for (const edge of edgesOf(step)) {
    if (!definition.steps[edge.to]) report(`goes to unknown step "${edge.to}"`, id);
  }
  for (const target of [step.call?.conversation, step.handoff]) {
    if (target === undefined) continue;
    if (target === definition.id) report(`cannot call or hand off to itself ("${target}")`, id);
    else if (!ids.has(target)) report(`unknown conversation "${target}"`, id);
  }
  checkWait(id, step, report);
  checkRoutes(id, step, known, report);
  checkValues(id, step, known, report);
  forEachText(step, (where, text) => checkText(text, where, known, (message) => report(message, id), (message) => warn(message, id)));
}

function checkWait(id: string, step: StepDefinition, report: Report): void {
  if (!step.expect) {
    for (const key of ['save', 'retry', 'fallback', 'remind', 'timeout'] as const) {
      if (step[key] !== undefined) report(`"${key}" only makes sense on a step that waits for a reply (add expect)`, id);
    }
    return;
  }
  if (!step.timeout) report('waits for a reply but has no timeout: add timeout: { after: PT48H, goto: <step> }', id);
  if (!step.routes && !step.goto) report('waits for a reply, so it must continue with routes or goto', id);
  // No re-ask is allowed only where an unclear answer is itself a safety signal (urgent fallback).
  const urgentFallback = step.fallback?.escalate?.urgency === 'urgent';
  if (step.expect.type !== 'text' && !step.retry && !urgentFallback) report('waits for a reply but has no retry text for answers it cannot understand', id);
  if (step.expect.type !== 'text' && !step.fallback) {
    report('waits for a reply but has no fallback for an answer still not understood after 2 re-asks: add fallback: { goto: <step> }', id);
  }
  if ((step.expect.type === 'number' || step.expect.type === 'rating') && step.expect.min > step.expect.max) {
    report(`min ${step.expect.min} is larger than max ${step.expect.max}`, id);
  }
  if (step.expect.type === 'choice') {
    const seen = new Map<string, string>();
    for (const option of step.expect.options) {
      for (const word of [...option.synonyms.en, ...option.synonyms.es]) {
        const norm = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').trim();
        const other = seen.get(norm);
        if (other && other !== option.key) report(`synonym "${word}" is used by both "${other}" and "${option.key}"`, id);
        seen.set(norm, option.key);
      }
    }
  }
}

function checkRoutes(id: string, step: StepDefinition, known: Map<string, Value>, report: Report): void {
  const routes = step.routes ?? [];
  routes.forEach((route, index) => {
    if (route.if === undefined) {
      if (index < routes.length - 1) report(`route ${index + 1} has no "if", so the routes after it can never be taken`, id);
      return;
    }
    const parsed = parseCondition(route.if);
    if (!parsed.ok) return report(`condition "${route.if}" cannot be read: ${parsed.error}`, id);
    for (const path of conditionPaths(parsed.value)) {
      if (!known.has(canonicalPath(path))) report(`condition "${route.if}" names unknown variable "${path}"`, id);
    }
  });
  if (routes.length > 0 && routes[routes.length - 1]?.if !== undefined) {
    report('routes have no "otherwise": add a last route without "if"', id);
  }
}

function checkValues(id: string, step: StepDefinition, known: Map<string, Value>, report: Report): void {
  const values = [...Object.values(step.set ?? {}), ...Object.values(step.update_plan ?? {}), ...Object.values(step.call?.with ?? {})];
  for (const value of values) {
    const parsed = parseValueExpression(value);
    if (!parsed.ok) report(`value "${value}" cannot be read: ${parsed.error}`, id);
    else for (const path of operandPaths(parsed.value)) {
      if (!known.has(canonicalPath(path))) report(`value "${value}" names unknown variable "${path}"`, id);
    }
  }
}

function forEachText(step: StepDefinition, visit: (where: string, text: LocalizedText) => void): void {
  if (step.say) visit('say', step.say);
  if (step.retry) visit('retry', step.retry);
  if (step.remind && step.remind.say) visit('remind', step.remind.say);
}

/** System messages: both languages (the schema), known variables, size. */
export function validateSystemMessages(file: string, messages: SystemMessages): Problem[] {
  const problems: Problem[] = [];
  const texts: LocalizedText[] = [];
  let allowed = new Map<string, Value>();
  for (const key of SYSTEM_MESSAGE_KEYS) {
    allowed = new Map<string, Value>(systemMessageVariables(key).map((name) => [name, CONTEXT_EXAMPLES[name] ?? null]));
    checkText(messages[key], key, allowed, (message) => problems.push({ file, step: key, message }), (message) => problems.push({ file, step: key, message, warning: true }));
    texts.push(messages[key]);
  }
  checkReadingLevel(texts, new Map(Object.entries(CONTEXT_EXAMPLES)), (message) => problems.push({ file, message }));
  return problems;
}

export { LANGS };
