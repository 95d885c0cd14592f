// Loads the conversation catalog for the service: the current files (refusing
// to start on any validation problem) plus every version pinned in Postgres.
import type { Db } from '../db/connect.js';
import { loadDefinitionVersions } from '../db/repositories/sessions.js';
import type { ConversationDefinition, LoadedDefinition } from '../../engine/definition/schema.js';
import { createCatalog, type ConversationCatalog } from '../../app/conversation-catalog.js';
import { loadEngineEnv } from './engine-env.js';

export class ConversationFilesError extends Error {
  constructor(problems: { file: string; step?: string; message: string }[]) {
    super(`conversation files have ${problems.length} problem(s):\n${problems.map((p) => `  - ${p.file}${p.step ? ` (step ${p.step})` : ''}: ${p.message}`).join('\n')}`);
    this.name = 'ConversationFilesError';
  }
}

export async function loadCatalog(dir: string, db: Db): Promise<ConversationCatalog> {
  const loaded = await loadEngineEnv(dir);
  if (!loaded.ok) throw new ConversationFilesError(loaded.problems);
  const pinned: LoadedDefinition[] = (await loadDefinitionVersions(db)).map((row) => ({ hash: row.hash, definition: row.definition as ConversationDefinition }));
  return createCatalog({ current: loaded.definitions, pinned, messages: loaded.env.messages, vocabulary: loaded.env.vocabulary });
}
