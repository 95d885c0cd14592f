// Every scenario in conversations/scenarios/, one test each, through the same
// runner as `careloop test`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenarioFile } from '../../src/adapters/definitions/scenario-files.js';
import type { EngineEnv } from '../../src/engine/effects.js';
import { CONVERSATIONS_DIR, realEnv } from '../engine/support/env.js';

const SCENARIOS_DIR = join(CONVERSATIONS_DIR, 'scenarios');
const files = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('conversation scenarios', () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = (await realEnv()).env;
  });

  it('ships at least 40 scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', async (file) => {
    const report = await runScenarioFile(join(SCENARIOS_DIR, file), env);
    if (!report.passed) {
      throw new Error(`${report.failure}\n\nTranscript:\n${report.transcript.join('\n')}`);
    }
  });
});
