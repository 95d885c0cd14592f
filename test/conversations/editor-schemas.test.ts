// The editors' JSON Schemas (conversations/conversation.schema.json and
// conversations/scenarios/scenario.schema.json): up to date with the zod
// schemas, referenced from every conversation file, accepting every shipped
// file and rejecting broken ones, as careloop itself does.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { conversationFilesIn } from '../../src/adapters/definitions/load-conversations.js';
import { conversationSchema } from '../../src/engine/definition/schema.js';
import { editorSchemas, editorSchemaText } from '../../src/engine/editor-schemas.js';
import { parseScenarioStep, scenarioSchema } from '../../src/engine/simulation/scenario.js';
import { errorText, newAjv } from '../support/ajv.js';
import { CONVERSATIONS_DIR } from '../engine/support/env.js';

const ROOT = join(CONVERSATIONS_DIR, '..');
const MODELINE = '# yaml-language-server: $schema=./conversation.schema.json';
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
const readYaml = (file: string) => parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;

const ajv = newAjv();
const conversationValid = ajv.compile(readJson('conversations/conversation.schema.json'));
const scenarioValid = ajv.compile(readJson('conversations/scenarios/scenario.schema.json'));
const conversationFiles = await conversationFilesIn(CONVERSATIONS_DIR);
const scenarioDir = join(CONVERSATIONS_DIR, 'scenarios');
const scenarioFiles = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(scenarioDir, f));

/** Both checks agree: the editor flags exactly what careloop's loader rejects on shape. */
function conversationVerdicts(value: unknown): { editor: boolean; careloop: boolean } {
  return { editor: conversationValid(value), careloop: conversationSchema.safeParse(value).success };
}

describe('editor JSON Schemas', () => {
  it.each(editorSchemas().map((entry) => [entry.file, entry] as const))('when %s is compared with its zod schema, then it is up to date (npm run schema)', (file, entry) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).toBe(editorSchemaText(entry));
  });

  it('when the conversations folder is listed, then there are conversation files to check', () => {
    expect(conversationFiles.length).toBeGreaterThanOrEqual(8);
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(40);
  });

  it.each(conversationFiles)('when %s is opened, then its first line points the YAML language server at the schema', (file) => {
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(MODELINE);
  });

  it.each(conversationFiles)('when %s is checked against the JSON Schema, then it is accepted', (file) => {
    const ok = conversationValid(readYaml(file));
    expect(ok, errorText(conversationValid.errors)).toBe(true);
  });

  it.each(scenarioFiles)('when scenario %s is checked against the JSON Schema, then it is accepted', (file) => {
    const ok = scenarioValid(readYaml(file));
    expect(ok, errorText(scenarioValid.errors)).toBe(true);
  });

  const good = readYaml(join(CONVERSATIONS_DIR, 'daily-log.yaml'));
  const firstStep = (doc: Record<string, unknown>) => Object.values(doc.steps as Record<string, Record<string, unknown>>)[0]!;
  const broken: [string, (doc: Record<string, unknown>) => void][] = [
    ['a misspelled step key (sya for say)', (doc) => { const step = firstStep(doc); step.sya = step.say; delete step.say; }],
    ['a message without its Spanish text', (doc) => { delete (firstStep(doc).say as Record<string, unknown>).es; }],
    ['an unknown answer type', (doc) => { firstStep(doc).expect = { type: 'maybe' }; }],
    ['a step id with capitals', (doc) => { (doc.steps as Record<string, unknown>).AskToday = firstStep(doc); }],
    ['no steps at all', (doc) => { delete doc.steps; }],
    ['an unknown top-level key', (doc) => { doc.versoin = 2; }],
  ];

  it('when the shipped file is checked, then the JSON Schema and careloop both accept it', () => {
    expect(conversationVerdicts(good)).toEqual({ editor: true, careloop: true });
  });

  it.each(broken)('when a conversation has %s, then the JSON Schema rejects it, as careloop does', (_what, breakIt) => {
    const doc = structuredClone(good);
    breakIt(doc);
    expect(conversationVerdicts(doc)).toEqual({ editor: false, careloop: false });
  });

  it('when a scenario step is misspelled (say for says), then the JSON Schema rejects it, as careloop does', () => {
    const doc = readYaml(scenarioFiles[0]!);
    const steps = doc.steps as Record<string, unknown>[];
    steps.push({ say: 'thanks' });
    expect(scenarioValid(doc)).toBe(false);
    expect(scenarioSchema.safeParse(doc).success).toBe(true); // steps are checked one by one:
    expect(parseScenarioStep({ say: 'thanks' }).ok).toBe(false);
  });
});
