// `careloop texts` (npm run texts): the measurement over every patient text,
// both languages, worst-case fill-ins; exits 1 when a target is missed.
import { loadConversations } from '../../adapters/definitions/load-conversations.js';
import { formatProblem } from '../../engine/definition/problems.js';
import { MAX_ENGLISH_GRADE } from '../../engine/definition/readability.js';
import { measureTexts, ONE_SEGMENT_TARGET } from '../../engine/definition/text-report.js';
import type { Output } from './output.js';

export async function runTexts(dir: string, verbose: boolean, output: Output): Promise<number> {
  const loaded = await loadConversations(dir);
  if (loaded.problems.length > 0 || !loaded.messages) {
    for (const problem of loaded.problems) output.err(formatProblem(problem));
    output.err('fix the problems above first (careloop validate).');
    return 1;
  }
  const report = measureTexts([...loaded.definitions.values()].map((d) => d.definition), loaded.messages);
  if (verbose) {
    output.out('text | en segments (plain) | en segments (worst) | es segments (worst) | en grade');
    for (const t of report.texts) output.out(`${t.where} | ${t.englishPlainSegments} | ${t.segments.en} | ${t.segments.es} | ${t.englishGrade.toFixed(1)}`);
    output.out('');
  }
  const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
  const grades = report.texts.map((t) => t.englishGrade);
  const lines: Array<[string, string, boolean]> = [
    ['texts measured (each in en and es)', String(report.texts.length), true],
    ['texts over 2 segments (target 0)', String(report.overTwoSegments.length), report.overTwoSegments.length === 0],
    [`English texts in one segment, longest plain fill-ins (target >= ${pct(ONE_SEGMENT_TARGET)})`, pct(report.englishOneSegmentShare), report.englishOneSegmentShare >= ONE_SEGMENT_TARGET],
    ['English texts in one segment with an accented name, plan and clinic too (no target)', pct(report.englishOneSegmentShareAccented), true],
    [`English texts above grade ${MAX_ENGLISH_GRADE} (target 0; highest ${Math.max(...grades).toFixed(1)})`, String(report.aboveGrade.length), report.aboveGrade.length === 0],
    ['parity gaps between English and Spanish (target 0)', String(report.parityGaps.length), report.parityGaps.length === 0],
    ['gendered words about the patient in Spanish (target 0)', String(report.gendered.length), report.gendered.length === 0],
  ];
  for (const [label, value, ok] of lines) output.out(`${ok ? 'ok  ' : 'MISS'}  ${label}: ${value}`);
  for (const detail of [...report.overTwoSegments, ...report.aboveGrade, ...report.parityGaps, ...report.gendered]) output.out(`      ${detail}`);
  return report.targetsMet ? 0 : 1;
}
