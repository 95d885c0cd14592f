// The hand-over journey of issue 11 (0 days -> "I was sick" -> keep the plan
// -> YES to a person) shows the same texts in `careloop chat` as in the
// scenario runner; handover.int.test.ts checks the real service against it.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/conversation/chat.js';
import type { EngineEnv } from '../../src/engine/effects.js';
import type { Scenario } from '../../src/engine/simulation/scenario.js';
import { CONVERSATIONS_DIR, realEnv } from '../engine/support/env.js';


import { HAND_OVER_SCENARIO, inProcessTexts, readScenario, repliesOf } from '../support/scenario-replies.js';

let env: EngineEnv;
let scenario: Scenario;
beforeAll(async () => {
  env = (await realEnv()).env;
  scenario = await readScenario(HAND_OVER_SCENARIO);
});

describe('the hand-over journey', () => {
  it('when played in careloop chat, then the patient sees exactly the texts of the scenario runner, ending with the hand-over', async () => {
    const lines: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(`ERR ${line}`) };
    const input = Readable.from([...repliesOf(scenario).map((r) => `${r}\n`), '/quit\n']);
    expect(await runChat('weekly-checkin', { dir: CONVERSATIONS_DIR, lang: 'en' }, output, input)).toBe(0);
    const chatTexts = lines.filter((l) => l.startsWith('careloop> ')).map((l) => l.slice('careloop> '.length).replace(/ {3}\[\w+\]$/, ''));
    const runnerTexts = inProcessTexts(scenario, env);
    expect(chatTexts).toEqual(runnerTexts);
    expect(runnerTexts.at(-1)).toMatch(/Someone from your care team will reach out soon/);
    expect(runnerTexts.some((t) => /How sure are you/i.test(t))).toBe(false);
  });
});
