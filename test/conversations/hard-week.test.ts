// A hard week (0 days) must stay short and calm: at most 7 texts from
// careloop in the whole check-in, and no 911 line unless symptoms came up
// (red-flag words are the safety interrupt's, tested elsewhere).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenarioFile } from '../../src/adapters/definitions/scenario-files.js';
import type { EngineEnv } from '../../src/engine/effects.js';
import { CONVERSATIONS_DIR, realEnv } from '../engine/support/env.js';

const SCENARIOS_DIR = join(CONVERSATIONS_DIR, 'scenarios');
const hardWeeks = readdirSync(SCENARIOS_DIR).filter((f) => f.includes('hard-week')).sort();
const MAX_TEXTS = 7;

describe('a hard week', () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = (await realEnv()).env;
  });

  it('has scenarios in both languages', () => {
    expect(hardWeeks.some((f) => f.includes('-en-'))).toBe(true);
    expect(hardWeeks.some((f) => f.includes('-es-'))).toBe(true);
  });

  it.each(hardWeeks)('when %s is played, then at most 7 texts and none mentions 911', async (file) => {
    const report = await runScenarioFile(join(SCENARIOS_DIR, file), env);
    expect(report.failure).toBeNull();
    const sent = report.transcript.filter((line) => line.trimStart().startsWith('careloop>'));
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThanOrEqual(MAX_TEXTS);
    expect(sent.filter((line) => line.includes('911'))).toEqual([]);
  });
});
