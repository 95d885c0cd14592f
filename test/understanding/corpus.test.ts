// The labelled corpus: every reply in test/understanding/corpus-*.yaml and in
// the held-out batches already measured (heldout/*.yaml, see HELDOUT.md) is
// run as careloop reads a reply to the weekly question; the figures issue #10
// asks for are printed, and the test fails below its targets.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVocabularyFile } from '../../src/adapters/definitions/vocabulary-file.js';
import { misses, readEntries, report, score, type Entry, type Score } from './score.js';

const HERE = new URL('.', import.meta.url).pathname;
const VOCAB = new URL('../../conversations/vocabulary.yaml', import.meta.url).pathname;

let entries: Entry[] = [];
let s: Score;

beforeAll(async () => {
  const vocab = await loadVocabularyFile(VOCAB);
  const files = [
    ...(await readdir(HERE)).filter((f) => /^corpus-.*\.yaml$/.test(f)).map((f) => join(HERE, f)),
    ...(await readdir(join(HERE, 'heldout'))).filter((f) => f.endsWith('.yaml')).map((f) => join(HERE, 'heldout', f)),
  ].sort();
  for (const file of files) entries.push(...(await readEntries(file, file.slice(HERE.length))));
  s = score(entries, vocab);
  console.log(report(s));
  const left = misses(s);
  if (left.length) console.log(left.join('\n'));
});

describe('the labelled reply corpus', () => {
  it('holds at least 1,000 replies, a held-out batch among them', () => {
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    expect(entries.some((e) => e.file.startsWith('heldout/'))).toBe(true);
  });

  it('finds >= 98% of urgent replies and >= 95% of indirect self-harm, with precision >= 90%', () => {
    expect(s.urgent.recall).toBeGreaterThanOrEqual(0.98);
    expect(s.indirectSelfHarm.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.urgent.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('never tells a patient with no emergency of their own to call 911', () => {
    expect(s.needless911).toEqual([]);
  });

  it('names the right urgent category for >= 95% of urgent replies', () => {
    expect(s.categoryAgreement / s.urgent.tp).toBeGreaterThanOrEqual(0.95);
  });

  it('gives a bystander safety text for >= 90% of other people\'s emergencies now', () => {
    expect(s.bystander.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('puts >= 95% of replies that need a person in front of one', () => {
    expect(s.reachesPerson.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('finds low mood with precision and recall >= 85%', () => {
    expect(s.lowMood.recall).toBeGreaterThanOrEqual(0.85);
    expect(s.lowMood.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('detects every opt-out and no false opt-outs', () => {
    expect(s.optOut.misses).toEqual([]);
  });

  it('understands >= 95% of day counts and never records a wrong number', () => {
    expect(s.days.wrongNumbers).toEqual([]);
    expect(s.days.right / s.days.total).toBeGreaterThanOrEqual(0.95);
  });
});
