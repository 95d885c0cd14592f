// Every sentence careloop sends that promises the care team will see, read or
// contact must be true: the same step must put the text in front of staff (an
// escalation, which Slack, the API and the dashboard show). Checked over every
// labelled reply we have, in a weekly check-in and with no conversation, and
// over every shipped scenario's transcript.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenarioFile } from '../../src/adapters/definitions/scenario-files.js';
import type { Effect, EngineEnv } from '../../src/engine/effects.js';
import { handleIdleReply } from '../../src/engine/idle-reply.js';
import { step } from '../../src/engine/step.js';
import { analyseReply } from '../../src/engine/understanding/index.js';
import type { LoadedDefinition } from '../../src/engine/definition/schema.js';
import { readEntries, type Entry } from '../understanding/score.js';
import { CONVERSATIONS_DIR, patientContext, realEnv } from './support/env.js';

/** Wordings that promise a person will look: English and Spanish. */
export const PROMISE = /care team will|team will (see|read|contact|call|check|follow)|someone .* will (reach|call|contact|text)|will read your|we told your care team|le contactar|leer[áa] su|le llamar|avisamos a su equipo|lo ver[áa]|(team|staff|nurse|someone) will see|will follow up/i;

const NOW = new Date('2025-03-03T17:00:00Z');
const UNDERSTANDING = new URL('../understanding/', import.meta.url).pathname;
let env: EngineEnv;
let weekly: LoadedDefinition;
let replies: Entry[] = [];

beforeAll(async () => {
  const loaded = await realEnv();
  env = loaded.env;
  weekly = [...loaded.definitions.values()].find((d) => d.definition.id === 'weekly-checkin') as LoadedDefinition;
  const files = [
    ...(await readdir(UNDERSTANDING)).filter((f) => /^corpus-.*\.yaml$/.test(f)).map((f) => join(UNDERSTANDING, f)),
    ...(await readdir(join(UNDERSTANDING, 'heldout'))).filter((f) => f.endsWith('.yaml')).map((f) => join(UNDERSTANDING, 'heldout', f)),
  ];
  for (const f of files) replies.push(...(await readEntries(f)));
});

/** The sends in `effects` that promise staff attention, when no escalation came with them. */
function broken(effects: Effect[]): string[] {
  const escalated = effects.some((e) => e.type === 'escalate');
  return escalated ? [] : effects.flatMap((e) => (e.type === 'send' && PROMISE.test(e.text) ? [e.text] : []));
}

describe('promises that the care team will see something', () => {
  it('recognises the shipped promise wordings (so this test can fail)', () => {
    for (const key of ['human_ack', 'unreadable_ack', 'safety_urgent', 'safety_self_harm', 'safety_bystander'] as const) {
      expect(env.messages[key].en).toMatch(PROMISE);
      expect(env.messages[key].es).toMatch(PROMISE);
    }
  });

  it('when a patient with no conversation texts any labelled reply, then a promise comes only with an escalation', () => {
    const bad = replies.flatMap((r) => {
      const lang = r.lang === 'es' ? 'es' : 'en';
      const effects = handleIdleReply(r.text, analyseReply(r.text, env.vocabulary), { patient: { firstName: 'Maria', language: lang }, careTeam: { name: 'Riverside Clinic' } }, env);
      return broken(effects).map((t) => `${r.text} -> ${t}`);
    });
    expect(bad).toEqual([]);
  });

  it('when a patient answers the weekly question with any labelled reply, then a promise comes only with an escalation', () => {
    const bad = replies.flatMap((r) => {
      const lang = r.lang === 'es' ? 'es' : 'en';
      const context = patientContext({ patient: { firstName: 'Maria', language: lang } });
      const started = step(weekly, null, { type: 'start', sessionId: 'S', context }, NOW, env).state;
      const { effects } = step(weekly, started, { type: 'reply', text: r.text, signals: analyseReply(r.text, env.vocabulary) }, NOW, env);
      return broken(effects).map((t) => `${r.text} -> ${t}`);
    });
    expect(replies.length).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });

  it('in every shipped scenario, a promise is followed by an escalation before the next reply', async () => {
    const dir = join(CONVERSATIONS_DIR, 'scenarios');
    const bad: string[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml'))) {
      const { transcript } = await runScenarioFile(join(dir, file), env);
      // One step of the dialogue runs from one patient text (or wait) to the next: a promise in it needs an escalation in it.
      let segment: string[] = [];
      const check = () => {
        const promise = segment.find((l) => l.startsWith('careloop>') && PROMISE.test(l));
        if (promise && !segment.some((l) => l.includes('[ESCALATE'))) bad.push(`${file}: ${promise}`);
        segment = [];
      };
      for (const line of transcript) {
        if (line.startsWith('patient>') || line.startsWith('-- ')) check();
        segment.push(line);
      }
      check();
    }
    expect(bad).toEqual([]);
  });
});
