// Checks one patient-facing text in every language: template names, plural
// forms, stray braces, the SMS size once rendered with worst-case long values
// (plain and accented), equal content in both languages, neutral Spanish; and
// the reading level of a whole dialogue's texts.
import type { Value } from '../context.js';
import { canonicalPath } from '../context.js';
import { MAX_SEGMENTS } from '../sms-segments.js';
import { hasStrayBraces, isValidTemplateName, renderTemplate, templatePlaceholders } from '../template.js';
import {
  addCounts, countText, englishGrade, longSentences, MAX_ENGLISH_GRADE, MAX_SENTENCE_WORDS, MIN_SPANISH_EASE, spanishEase,
} from './readability.js';
import { LANGS, type Lang, type LocalizedText } from './schema.js';
import { accentedVariant, genderedWords, parityGaps, worstCaseSegments } from './text-checks.js';

export type Report = (message: string) => void;

export function checkText(text: LocalizedText, where: string, known: Map<string, Value>, report: Report, warn: Report = () => {}): void {
  const accented = accentedVariant(known);
  for (const lang of LANGS) {
    const template = text[lang];
    for (const placeholder of templatePlaceholders(template)) {
      const { name } = placeholder;
      if (!isValidTemplateName(name)) report(`${where} (${lang}): "{{${name}}}" is not a variable name`);
      else if (!known.has(canonicalPath(name))) report(`${where} (${lang}): unknown variable "{{${name}}}"`);
      else if (placeholder.formError) report(`${where} (${lang}): ${placeholder.formError}`);
      else if (placeholder.forms && typeof known.get(canonicalPath(name)) !== 'number') report(`${where} (${lang}): "{{${name}}}" is not a number, so it cannot have plural forms`);
    }
    if (hasStrayBraces(template)) report(`${where} (${lang}): unmatched "{{" or "}}"`);
    const count = worstCaseSegments(template, lang, known, accented);
    if (count.segments > MAX_SEGMENTS) {
      const why = count.encoding === 'UCS-2' ? ` ("${count.nonGsmCharacter}" makes it UCS-2: 67 per part)` : ' (GSM-7: 153 per part)';
      report(`${where} (${lang}) is ${count.segments} SMS segments with the longest fill-ins (${count.units} characters${why}); the limit is ${MAX_SEGMENTS}: shorten it`);
    }
    for (const sentence of longSentences(renderForReading(template, lang, known))) {
      warn(`${where} (${lang}): sentence of more than ${MAX_SENTENCE_WORDS} words: "${sentence}"`);
    }
  }
  for (const gap of parityGaps(text.en, text.es)) report(`${where}: English and Spanish differ: ${gap}`);
  for (const word of genderedWords(text.es)) report(`${where} (es): "${word}" gives the patient a gender; use a neutral form (e.g. "¿Cuánta confianza tiene…?")`);
}

/**
 * Typical (not worst-case) values for reading level: a real plan read as
 * words. Names are read as a one-syllable stand-in: a patient does not have to
 * decode their own name, and a 3-syllable name would move a 2-word text by
 * several grades.
 */
const READING_VALUES: Record<Lang, Record<string, string>> = {
  en: { 'patient.firstName': 'Ann', 'plan.action': 'walk 10 minutes after dinner', 'careTeam.name': 'the clinic' },
  es: { 'patient.firstName': 'Ana', 'plan.action': 'caminar 10 minutos después de cenar', 'careTeam.name': 'la clínica' },
};

export function renderForReading(template: string, lang: Lang, known: Map<string, Value>): string {
  return renderTemplate(template, (name) => {
    const path = canonicalPath(name);
    const typical = READING_VALUES[lang][path];
    if (typical !== undefined) return typical;
    const value = known.get(path);
    return typeof value === 'string' ? (lang === 'en' ? 'walk after lunch' : 'caminar después del almuerzo') : value;
  }, lang);
}

/** A dialogue's reading level over all its texts: English grade <= 6, Spanish ease >= 70. */
export function checkReadingLevel(texts: LocalizedText[], known: Map<string, Value>, report: Report): void {
  if (texts.length === 0) return;
  const counts = (lang: Lang) => addCounts(texts.map((t) => countText(renderForReading(t[lang], lang, known), lang)));
  const grade = englishGrade(counts('en'));
  if (grade > MAX_ENGLISH_GRADE) report(`English reading level is grade ${grade.toFixed(1)} (Flesch-Kincaid); the target is ${MAX_ENGLISH_GRADE} or below: use shorter sentences and words`);
  const ease = spanishEase(counts('es'));
  if (ease < MIN_SPANISH_EASE) report(`Spanish reading ease is ${ease.toFixed(0)} (Fernández-Huerta); the target is ${MIN_SPANISH_EASE} or more: use shorter sentences and words`);
}
