// react(): the patient-level rules every host shares, one behaviour per case.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect, EngineEnv } from '../../src/engine/effects.js';
import { react, type PatientFacts } from '../../src/engine/react.js';
import { analyseReply } from '../../src/engine/understanding/index.js';
import { patientContext, realEnv } from './support/env.js';

const NOW = new Date('2025-03-03T17:00:00Z');
const sends = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'send' ? [e.text] : []));

let env: EngineEnv;
beforeAll(async () => {
  env = (await realEnv()).env;
});

const patient = (overrides: Partial<PatientFacts> = {}): PatientFacts => ({
  status: 'active',
  consentConfirmed: true,
  context: patientContext(),
  staffHold: false,
  catchUp: null,
  ...overrides,
});
const reply = (text: string) => ({ type: 'reply' as const, text, signals: analyseReply(text, env.vocabulary), newSessionId: 'N' });

describe('react: opted-out patients', () => {
  it('when an opted-out patient texts anything else, then nothing is sent', () => {
    const r = react(patient({ status: 'opted_out' }), null, reply('hello?'), NOW, env);
    expect(r).toMatchObject({ effects: [], disposition: 'ignored', session: null });
  });

  it('when an opted-out patient texts HELP, then they get the help text, allowed despite the opt-out', () => {
    const r = react(patient({ status: 'opted_out' }), null, reply('HELP'), NOW, env);
    expect(r.effects).toEqual([expect.objectContaining({ type: 'send', purpose: 'system', evenIfOptedOut: true })]);
  });

  it('when a patient who never consented texts START, then they opt in and enrollment starts', () => {
    const r = react(patient({ status: 'opted_out', consentConfirmed: false }), null, reply('START'), NOW, env);
    expect(r.effects[0]).toEqual({ type: 'optIn' });
    expect(r.started).toMatchObject({ conversationId: 'enrollment', checkinId: null });
    expect(r.session?.sessionId).toBe('N');
  });

  it('when an opted-out patient sends a red flag, then staff get an urgent escalation', () => {
    const r = react(patient({ status: 'opted_out' }), null, reply('I have chest pain'), NOW, env);
    expect(r.effects).toEqual([expect.objectContaining({ type: 'escalate', urgency: 'urgent' })]);
  });
});

describe('react: staff hold the conversation', () => {
  it('when an escalation is open and no dialogue runs, then the text is only relayed', () => {
    const r = react(patient({ staffHold: true }), null, reply('any time after 3pm'), NOW, env);
    expect(r).toMatchObject({ effects: [{ type: 'relayToStaff' }], disposition: 'relayed' });
  });

  it('when an escalation is open and the patient texts STOP, then they are opted out as usual', () => {
    const r = react(patient({ staffHold: true }), null, reply('STOP'), NOW, env);
    expect(r.effects.map((e) => e.type)).toEqual(['optOut', 'send']);
  });
});

describe('react: replies outside a dialogue', () => {
  it('when a check-in closed unanswered lately, then the reply starts the catch-up and is its first answer', () => {
    const r = react(patient({ catchUp: { conversationId: 'catch-up', checkinId: 'C' } }), null, reply('sorry, 4 days'), NOW, env);
    expect(r.started).toMatchObject({ conversationId: 'catch-up', checkinId: 'C' });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'recordResult', name: 'days_done', value: 4 }));
    expect(sends(r.effects)).toEqual([expect.stringContaining('4 days last week')]);
  });

  it('when the patient mentions low mood, then mood-check starts in the same reaction', () => {
    const r = react(patient(), null, reply('I feel hopeless'), NOW, env);
    expect(r.started?.conversationId).toBe('mood-check');
    expect(sends(r.effects).length).toBeGreaterThan(0);
  });
});

describe('react: starting', () => {
  it('when a dialogue is already active, then starting another is refused (cancel it first)', () => {
    const first = react(patient(), null, { type: 'start', conversationId: 'weekly-checkin', sessionId: 'A' }, NOW, env);
    const session = { state: first.session!, definition: env.resolve('weekly-checkin') };
    expect(() => react(patient(), session, { type: 'start', conversationId: 'daily-log', sessionId: 'B' }, NOW, env)).toThrow(/cancel it first/);
  });
});
