// loadVocabularyFile: the shipped file loads; a broken file is rejected with a
// message that names the file and every problem.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVocabularyFile } from '../../src/adapters/definitions/vocabulary-file.js';

const SHIPPED = new URL('../../conversations/vocabulary.yaml', import.meta.url).pathname;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'careloop-vocab-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('loadVocabularyFile', () => {
  it('loads the shipped vocabulary, English and Spanish, every category filled', async () => {
    const v = await loadVocabularyFile(SHIPPED);
    for (const list of [...Object.values(v.urgent), ...Object.values(v.human)]) expect(list.length).toBeGreaterThan(0);
    expect(v.urgent.self_harm).toEqual(expect.arrayContaining(['kms', 'me quiero morir']));
    expect(v.optOut.length).toBeGreaterThan(10);
  });

  it('names the file and each problem', async () => {
    const path = await write('bad.yaml', [
      'version: 1',
      'urgent: { chest_pain: ["chest pain", ""], self_harm: "not a list", typo_category: [] }',
      'human: {}',
      'lowMood: []',
      'optOut: ["... stop"]',
      'negation: { cues: [no], bridges: [] }',
      'benign: []',
      'resolved: []',
      'past: []',
    ].join('\n'));
    const err = await loadVocabularyFile(path).then(() => null, (e: unknown) => e as Error);
    expect(err?.message).toContain(path);
    expect(err?.message).toMatch(/urgent\.chest_pain\.1/);
    expect(err?.message).toMatch(/urgent\.self_harm/);
    expect(err?.message).toMatch(/typo_category/);
    expect(err?.message).toMatch(/optOut\.0/);
  });

  it('reports invalid YAML and a missing file with the path', async () => {
    const path = await write('broken.yaml', 'urgent: [unclosed');
    await expect(loadVocabularyFile(path)).rejects.toThrow(/broken\.yaml.*not valid YAML/);
    await expect(loadVocabularyFile(join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml.*cannot read/);
  });
});
