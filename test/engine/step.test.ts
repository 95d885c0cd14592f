// The pure engine, one behaviour per case: events in, state and effects out.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect, EngineEnv } from '../../src/engine/effects.js';
import { step } from '../../src/engine/step.js';
import { analyseReply } from '../../src/engine/understanding/index.js';
import type { SessionState } from '../../src/engine/session.js';
import { ASK_DAYS, definitionFrom, withDefinitions } from './support/definitions.js';
import { patientContext, realEnv } from './support/env.js';

const NOW = new Date('2025-03-03T17:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const sends = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'send' ? [e.text] : []));
const types = (effects: Effect[]) => effects.map((e) => e.type);
/** A reply event as hosts build it: understood once, outside the engine. */
const reply = (text: string) => ({ type: 'reply' as const, text, signals: analyseReply(text, base.vocabulary) });

let base: EngineEnv;
const days = definitionFrom(ASK_DAYS);
let env: EngineEnv;

beforeAll(async () => {
  base = (await realEnv()).env;
  env = withDefinitions(base, days);
});

function started(context = patientContext()): SessionState {
  return step(days, null, { type: 'start', sessionId: 'S', context }, NOW, env).state;
}

describe('step: start', () => {
  it('sends the first prompt and announces deterministic timers', () => {
    const { state, effects } = step(days, null, { type: 'start', sessionId: 'S', context: patientContext() }, NOW, env);
    expect(effects).toEqual([
      { type: 'scheduleTimer', key: 'S:expire', kind: 'expire', at: '2025-03-10T17:00:00.000Z' },
      { type: 'send', text: 'How many days? Reply 0-7.', purpose: 'prompt' },
      { type: 'scheduleTimer', key: 'S:0:ask:1:remind', kind: 'remind', at: '2025-03-03T21:00:00.000Z', after: 'PT4H' },
      { type: 'scheduleTimer', key: 'S:0:ask:1:timeout', kind: 'timeout', at: '2025-03-05T17:00:00.000Z', after: 'PT48H' },
    ]);
    expect(state).toMatchObject({ status: 'active', frames: [{ conversationId: 't-days', hash: 'h1', stepId: 'ask' }] });
  });

  it('speaks the patient language', () => {
    const { effects } = step(days, null, { type: 'start', sessionId: 'S', context: patientContext({ patient: { firstName: 'Ana', language: 'es' } }) }, NOW, env);
    expect(sends(effects)).toEqual(['¿Cuántos días? Responda 0-7.']);
  });
});

describe('step: replies', () => {
  it.each([
    { reply: '4', text: 'Great, 4 days!', outcome: 'done', category: 'enough', value: 4 },
    { reply: 'two', text: 'Thanks', outcome: 'partial', category: 'some', value: 2 },
  ])('routes "$reply" by category $category', ({ reply: reply_, text, outcome, category, value }) => {
    const { state, effects } = step(days, started(), reply(reply_), NOW, env);
    expect(effects).toContainEqual({ type: 'recordResult', conversationId: 't-days', name: 'days', value, category, input: reply_ });
    expect(effects).toContainEqual({ type: 'cancelTimer', key: 'S:0:ask:1:timeout' });
    expect(sends(effects)[0]).toContain(text);
    expect(effects).toContainEqual({ type: 'end', outcome });
    expect(state.status).toBe('ended');
  });

  it('re-asks at most twice, then takes the fallback with the reply as free text', () => {
    let state = started();
    for (const attempt of [1, 2]) {
      const result = step(days, state, reply('purple'), NOW, env);
      expect(sends(result.effects)).toEqual(['Reply 0-7 please.']);
      expect(result.state.frames[0]?.retries).toBe(attempt);
      state = result.state;
    }
    const last = step(days, state, reply('purple again'), NOW, env);
    expect(last.effects).toContainEqual({ type: 'recordResult', conversationId: 't-days', name: 'days', value: 'purple again', category: 'unclear', input: 'purple again' });
    expect(last.effects.at(-1)).toEqual({ type: 'end', outcome: 'unclear' });
  });

  it('does not change the state it was given', () => {
    const state = started();
    const before = structuredClone(state);
    step(days, state, reply('5'), NOW, env);
    expect(state).toEqual(before);
  });

  it('always answers a reply, even when the script has nothing to say', () => {
    const { effects } = step(days, started(), reply('1'), NOW, env);
    expect(sends(effects)).toEqual(['Thanks, Maria!']);
  });

  it('answers a reply to an ended session like an idle reply: free text reaches a person', () => {
    const ended = step(days, started(), reply('5'), NOW, env).state;
    const question = step(days, ended, reply('what happens now?'), NOW, env);
    expect(question.state).toBe(ended);
    expect(question.effects).toContainEqual(expect.objectContaining({ type: 'escalate', urgency: 'routine' }));
    expect(sends(question.effects)[0]).toContain('will read your message');
    const news = step(days, ended, reply('my grandson is visiting from Texas next week'), NOW, env);
    expect(news.effects).toContainEqual(expect.objectContaining({ type: 'escalate', urgency: 'routine' }));
  });

  it('answers a closing "ok thanks" after an ended session with a short reply, not the emergency line', () => {
    const ended = step(days, started(), reply('5'), NOW, env).state;
    const { effects } = step(days, ended, reply('ok thanks'), NOW, env);
    expect(sends(effects)).toEqual(['You are welcome, Maria! Talk soon.']);
  });
});

describe('step: interrupts come before the script', () => {
  it.each([
    { text: 'STOP', effects: ['optOut', 'send', 'cancelTimer', 'cancelTimer', 'cancelTimer', 'end'], outcome: 'opted_out' },
    { text: 'I have chest pain', effects: ['send', 'escalate', 'cancelTimer', 'cancelTimer', 'cancelTimer', 'end'], outcome: 'escalated_urgent' },
    { text: 'call me please', effects: ['escalate', 'send', 'cancelTimer', 'cancelTimer', 'cancelTimer', 'end'], outcome: 'escalated_routine' },
  ])('"$text" ends the session as $outcome', ({ text, effects: expected, outcome }) => {
    const { state, effects } = step(days, started(), reply(text), NOW, env);
    expect(types(effects)).toEqual(expected);
    expect(state.outcome).toBe(outcome);
  });

  it('answers HELP and keeps waiting with the same timers', () => {
    const state = started();
    const result = step(days, state, reply('HELP'), NOW, env);
    expect(types(result.effects)).toEqual(['send']);
    expect(result.state.frames[0]?.wait).toEqual(state.frames[0]?.wait);
    expect(result.state.status).toBe('active');
  });

  it('hands off to mood-check on low mood', () => {
    const { state, effects } = step(days, started(), reply('me siento sin esperanza'), NOW, env);
    expect(effects).toContainEqual({ type: 'conversationStarted', conversationId: 'mood-check', mode: 'handoff' });
    expect(state.frames.map((f) => f.conversationId)).toEqual(['mood-check']);
  });

  it('uses 988 for self-harm language', () => {
    const { effects } = step(days, started(), reply('I want to kill myself'), NOW, env);
    expect(effects[0]).toMatchObject({ type: 'send', purpose: 'safety' });
    expect(sends(effects)[0]).toContain('988');
    expect(effects).toContainEqual(expect.objectContaining({ type: 'escalate', urgency: 'urgent', category: 'self_harm' }));
  });
});

describe('step: timers', () => {
  it('sends the reminder once; the same key again is ignored', () => {
    const state = started();
    const first = step(days, state, { type: 'timer', key: 'S:0:ask:1:remind' }, later(4), env);
    expect(sends(first.effects)).toEqual(['How many days? Reply 0-7.']);
    const again = step(days, first.state, { type: 'timer', key: 'S:0:ask:1:remind' }, later(5), env);
    expect(again).toEqual({ state: first.state, effects: [] });
  });

  it('times out to the timeout step and records no response', () => {
    const { effects, state } = step(days, started(), { type: 'timer', key: 'S:0:ask:1:timeout' }, later(48), env);
    expect(effects).toContainEqual({ type: 'recordResult', conversationId: 't-days', name: 'days', value: null, category: 'no_response' });
    expect(state.outcome).toBe('no_response');
  });

  it.each(['S:0:ask:0:timeout', 'S:0:great:2:timeout', 'other:expire'])('ignores the stale timer %s', (key) => {
    const state = started();
    expect(step(days, state, { type: 'timer', key }, later(50), env)).toEqual({ state, effects: [] });
  });

  it('never fires a timeout twice', () => {
    const once = step(days, started(), { type: 'timer', key: 'S:0:ask:1:timeout' }, later(48), env);
    expect(step(days, once.state, { type: 'timer', key: 'S:0:ask:1:timeout' }, later(49), env).effects).toEqual([]);
  });

  it('expires the session and cancels its timers', () => {
    const { effects, state } = step(days, started(), { type: 'timer', key: 'S:expire' }, later(24 * 7), env);
    expect(types(effects)).toEqual(['cancelTimer', 'cancelTimer', 'cancelTimer', 'end']);
    expect(state.outcome).toBe('expired');
  });

  it('cancel ends the session without a message', () => {
    const { effects } = step(days, started(), { type: 'cancel', reason: 'escalation opened' }, NOW, env);
    expect(effects.at(-1)).toEqual({ type: 'end', outcome: 'cancelled' });
    expect(sends(effects)).toEqual([]);
  });
});

describe('step: versions, calls and failures', () => {
  it('finishes a session on the version it started with', () => {
    const state = started();
    const edited = definitionFrom(ASK_DAYS.replace('Great, {{days}} days!', 'Wonderful!'), 'h2');
    const envWithNewVersion = withDefinitions(base, days, edited);
    const { effects } = step(edited, state, reply('5'), NOW, { ...envWithNewVersion, resolve: (k) => (k === 't-days' ? edited : envWithNewVersion.resolve(k)) });
    expect(sends(effects)).toEqual(['Great, 5 days!']);
  });

  it('ends safely when the pinned version is gone', () => {
    const state = started();
    const other = definitionFrom(ASK_DAYS, 'h9');
    const { effects, state: next } = step(other, state, reply('5'), NOW, withDefinitions(base, other));
    expect(effects[0]).toMatchObject({ type: 'escalate', urgency: 'routine' });
    expect(sends(effects)[0]).toContain('we got your message');
    expect(next.outcome).toBe('failed');
  });

  it('stops a runaway loop with a routine escalation', () => {
    const loop = definitionFrom(`
id: t-loop
version: 1
title: loop
start: a
steps:
  a: { say: { en: "a", es: "a" }, goto: b }
  b: { goto: a }
`, 'loop');
    const { effects, state } = step(loop, null, { type: 'start', sessionId: 'L', context: patientContext() }, NOW, withDefinitions(base, loop));
    expect(sends(effects)).toEqual([]);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'escalate', reason: expect.stringContaining('loop') }));
    expect(state.outcome).toBe('failed');
  });

  it('calls another conversation and returns with its outcome', () => {
    const caller = definitionFrom(`
id: t-caller
version: 1
title: caller
start: go
steps:
  go: { call: { conversation: t-days, save: sub, then: after } }
  after: { say: { en: "Back: {{sub}}", es: "De vuelta: {{sub}}" }, end: finished }
`, 'caller');
    const callEnv = withDefinitions(base, days, caller);
    const start = step(caller, null, { type: 'start', sessionId: 'C', context: patientContext() }, NOW, callEnv);
    expect(start.effects).toContainEqual({ type: 'conversationStarted', conversationId: 't-days', mode: 'call' });
    expect(start.state.frames.map((f) => f.stepId)).toEqual(['go', 'ask']);
    expect(start.effects).toContainEqual(expect.objectContaining({ key: 'C:1:ask:2:timeout' }));
    const { effects, state } = step(caller, start.state, reply('6'), NOW, callEnv);
    expect(sends(effects)).toEqual(['Great, 6 days!', 'Back: done']);
    expect(state.outcome).toBe('finished');
  });

  it('keeps sessions JSON-serialisable', () => {
    const state = step(days, started(), reply('purple'), NOW, env).state;
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
