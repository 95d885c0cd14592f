// The labelled corpus: every reply in test/understanding/corpus-*.yaml is run
// through analyseReply and (when labelled with days) parseCount; precision and
// recall per category are printed and checked against issue #7's targets.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadVocabularyFile } from '../../src/adapters/definitions/vocabulary-file.js';
import { analyseReply, parseCount, type ReplySignals, type Vocabulary } from '../../src/engine/understanding/index.js';

const HERE = new URL('.', import.meta.url).pathname;
const VOCAB = new URL('../../conversations/vocabulary.yaml', import.meta.url).pathname;

const category = z.enum(['self_harm', 'chest_pain', 'breathing', 'stroke', 'fainting', 'fall', 'glucose_low', 'glucose_high',
  'severe_pain', 'bleeding', 'overdose', 'other']);
const entrySchema = z.strictObject({
  text: z.string(),
  urgent: z.union([category, z.array(category)]).optional(),
  human: z.boolean().default(false),
  mood: z.boolean().default(false),
  keyword: z.enum(['opt_out', 'opt_in', 'help']).optional(),
  days: z.union([z.number().int(), z.literal('ask')]).optional(),
});
type Entry = z.output<typeof entrySchema> & { file: string };
interface Scored { entry: Entry; got: ReplySignals }

class Tally {
  tp = 0; fp = 0; fn = 0; tn = 0;
  misses: string[] = [];
  add(expected: boolean, actual: boolean, text: string): void {
    if (expected && actual) this.tp++;
    else if (expected) { this.fn++; this.misses.push(`missed: ${text}`); }
    else if (actual) { this.fp++; this.misses.push(`false: ${text}`); }
    else this.tn++;
  }
  get precision(): number { return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp); }
  get recall(): number { return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn); }
}

let vocab: Vocabulary;
let entries: Entry[] = [];
let scored: Scored[] = [];

beforeAll(async () => {
  vocab = await loadVocabularyFile(VOCAB);
  const files = (await readdir(HERE)).filter((f) => /^corpus-.*\.yaml$/.test(f)).sort();
  for (const file of files) {
    const raw: unknown = parse(await readFile(join(HERE, file), 'utf8'));
    const list = z.array(entrySchema).parse(raw);
    entries.push(...list.map((e) => ({ ...e, file })));
  }
  scored = entries.map((entry) => ({ entry, got: analyseReply(entry.text, vocab) }));
});

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const expectedUrgent = (e: Entry): string[] => (e.urgent === undefined ? [] : [e.urgent].flat());

describe('the labelled reply corpus', () => {
  const tallies = {
    urgent: new Tally(), human: new Tally(), lowMood: new Tally(), optOut: new Tally(), optInHelp: new Tally(),
  };
  let categoryAgreement = 0;
  let benign = 0;
  let falseEscalations: string[] = [];
  let days = { total: 0, right: 0, wrongNumbers: [] as string[], misses: [] as string[] };

  beforeAll(() => {
    for (const { entry: e, got } of scored) {
      const urgentLabels = expectedUrgent(e);
      tallies.urgent.add(urgentLabels.length > 0, got.urgent !== null, e.text);
      if (got.urgent && urgentLabels.includes(got.urgent.category)) categoryAgreement++;
      // Routine escalation is measured where no urgent one is expected: an urgent reply already reaches a person.
      if (urgentLabels.length === 0) tallies.human.add(e.human, got.human !== null, e.text);
      tallies.lowMood.add(e.mood, got.lowMood !== null, e.text);
      tallies.optOut.add(e.keyword === 'opt_out', got.keyword === 'opt_out', e.text);
      const inOrHelp = (k: string | null | undefined): boolean => k === 'opt_in' || k === 'help';
      tallies.optInHelp.add(inOrHelp(e.keyword), inOrHelp(got.keyword), e.text);
      if (inOrHelp(e.keyword) && inOrHelp(got.keyword) && e.keyword !== got.keyword) tallies.optInHelp.misses.push(`wrong keyword: ${e.text}`);
      if (urgentLabels.length === 0 && !e.human) {
        benign++;
        if (got.urgent || got.human) falseEscalations.push(`${e.text} -> ${JSON.stringify(got.urgent ?? got.human)}`);
      }
      if (e.days !== undefined) {
        days.total++;
        const r = parseCount(e.text, { min: 0, max: 7 });
        const ok = e.days === 'ask' ? !r.ok : r.ok && r.value === e.days;
        if (ok) days.right++;
        else days.misses.push(`${e.text} -> ${JSON.stringify(r)}`);
        if (r.ok && r.value !== e.days) days.wrongNumbers.push(`${e.text} -> ${r.value}`);
      }
    }
    const rows = Object.entries(tallies).map(([name, t]) => ({
      category: name, precision: pct(t.precision), recall: pct(t.recall), tp: t.tp, fp: t.fp, fn: t.fn,
    }));
    rows.push({ category: 'day counts', precision: `${days.wrongNumbers.length} wrong`, recall: pct(days.right / days.total), tp: days.right, fp: days.wrongNumbers.length, fn: days.total - days.right });
    console.log(`corpus: ${entries.length} replies; ${benign} need no escalation, ${falseEscalations.length} escalated (${pct(falseEscalations.length / benign)}); urgent category agreement ${categoryAgreement}/${tallies.urgent.tp}`);
    console.table(rows);
    const misses = [...Object.entries(tallies).flatMap(([n, t]) => t.misses.map((m) => `${n} ${m}`)), ...days.misses.map((m) => `days ${m}`)];
    if (misses.length) console.log(misses.join('\n'));
  });

  it('holds at least 400 replies', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
  });

  it('finds every urgent reply (recall 100%) with precision >= 90%', () => {
    expect(tallies.urgent.misses.filter((m) => m.startsWith('missed'))).toEqual([]);
    expect(tallies.urgent.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('names the right urgent category for >= 95% of urgent replies', () => {
    expect(categoryAgreement / tallies.urgent.tp).toBeGreaterThanOrEqual(0.95);
  });

  it('escalates <= 3% of replies that need no escalation', () => {
    expect(falseEscalations.length / benign).toBeLessThanOrEqual(0.03);
  });

  it('finds routine requests and low mood with precision and recall >= 90%', () => {
    for (const t of [tallies.human, tallies.lowMood]) {
      expect(t.precision).toBeGreaterThanOrEqual(0.9);
      expect(t.recall).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('detects every opt-out and no false opt-outs; opt-in and help exactly', () => {
    expect(tallies.optOut.misses).toEqual([]);
    expect(tallies.optInHelp.misses).toEqual([]);
  });

  it('understands >= 98% of day counts and never records a wrong number', () => {
    expect(days.wrongNumbers).toEqual([]);
    expect(days.right / days.total).toBeGreaterThanOrEqual(0.98);
  });
});
