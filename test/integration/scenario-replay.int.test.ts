// Every shipped scenario, replayed through the real service (signed webhooks,
// the real outbox, a fake Twilio): the patient's phone gets exactly the texts
// of the in-process run. Quiet hours are off and Twilio does not answer
// keywords itself, as in the simulator. Scenarios run in a few lanes, each
// with its own service, database and clock, to keep the file fast.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEnv } from '../../src/engine/effects.js';
import { realEnv } from '../engine/support/env.js';
import { notReplayable, replayThroughService } from '../support/replay-scenario.js';
import { inProcessTexts, readScenario, SCENARIOS_DIR } from '../support/scenario-replies.js';
import { startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

const LANES = 4;
const files = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort();
let lanes: TestService[];
let fake: TwilioFake;
let env: EngineEnv;

beforeAll(async () => {
  lanes = await Promise.all(Array.from({ length: LANES }, () => startTestService({ env: { QUIET_HOURS: 'off', TWILIO_HANDLES_KEYWORDS: 'false' } })));
  fake = fakeTwilio();
  env = (await realEnv()).env;
});
afterAll(async () => {
  fake.done();
  await Promise.all(lanes.map((svc) => svc.close()));
});

describe('scenarios through the real service', () => {
  it('when every shipped scenario is replayed, then each phone gets the texts of the in-process run', async () => {
    const skipped: string[] = [];
    const mismatches: string[] = [];
    const replayed: string[] = [];
    const runLane = async (svc: TestService, lane: number) => {
      for (let index = lane, round = 0; index < files.length; index += LANES, round += 1) {
        const file = files[index]!;
        const scenario = await readScenario(file);
        const reason = notReplayable(scenario, 'Riverside Clinic');
        if (reason) {
          skipped.push(`${file}: ${reason}`);
          continue;
        }
        const phone = `+1555557${String(index).padStart(4, '0')}`;
        const expected = inProcessTexts(scenario, env);
        const actual = await replayThroughService(svc, fake, scenario, phone, round * 8).catch((error: Error) => {
          throw new Error(`${file}: ${error.message}`);
        });
        replayed.push(file);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${file}\n  in-process: ${JSON.stringify(expected)}\n  service:    ${JSON.stringify(actual)}`);
      }
    };
    await Promise.all(lanes.map(runLane));
    expect(mismatches).toEqual([]);
    expect(replayed.length + skipped.length).toBe(files.length);
    // Only scenarios the service cannot express are left out (stubbed calls, another care team), and they stay few.
    expect(skipped.length, skipped.join('\n')).toBeLessThanOrEqual(10);
  }, 240_000);
});
