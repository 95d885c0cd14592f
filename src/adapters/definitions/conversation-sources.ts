// Turns the text of conversation files into loaded, validated definitions.
// Pure apart from hashing, so tests can feed broken definitions inline.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { canonicalJson, parseDefinition } from '../../engine/definition/parse.js';
import { problemsFromZod, type Problem } from '../../engine/definition/problems.js';
import type { ConversationDefinition, LoadedDefinition } from '../../engine/definition/schema.js';
import { validateConversations, validateSystemMessages, type ParsedFile } from '../../engine/definition/validate.js';
import { systemMessagesSchema, type SystemMessages } from '../../engine/system-messages.js';

export interface SourceFile {
  file: string;
  text: string;
}

export interface LoadedConversations {
  /** Only definitions without problems, by conversation id. */
  definitions: Map<string, LoadedDefinition>;
  /** Null when messages.yaml is missing or has problems. */
  messages: SystemMessages | null;
  problems: Problem[];
  /** Printed by `careloop validate`; never stop a file loading. */
  warnings: Problem[];
}

export function hashDefinition(definition: ConversationDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

function readYaml(source: SourceFile): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: parseYaml(source.text, { uniqueKeys: true }) };
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    return { ok: false, problem: { file: source.file, message: `not valid YAML: ${detail}` } };
  }
}

export function loadSystemMessages(source: SourceFile): { messages: SystemMessages | null; problems: Problem[]; warnings: Problem[] } {
  const yaml = readYaml(source);
  if (!yaml.ok) return { messages: null, problems: [yaml.problem], warnings: [] };
  const parsed = systemMessagesSchema.safeParse(yaml.value);
  if (!parsed.success) return { messages: null, problems: problemsFromZod(source.file, parsed.error, true), warnings: [] };
  const found = validateSystemMessages(source.file, parsed.data);
  const problems = found.filter((p) => !p.warning);
  return { messages: problems.length === 0 ? parsed.data : null, problems, warnings: found.filter((p) => p.warning) };
}

/**
 * Loads conversation files. `otherIds` are conversations known to exist
 * elsewhere (when validating a few files against a directory).
 */
export function loadConversationSources(sources: SourceFile[], messages: SourceFile | null, otherIds: Iterable<string> = []): LoadedConversations {
  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  for (const source of sources) {
    const yaml = readYaml(source);
    if (!yaml.ok) { problems.push(yaml.problem); continue; }
    const result = parseDefinition(source.file, yaml.value);
    if (!result.ok) { problems.push(...result.problems); continue; }
    parsed.push({ file: source.file, baseName: basename(source.file).replace(/\.ya?ml$/, ''), definition: result.definition });
  }
  const broken = new Set(problems.map((p) => p.file));
  const found = validateConversations(parsed, otherIds);
  const validation = found.filter((p) => !p.warning);
  const warnings = found.filter((p) => p.warning);
  problems.push(...validation);
  validation.forEach((p) => broken.add(p.file));
  const definitions = new Map<string, LoadedDefinition>();
  for (const { file, definition } of parsed) {
    if (definitions.has(definition.id)) problems.push({ file, message: `another file already declares id "${definition.id}"` });
    else if (!broken.has(file)) definitions.set(definition.id, { hash: hashDefinition(definition), definition });
  }
  let loadedMessages: SystemMessages | null = null;
  if (messages) {
    const result = loadSystemMessages(messages);
    loadedMessages = result.messages;
    problems.push(...result.problems);
    warnings.push(...result.warnings);
  }
  return { definitions, messages: loadedMessages, problems, warnings };
}
