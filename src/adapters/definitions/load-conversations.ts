// Reads conversations/*.yaml (one conversation per file) and messages.yaml.
// vocabulary.yaml is reply understanding's, loaded by vocabulary-file.ts;
// scenarios/ holds tests, not conversations.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConversationSources, type LoadedConversations, type SourceFile } from './conversation-sources.js';

export const MESSAGES_FILE = 'messages.yaml';
const NOT_CONVERSATIONS = new Set([MESSAGES_FILE, 'vocabulary.yaml']);

export async function conversationFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !NOT_CONVERSATIONS.has(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

async function readSource(file: string): Promise<SourceFile> {
  return { file, text: await readFile(file, 'utf8') };
}

async function readOptional(file: string): Promise<SourceFile | null> {
  try {
    return await readSource(file);
  } catch {
    return null;
  }
}

export async function loadConversations(dir: string): Promise<LoadedConversations> {
  const files = await conversationFilesIn(dir);
  const sources = await Promise.all(files.map(readSource));
  const messages = await readOptional(join(dir, MESSAGES_FILE));
  const loaded = loadConversationSources(sources, messages);
  if (!messages) loaded.problems.push({ file: join(dir, MESSAGES_FILE), message: 'missing: system messages are required' });
  return loaded;
}

/**
 * Validates the given files; a conversation file is checked against the other
 * conversations of its directory (so calls to them resolve).
 */
export async function validateFiles(paths: string[]): Promise<LoadedConversations> {
  const conversationPaths = paths.filter((p) => basename(p) !== MESSAGES_FILE);
  const messagesPath = paths.find((p) => basename(p) === MESSAGES_FILE);
  const sources = await Promise.all(conversationPaths.map(readSource));
  const given = new Set(conversationPaths.map((p) => resolve(p)));
  const siblings: string[] = [];
  for (const dir of new Set(conversationPaths.map((p) => dirname(p)))) {
    for (const file of await conversationFilesIn(dir).catch(() => [])) {
      if (!given.has(resolve(file))) siblings.push(basename(file).replace(/\.ya?ml$/, ''));
    }
  }
  return loadConversationSources(sources, messagesPath ? await readSource(messagesPath) : null, siblings);
}
