// Checks on one patient text that need no conversation graph: worst-case SMS
// size, equal content in English and Spanish, and neutral Spanish about the
// patient. Used by `careloop validate` and by the texts report.
import { ACCENTED_EXAMPLES, canonicalPath, type Value } from '../context.js';
import { countSegments, type SegmentCount } from '../sms-segments.js';
import { renderTemplate, templateNames } from '../template.js';
import { sentencesOf } from './readability.js';
import type { Lang } from './schema.js';

const ACUTE: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

/** Same length, one accented vowel: forces UCS-2 without making the value shorter. */
function accentOne(value: string): string {
  return value.replace(/[aeiou]/, (v) => ACUTE[v] ?? v);
}

const ACCENTED = new WeakMap<Map<string, Value>, Map<string, Value>>();

/** The known values again, every text value accented (the UCS-2 worst case); computed once per map. */
export function accentedVariant(known: Map<string, Value>): Map<string, Value> {
  const cached = ACCENTED.get(known);
  if (cached) return cached;
  const out = new Map<string, Value>();
  ACCENTED.set(known, out);
  for (const [name, value] of known) {
    out.set(name, ACCENTED_EXAMPLES[name] ?? (typeof value === 'string' ? accentOne(value) : value));
  }
  return out;
}

/** The larger of the two renders (plain long values, accented long values). */
export function worstCaseSegments(template: string, lang: Lang, known: Map<string, Value>, accented: Map<string, Value>): SegmentCount & { rendered: string } {
  let worst: (SegmentCount & { rendered: string }) | undefined;
  for (const values of [known, accented]) {
    const rendered = renderTemplate(template, (name) => values.get(canonicalPath(name)), lang);
    const count = countSegments(rendered);
    if (!worst || count.segments > worst.segments || (count.segments === worst.segments && count.units > worst.units)) worst = { ...count, rendered };
  }
  return worst as SegmentCount & { rendered: string };
}

// Reply keywords that must appear in both languages when one has them.
const KEYWORD_PAIRS: Array<[RegExp, RegExp, string]> = [
  [/\bYES\b/, /\bSI\b/, 'YES/SI'],
  [/\bDONE\b/, /\bLISTO\b/, 'DONE/LISTO'],
  [/\bCALL ME\b/, /\bLLAMENME\b/, 'CALL ME/LLAMENME'],
  [/\bHELP\b/, /\b(AYUDA|HELP)\b/, 'HELP/AYUDA'],
  [/\bSTOP\b/, /\bSTOP\b/, 'STOP'],
  [/\bReply\b|\b[Pp]lease reply\b|\breply [A-Z]{2,}|\bText [A-Z]{2,}/, /\b[Rr]esponda\b|\bEscriba [A-Z]{2,}/, 'how to reply (Reply/Responda)'],
];

function multiset(items: string[]): string {
  return [...items].sort().join(' ');
}

/**
 * Differences in content between the English and the Spanish of one text:
 * fill-ins, numbers, sentences, questions, bracketed notes, reply keywords.
 * Wording may differ; what the patient is told or asked may not.
 */
export function parityGaps(en: string, es: string): string[] {
  const gaps: string[] = [];
  const names = (t: string) => multiset([...new Set(templateNames(t).map(canonicalPath))]);
  if (names(en) !== names(es)) gaps.push(`fill-ins differ (en: ${names(en) || 'none'}; es: ${names(es) || 'none'})`);
  const numbers = (t: string) => multiset(t.replace(/\{\{[^}]*\}\}/g, '').match(/\d+/g) ?? []);
  if (numbers(en) !== numbers(es)) gaps.push(`numbers differ (en: ${numbers(en) || 'none'}; es: ${numbers(es) || 'none'})`);
  const sentences = (t: string) => sentencesOf(t.replace(/\{\{[^}]*\}\}/g, 'X')).length;
  if (sentences(en) !== sentences(es)) gaps.push(`sentence count differs (en ${sentences(en)}, es ${sentences(es)}): something is missing in one language`);
  const questions = (t: string) => (t.match(/\?/g) ?? []).length;
  if (questions(en) !== questions(es)) gaps.push(`number of questions differs (en ${questions(en)}, es ${questions(es)})`);
  const brackets = (t: string) => (t.match(/\(/g) ?? []).length;
  if (brackets(en) !== brackets(es)) gaps.push(`bracketed notes differ (en ${brackets(en)}, es ${brackets(es)})`);
  for (const [enWord, esWord, label] of KEYWORD_PAIRS) {
    if (enWord.test(en) !== esWord.test(es)) gaps.push(`${label} is in only one language`);
  }
  return gaps;
}

/**
 * Spanish words that would give the patient a gender (usted is neutral; these
 * adjectives are not). Neutral forms exist: "¿Cuánta confianza tiene…?",
 * "nada de confianza", "Le damos la bienvenida", "no tiene que hacerlo sin ayuda".
 * Lower-case "listo" only: "Escriba LISTO" is a keyword, not an adjective.
 */
const GENDERED = /\b(segur[oa]s?|solo|sola|bienvenid[oa]s?|cansad[oa]|agotad[oa]|contento|contenta|preocupad[oa]|motivad[oa]|list[oa](?!\p{L})|enferm[oa]|adolorid[oa]|ocupad[oa]|orgullos[oa])\b/gu;

export function genderedWords(es: string): string[] {
  const plain = es.replace(/\{\{[^}]*\}\}/g, '');
  return [...plain.matchAll(GENDERED)].map((m) => m[0]).filter((w) => w !== 'LISTO');
}
