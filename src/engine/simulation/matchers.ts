// Expectation checks over the effects since the last action. Each returns
// null when it holds, or a sentence saying what was expected and what happened.
import type { Effect } from '../effects.js';
import type { ScenarioStep } from './scenario.js';
import type { SessionState } from '../session.js';

export function textMatches(pattern: string, text: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (regex) return new RegExp(regex[1] ?? '', regex[2]).test(text);
  return text.toLowerCase().includes(pattern.toLowerCase());
}

const sends = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'send' ? [e.text] : []));
const show = (value: unknown) => JSON.stringify(value);

function listSent(effects: Effect[]): string {
  const texts = sends(effects);
  return texts.length === 0 ? 'no message was sent' : `the messages were:\n${texts.map((t, i) => `      ${i + 1}. ${show(t)}`).join('\n')}`;
}

function checkSays(patterns: string[], effects: Effect[]): string | null {
  const texts = sends(effects);
  let from = 0;
  for (const pattern of patterns) {
    const index = texts.findIndex((text, i) => i >= from && textMatches(pattern, text));
    if (index < 0) return `expected a message matching ${show(pattern)}${patterns.length > 1 ? ' (in this order)' : ''}, but ${listSent(effects)}`;
    from = index + 1;
  }
  return null;
}

function checkResults(expected: Extract<ScenarioStep, { results: unknown }>['results'], effects: Effect[]): string | null {
  const recorded = effects.flatMap((e) => (e.type === 'recordResult' ? [e] : []));
  for (const [name, want] of Object.entries(expected)) {
    const got = recorded.filter((r) => r.name === name).pop();
    const wantValue = want !== null && typeof want === 'object' ? want.value : want;
    const wantCategory = want !== null && typeof want === 'object' ? want.category : undefined;
    const describe = recorded.map((r) => `${r.name}=${show(r.value)} (${r.category ?? '-'})`).join(', ') || 'none';
    if (!got) return `expected result "${name}", but the results were: ${describe}`;
    if (wantValue !== undefined && got.value !== wantValue) return `expected result ${name}=${show(wantValue)}, got ${show(got.value)}`;
    if (wantCategory !== undefined && got.category !== wantCategory) return `expected result ${name} in category ${show(wantCategory)}, got ${show(got.category)}`;
  }
  return null;
}

function checkEscalation(expected: Extract<ScenarioStep, { escalates: unknown }>['escalates'], effects: Effect[]): string | null {
  const want = typeof expected === 'string' ? { urgency: expected } : expected;
  const found = effects.flatMap((e) => (e.type === 'escalate' ? [e] : []));
  const ok = found.some(
    (e) => e.urgency === want.urgency && (!('reason' in want) || !want.reason || textMatches(want.reason, e.reason)) && (!('category' in want) || !want.category || e.category === want.category),
  );
  if (ok) return null;
  const got = found.map((e) => `${e.urgency}: ${e.reason}`).join('; ') || 'no escalation';
  return `expected a ${show(want)} escalation, got ${got}`;
}

function has(effects: Effect[], type: Effect['type']): boolean {
  return effects.some((e) => e.type === type);
}

export function checkExpectation(step: ScenarioStep, effects: Effect[], state: SessionState | null): string | null {
  if ('says' in step) return checkSays(Array.isArray(step.says) ? step.says : [step.says], effects);
  if ('not_says' in step) return sends(effects).some((t) => textMatches(step.not_says, t)) ? `expected no message matching ${show(step.not_says)}, but ${listSent(effects)}` : null;
  if ('silent' in step) return sends(effects).length === 0 ? null : `expected no message, but ${listSent(effects)}`;
  if ('results' in step) return checkResults(step.results, effects);
  if ('escalates' in step) return checkEscalation(step.escalates, effects);
  if ('no_escalation' in step) return has(effects, 'escalate') ? 'expected no escalation, but there was one' : null;
  if ('opts_out' in step) return has(effects, 'optOut') ? null : 'expected the patient to be opted out';
  if ('opts_in' in step) return has(effects, 'optIn') ? null : 'expected the patient to be opted back in';
  if ('consent' in step) return has(effects, 'consent') ? null : 'expected consent to be recorded';
  if ('logs_day' in step) return has(effects, 'logDay') ? null : 'expected a day to be logged';
  if ('starts' in step) {
    return effects.some((e) => e.type === 'conversationStarted' && e.conversationId === step.starts) ? null : `expected conversation ${show(step.starts)} to start`;
  }
  if ('plan' in step) {
    const updates = effects.flatMap((e) => (e.type === 'updatePlan' ? [e] : []));
    const merged: Record<string, unknown> = Object.assign({}, ...updates);
    const wrong = Object.entries(step.plan).find(([key, value]) => merged[key] !== value);
    return wrong ? `expected plan ${wrong[0]}=${show(wrong[1])}, got ${updates.length ? show(merged[wrong[0]]) : 'no plan update'}` : null;
  }
  if ('ends' in step) {
    const end = effects.find((e) => e.type === 'end');
    if (!end || end.type !== 'end') return `expected the conversation to end with ${show(step.ends)}, but it did not end${state ? ` (it is at step "${state.frames.at(-1)?.stepId}")` : ''}`;
    return end.outcome === step.ends ? null : `expected outcome ${show(step.ends)}, got ${show(end.outcome)}`;
  }
  if ('still_waiting' in step) return state?.status === 'active' ? null : 'expected the conversation to still be waiting for a reply';
  if ('started_at' in step) {
    if (!state) return 'expected a conversation to have started';
    return Date.parse(state.startedAt) === Date.parse(step.started_at) ? null : `expected the conversation to start at ${step.started_at}, it started at ${state.startedAt}`;
  }
  if ('week' in step) return state?.context.week === step.week ? null : `expected week ${step.week}, but the ${state ? `conversation is about week ${state.context.week}` : 'patient has had no conversation yet'}`;
  return 'not an expectation';
}
