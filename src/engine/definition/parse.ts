// From a file's parsed YAML to a checked definition, and the canonical JSON
// its hash is computed from (key order never changes the hash).
import { conversationSchema, type ConversationDefinition } from './schema.js';
import { problemsFromZod, type Problem } from './problems.js';

export type ParseDefinitionResult = { ok: true; definition: ConversationDefinition } | { ok: false; problems: Problem[] };

export function parseDefinition(file: string, raw: unknown): ParseDefinitionResult {
  const parsed = conversationSchema.safeParse(raw);
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, problems: problemsFromZod(file, parsed.error) };
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
