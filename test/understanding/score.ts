// Scores labelled replies the way issue #10 measures them: recall and precision
// per category, needless 911 texts, wrong day counts, opt-out errors, and
// whether every reply that needs a person reaches one. Shared by the corpus
// test (npm test) and the held-out script (npm run heldout).
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { analyseReply, parseCount, type ReplySignals, type Vocabulary } from '../../src/engine/understanding/index.js';
import { readDaysReply } from '../../src/engine/understanding/days-reply.js';

const category = z.enum(['self_harm', 'chest_pain', 'breathing', 'stroke', 'fainting', 'fall', 'glucose_low', 'glucose_high',
  'severe_pain', 'bleeding', 'overdose', 'other']);
export const entrySchema = z.strictObject({
  text: z.string(),
  lang: z.enum(['en', 'es', 'mixed']).optional(),
  urgent: z.union([category, z.array(category)]).optional(),
  /** Self-harm worded indirectly (no "suicide", "kill myself"). */
  indirect: z.boolean().default(false),
  /** Someone else's present emergency: a bystander's safety text, not the patient's. */
  bystander: z.boolean().default(false),
  human: z.boolean().default(false),
  mood: z.boolean().default(false),
  keyword: z.enum(['opt_out', 'opt_in', 'help']).optional(),
  days: z.union([z.number().int(), z.literal('ask')]).optional(),
});
export type Entry = z.output<typeof entrySchema> & { file: string };

export async function readEntries(file: string, name = file): Promise<Entry[]> {
  const raw: unknown = parse(await readFile(file, 'utf8'));
  return z.array(entrySchema).parse(raw).map((e) => ({ ...e, file: name }));
}

