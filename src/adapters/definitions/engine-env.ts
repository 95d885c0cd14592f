// Builds the engine's environment from a conversations directory: every
// definition (by id and by hash), the system messages and the vocabulary.
// Used by the CLI tools and tests; the service builds its own catalog that
// also keeps older pinned versions.
import { join } from 'node:path';
import type { LoadedDefinition } from '../../engine/definition/schema.js';
import type { Problem } from '../../engine/definition/problems.js';
import type { EngineEnv } from '../../engine/effects.js';
import { loadConversations } from './load-conversations.js';
import { loadVocabularyFile } from './vocabulary-file.js';

export type EngineEnvResult = { ok: true; env: EngineEnv; definitions: Map<string, LoadedDefinition> } | { ok: false; problems: Problem[] };

export function envFrom(definitions: Map<string, LoadedDefinition>, rest: Omit<EngineEnv, 'resolve'>): EngineEnv {
  const byKey = new Map<string, LoadedDefinition>();
  for (const [id, loaded] of definitions) byKey.set(id, loaded).set(loaded.hash, loaded);
  return { ...rest, resolve: (idOrHash) => byKey.get(idOrHash) };
}

export async function loadEngineEnv(dir: string): Promise<EngineEnvResult> {
  const loaded = await loadConversations(dir);
  if (loaded.problems.length > 0 || !loaded.messages) return { ok: false, problems: loaded.problems };
  const vocabularyPath = join(dir, 'vocabulary.yaml');
  try {
    const vocabulary = await loadVocabularyFile(vocabularyPath);
    return { ok: true, env: envFrom(loaded.definitions, { vocabulary, messages: loaded.messages }), definitions: loaded.definitions };
  } catch (error) {
    return { ok: false, problems: [{ file: vocabularyPath, message: (error as Error).message }] };
  }
}
