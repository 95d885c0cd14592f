// The real conversations, messages and vocabulary, loaded once per test file.
import { loadEngineEnv } from '../../../src/adapters/definitions/engine-env.js';
import type { LoadedDefinition } from '../../../src/engine/definition/schema.js';
import type { EngineEnv } from '../../../src/engine/effects.js';
import type { SessionContext } from '../../../src/engine/context.js';

export const CONVERSATIONS_DIR = new URL('../../../conversations', import.meta.url).pathname;

export async function realEnv(): Promise<{ env: EngineEnv; definitions: Map<string, LoadedDefinition> }> {
  const loaded = await loadEngineEnv(CONVERSATIONS_DIR);
  if (!loaded.ok) throw new Error(`conversations have problems:\n${loaded.problems.map((p) => `${p.file} ${p.step ?? ''}: ${p.message}`).join('\n')}`);
  return loaded;
}

export function patientContext(overrides: Partial<SessionContext> = {}): SessionContext {
  return {
    patient: { firstName: 'Maria', language: 'en' },
    plan: { action: 'walk 10 minutes after dinner', daysPerWeek: 3, confidence: 8 },
    loggedDays: null,
    careTeam: { name: 'Riverside Clinic' },
    week: 2,
    ...overrides,
  };
}