export class Tally {
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

export interface Score {
  entries: number;
  urgent: Tally;
  indirectSelfHarm: Tally;
  selfHarm: Tally;
  bystander: Tally;
  /** Needs a person (urgent, bystander, human or mood label): reaches one by any route. */
  reachesPerson: Tally;
  human: Tally;
  lowMood: Tally;
  optOut: Tally;
  optInHelp: Tally;
  categoryAgreement: number;
  /** 911 sent to someone whose reply holds no emergency of theirs. */
  needless911: string[];
  days: { total: number; right: number; wrongNumbers: string[]; misses: string[] };
}

const expectedUrgent = (e: Entry): string[] => (e.urgent === undefined ? [] : [e.urgent].flat());

/** What careloop does with a reply to "How many days…? Reply 0-7." */
export function outcome(text: string, vocab: Vocabulary): { signals: ReplySignals; days: ReturnType<typeof readDaysReply> } {
  const signals = analyseReply(text, vocab);
  return { signals, days: readDaysReply(text, signals) };
}

export function score(entries: Entry[], vocab: Vocabulary): Score {
  const s: Score = {
    entries: entries.length,
    urgent: new Tally(), indirectSelfHarm: new Tally(), selfHarm: new Tally(), bystander: new Tally(), reachesPerson: new Tally(),
    human: new Tally(), lowMood: new Tally(), optOut: new Tally(), optInHelp: new Tally(),
    categoryAgreement: 0, needless911: [], days: { total: 0, right: 0, wrongNumbers: [], misses: [] },
  };
  for (const e of entries) {
    const { signals: got, days } = outcome(e.text, vocab);
    const labels = expectedUrgent(e);
    const isUrgent = labels.length > 0;
    s.urgent.add(isUrgent, got.urgent !== null, e.text);
    if (got.urgent && labels.includes(got.urgent.category)) s.categoryAgreement++;
    if (labels.includes('self_harm')) {
      s.selfHarm.add(true, got.urgent !== null, e.text);
      if (e.indirect) s.indirectSelfHarm.add(true, got.urgent !== null, e.text);
    }
    s.bystander.add(e.bystander, got.bystander !== null, e.text);
    if (!isUrgent && got.urgent) s.needless911.push(`${e.text} -> ${got.urgent.category} "${got.urgent.evidence}"`);
    const needsPerson = isUrgent || e.bystander || e.human || e.mood;
    // Urgent, bystander and keyword replies are handled before the question is: they never reach the staff queue.
    const handledFirst = got.urgent !== null || got.bystander !== null || got.keyword !== null;
    const toStaff = !handledFirst && (got.human !== null || days.kind === 'to_staff');
    const reached = got.urgent !== null || got.bystander !== null || toStaff || got.lowMood !== null;
    s.reachesPerson.add(needsPerson, reached, e.text);
    if (!isUrgent && !e.bystander) s.human.add(e.human, toStaff, e.text);
    if (!isUrgent) s.lowMood.add(e.mood, got.lowMood !== null, e.text);
    s.optOut.add(e.keyword === 'opt_out', got.keyword === 'opt_out', e.text);
    const inOrHelp = (k: string | null | undefined): boolean => k === 'opt_in' || k === 'help';
    s.optInHelp.add(inOrHelp(e.keyword), inOrHelp(got.keyword), e.text);
    if (inOrHelp(e.keyword) && inOrHelp(got.keyword) && e.keyword !== got.keyword) s.optInHelp.misses.push(`wrong keyword: ${e.text}`);
    // Day counts are recorded only when the reply is not urgent and not a keyword.
    if (isUrgent || e.keyword) continue;
    const recorded = days.kind === 'count' ? days.value : null;
    if (typeof e.days === 'number') {
      s.days.total++;
      if (recorded === e.days) s.days.right++;
      else s.days.misses.push(`${e.text} -> ${JSON.stringify(days)}`);
    } else if (e.days === 'ask') {
      s.days.total++;
      if (recorded === null) s.days.right++;
      else s.days.misses.push(`${e.text} -> ${JSON.stringify(days)}`);
    }
    // Held-out batches are all replies to the days question, so an unlabelled count is wrong there;
    // the older corpus files label days only where the reply was written as an answer.
    const answersDays = e.days !== undefined || e.file.startsWith('heldout/') || e.file.includes('/heldout/');
    if (recorded !== null && recorded !== e.days && answersDays) s.days.wrongNumbers.push(`${e.text} -> ${recorded}`);
  }
  return s;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function report(s: Score): string {
  const row = (name: string, t: Tally) => `| ${name} | ${pct(t.recall)} (${t.tp}/${t.tp + t.fn}) | ${pct(t.precision)} | ${t.fp} |`;
  const lines = [
    `${s.entries} replies`,
    '',
    '| measure | recall | precision | false positives |',
    '|---|---|---|---|',
    row('urgent, all', s.urgent),
    row('self-harm, all', s.selfHarm),
    row('self-harm, indirect', s.indirectSelfHarm),
    row('bystander emergency', s.bystander),
    row('needs a person: reaches one', s.reachesPerson),
    row('routine: reaches staff', s.human),
    row('low mood', s.lowMood),
    row('opt-out', s.optOut),
    row('opt-in / help', s.optInHelp),
    `| day counts understood | ${pct(s.days.total ? s.days.right / s.days.total : 1)} (${s.days.right}/${s.days.total}) | | |`,
    '',
    `- urgent category agreement: ${s.categoryAgreement}/${s.urgent.tp}`,
    `- "call 911" to a reply with no emergency of the patient's: ${s.needless911.length}`,
    `- wrong day counts recorded: ${s.days.wrongNumbers.length}`,
  ];
  return lines.join('\n');
}

export function misses(s: Score): string[] {
  const tallies: Array<[string, Tally]> = [['urgent', s.urgent], ['bystander', s.bystander], ['reaches-person', s.reachesPerson],
    ['human', s.human], ['mood', s.lowMood], ['opt-out', s.optOut], ['opt-in/help', s.optInHelp]];
  return [
    ...tallies.flatMap(([n, t]) => t.misses.map((m) => `${n} ${m}`)),
    ...s.needless911.map((m) => `needless-911 ${m}`),
    ...s.days.wrongNumbers.map((m) => `WRONG-DAYS ${m}`),
    ...s.days.misses.map((m) => `days ${m}`),
  ];
}
