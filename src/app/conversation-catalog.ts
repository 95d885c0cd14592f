// The conversations the engine can run: the current files plus every older
// version still pinned by a session in flight (kept in conversation_versions).
import type { LoadedDefinition } from '../engine/definition/schema.js';
import type { EngineEnv } from '../engine/effects.js';
import type { SystemMessages } from '../engine/system-messages.js';
import type { Vocabulary } from '../engine/understanding/index.js';

export interface ConversationCatalog {
  env: EngineEnv;
  current(id: string): LoadedDefinition;
  all(): LoadedDefinition[];
}

export function createCatalog(input: {
  current: Map<string, LoadedDefinition>;
  pinned: LoadedDefinition[];
  messages: SystemMessages;
  vocabulary: Vocabulary;
}): ConversationCatalog {
  const byHash = new Map<string, LoadedDefinition>();
  for (const def of input.pinned) byHash.set(def.hash, def);
  for (const def of input.current.values()) byHash.set(def.hash, def);
  const env: EngineEnv = {
    vocabulary: input.vocabulary,
    messages: input.messages,
    resolve: (idOrHash) => input.current.get(idOrHash) ?? byHash.get(idOrHash),
  };
  return {
    env,
    current(id) {
      const def = input.current.get(id);
      if (!def) throw new Error(`conversation ${id} is not loaded`);
      return def;
    },
    all: () => [...input.current.values()],
  };
}
