// The measurement behind `npm run texts`: every patient text (dialogue steps
// and system messages), both languages, with the worst-case fill-ins.
// Targets (issue 12): 0 texts over 2 segments, >= 90% of English texts in one
// segment, English grade <= 6 for every text, 0 parity gaps, 0 gendered words
// about the patient. Pure: the CLI loads the files and prints the result.
import { CONTEXT_EXAMPLES, canonicalPath, type Value } from '../context.js';
import { countSegments, MAX_SEGMENTS } from '../sms-segments.js';
import { renderTemplate } from '../template.js';
import { systemMessageVariables, SYSTEM_MESSAGE_KEYS, type SystemMessages } from '../system-messages.js';
import { countText, englishGrade, MAX_ENGLISH_GRADE } from './readability.js';
import { LANGS, type ConversationDefinition, type Lang, type LocalizedText } from './schema.js';
import { accentedVariant, genderedWords, parityGaps, worstCaseSegments } from './text-checks.js';
import { renderForReading } from './validate-text.js';
import { knownVariables } from './variables.js';

export interface MeasuredText {
  where: string;
  /** Worst case: the larger of plain long fill-ins and accented ones. */
  segments: Record<Lang, number>;
  /** English with the plain long fill-ins (12-letter name, 40-letter plan, 30-letter clinic). */
  englishPlainSegments: number;
  englishGrade: number;
  parityGaps: string[];
  gendered: string[];
}

export interface TextReport {
  texts: MeasuredText[];
  overTwoSegments: string[];
  /** English texts in one segment with the plain long fill-ins (the target). */
  englishOneSegmentShare: number;
  /** The same with an accented name, plan and clinic (UCS-2: 70 per segment); reported, no target. */
  englishOneSegmentShareAccented: number;
  aboveGrade: string[];
  parityGaps: string[];
  gendered: string[];
  targetsMet: boolean;
}

export const ONE_SEGMENT_TARGET = 0.9;

function measure(where: string, text: LocalizedText, known: Map<string, Value>): MeasuredText {
  const accented = accentedVariant(known);
  const segments = Object.fromEntries(LANGS.map((lang) => [lang, worstCaseSegments(text[lang], lang, known, accented).segments])) as Record<Lang, number>;
  return {
    where,
    segments,
    englishPlainSegments: countSegments(renderTemplate(text.en, (name) => known.get(canonicalPath(name)), 'en')).segments,
    englishGrade: englishGrade(countText(renderForReading(text.en, 'en', known), 'en')),
    parityGaps: parityGaps(text.en, text.es),
    gendered: genderedWords(text.es),
  };
}

function stepTexts(definition: ConversationDefinition): Array<[string, LocalizedText]> {
  const out: Array<[string, LocalizedText]> = [];
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.say) out.push([`${definition.id} ${id} say`, step.say]);
    if (step.retry) out.push([`${definition.id} ${id} retry`, step.retry]);
    if (step.remind && step.remind.say) out.push([`${definition.id} ${id} remind`, step.remind.say]);
  }
  return out;
}

export function measureTexts(definitions: ConversationDefinition[], messages: SystemMessages): TextReport {
  const texts: MeasuredText[] = [];
  for (const definition of definitions) {
    const known = knownVariables(definition);
    for (const [where, text] of stepTexts(definition)) texts.push(measure(where, text, known));
  }
  for (const key of SYSTEM_MESSAGE_KEYS) {
    const known = new Map<string, Value>(systemMessageVariables(key).map((name) => [name, CONTEXT_EXAMPLES[name] ?? null]));
    texts.push(measure(`messages ${key}`, messages[key], known));
  }
  const overTwoSegments = texts.flatMap((t) => LANGS.filter((l) => t.segments[l] > MAX_SEGMENTS).map((l) => `${t.where} (${l}): ${t.segments[l]} segments`));
  const share = (ok: (t: MeasuredText) => boolean) => texts.filter(ok).length / Math.max(1, texts.length);
  const englishOneSegmentShare = share((t) => t.englishPlainSegments === 1);
  const englishOneSegmentShareAccented = share((t) => t.segments.en === 1);
  const aboveGrade = texts.filter((t) => t.englishGrade > MAX_ENGLISH_GRADE).map((t) => `${t.where}: grade ${t.englishGrade.toFixed(1)}`);
  const gaps = texts.flatMap((t) => t.parityGaps.map((g) => `${t.where}: ${g}`));
  const gendered = texts.flatMap((t) => t.gendered.map((w) => `${t.where}: "${w}"`));
  return {
    texts,
    overTwoSegments,
    englishOneSegmentShare,
    englishOneSegmentShareAccented,
    aboveGrade,
    parityGaps: gaps,
    gendered,
    targetsMet:
      overTwoSegments.length === 0 && englishOneSegmentShare >= ONE_SEGMENT_TARGET && aboveGrade.length === 0 && gaps.length === 0 && gendered.length === 0,
  };
}
