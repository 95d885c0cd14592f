// Reads a shipped scenario file for tests that replay it elsewhere (chat, the
// real service): its parsed form and the texts the in-process runner sends.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runScenario } from '../../src/engine/simulation/run-scenario.js';
import { scenarioSchema, type Scenario } from '../../src/engine/simulation/scenario.js';
import type { EngineEnv } from '../../src/engine/effects.js';
import { CONVERSATIONS_DIR } from '../engine/support/env.js';

export const SCENARIOS_DIR = join(CONVERSATIONS_DIR, 'scenarios');

export async function readScenario(file: string): Promise<Scenario> {
  return scenarioSchema.parse(parseYaml(await readFile(join(SCENARIOS_DIR, file), 'utf8')));
}

/** The texts the scenario runner sends for this scenario; throws if the scenario fails. */
export function inProcessTexts(scenario: Scenario, env: EngineEnv): string[] {
  const report = runScenario(scenario.name ?? 'scenario', scenario, env);
  if (!report.passed) throw new Error(`${report.failure}\n${report.transcript.join('\n')}`);
  return report.texts;
}

export function repliesOf(scenario: Scenario): string[] {
  return scenario.steps.flatMap((s) => ('reply' in s ? [String(s.reply)] : []));
}

/** Issue 11's hand-over journey, replayed in chat, the runner and the real service. */
export const HAND_OVER_SCENARIO = 'setback-en-hands-over-to-a-person.yaml';
