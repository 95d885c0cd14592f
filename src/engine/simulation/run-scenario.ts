// Runs one scenario in isolation against the real engine: a fresh simulated
// host, a fixed virtual clock, stubs for called conversations if asked. Stops
// at the first failed expectation and reports it with the transcript so far.
import type { SessionContext } from '../context.js';
import type { ConversationDefinition, LoadedDefinition } from '../definition/schema.js';
import type { Effect, EngineEnv } from '../effects.js';
import { parseDuration } from './durations.js';
import { checkExpectation } from './matchers.js';
import { parseScenarioStep, type PatientProfile, type Scenario } from './scenario.js';
import { DEFAULT_STALE_CHECKIN_HOURS, DEFAULT_TIMELINE } from '../schedule/plan.js';
import type { JourneySettings } from './journey.js';
import { SimulatedHost } from './sim-host.js';
import { describeEffect } from './transcript.js';

export interface ScenarioReport {
  name: string;
  passed: boolean;
  /** Empty when passed. */
  failure: string | null;
  transcript: string[];
  /** Every text sent to the patient, in order (what a phone would show). */
  texts: string[];
}

function stubDefinition(id: string, outcome: string): LoadedDefinition {
  const definition: ConversationDefinition = { id, version: 1, title: `stub of ${id}`, start: 'done', expire: 'P1D', vars: {}, steps: { done: { end: outcome } } };
  return { hash: `stub:${id}:${outcome}`, definition };
}

export function envWithStubs(env: EngineEnv, stubs: Record<string, string>): EngineEnv {
  const byKey = new Map<string, LoadedDefinition>();
  for (const [id, outcome] of Object.entries(stubs)) {
    const stub = stubDefinition(id, outcome);
    byKey.set(id, stub).set(stub.hash, stub);
  }
  return { ...env, resolve: (key) => byKey.get(key) ?? env.resolve(key) };
}

export function contextOf(scenario: PatientProfile): SessionContext {
  return {
    patient: { firstName: scenario.patient.firstName, language: scenario.language },
    plan: { ...scenario.plan },
    loggedDays: scenario.loggedDays,
    careTeam: { ...scenario.careTeam },
    week: scenario.week,
    vars: { ...scenario.vars },
  };
}

/** The lines a pinned transcript keeps: actions and texts (timers and results have their own expectations). */
export function pinnedLines(transcript: string[]): string[] {
  return transcript.filter((line) => line.startsWith('careloop> ') || line.startsWith('patient> ') || line.startsWith('-- '));
}

function transcriptDrift(pinned: string[], actual: string[]): string | null {
  const length = Math.max(pinned.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    if (pinned[i] === actual[i]) continue;
    if (pinned[i] === undefined) return `line ${i + 1} is extra: ${JSON.stringify(actual[i])}`;
    if (actual[i] === undefined) return `line ${i + 1} is missing: ${JSON.stringify(pinned[i])}`;
    return `line ${i + 1}: expected ${JSON.stringify(pinned[i])}, got ${JSON.stringify(actual[i])}`;
  }
  return null;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function journeySettings(journey: NonNullable<Scenario['journey']>): JourneySettings {
  const [start, end] = journey.quietHours === 'off' ? [] : journey.quietHours.split('-');
  return {
    slot: { weekday: WEEKDAYS.indexOf(journey.checkin.weekday) + 1, time: journey.checkin.time, timezone: journey.timezone },
    rules: DEFAULT_TIMELINE,
    quiet: start && end ? { start, end } : null,
    staleMs: DEFAULT_STALE_CHECKIN_HOURS * 3_600_000,
  };
}

export function runScenario(name: string, scenario: Scenario, baseEnv: EngineEnv): ScenarioReport {
  const env = envWithStubs(baseEnv, scenario.stubs);
  // Enrollment scenarios model a patient whose consent is not on file yet.
  const host = new SimulatedHost(env, contextOf(scenario), new Date(scenario.clock), { consented: scenario.conversation !== 'enrollment' });
  const transcript: string[] = [];
  const texts: string[] = [];
  const record = (effects: Effect[]) =>
    effects.forEach((e) => {
      transcript.push(describeEffect(e));
      if (e.type === 'send') texts.push(e.text);
    });
  let window: Effect[] = [];
  const fail = (index: number, label: string, message: string): ScenarioReport => ({
    name,
    passed: false,
    failure: `step ${index + 1} (${label}): ${message}`,
    transcript,
    texts,
  });
  try {
    if (scenario.journey) {
      transcript.push(`-- enrol (${scenario.journey.checkin.weekday} ${scenario.journey.checkin.time} ${scenario.journey.timezone})`);
      window = host.startJourney(journeySettings(scenario.journey));
      record(window);
    }
    if (scenario.conversation) {
      transcript.push(`-- start ${scenario.conversation}`);
      window = host.start(scenario.conversation);
      record(window);
    }
    for (const [index, raw] of scenario.steps.entries()) {
      const parsed = parseScenarioStep(raw);
      const label = JSON.stringify(raw);
      if (!parsed.ok) return fail(index, label, parsed.error);
      const step = parsed.step;
      if ('reply' in step) {
        transcript.push(`patient> ${step.reply}`);
        window = host.reply(step.reply);
      } else if ('wait' in step) {
        transcript.push(`-- wait ${step.wait}`);
        window = host.advance(parseDuration(step.wait) ?? 0);
      } else if ('start' in step) {
        transcript.push(`-- start ${step.start}`);
        window = host.start(step.start);
      } else if ('resolve_escalation' in step) {
        transcript.push('-- staff resolve the escalation');
        host.resolveEscalation();
        window = [];
      } else {
        const problem = checkExpectation(step, window, host.state);
        if (problem) return fail(index, label, problem);
        continue;
      }
      record(window);
      host.reload();
    }
    const drift = scenario.transcript ? transcriptDrift(scenario.transcript, pinnedLines(transcript)) : null;
    if (drift) return { name, passed: false, failure: `the pinned transcript differs (careloop test --update rewrites it): ${drift}`, transcript, texts };
  } catch (error) {
    return { name, passed: false, failure: `the engine threw: ${(error as Error).stack ?? String(error)}`, transcript, texts };
  }
  return { name, passed: true, failure: null, transcript, texts };
}
