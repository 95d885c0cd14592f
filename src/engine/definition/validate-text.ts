// Checks one patient-facing text in every language: template names, stray
// braces, and the SMS size once rendered with realistic long values.
import type { Value } from '../context.js';
import { canonicalPath } from '../context.js';
import { countSegments, MAX_SEGMENTS } from '../sms-segments.js';
import { hasStrayBraces, isValidTemplateName, renderTemplate, templateNames } from '../template.js';
import { LANGS, type LocalizedText } from './schema.js';

export function checkText(text: LocalizedText, where: string, known: Map<string, Value>, report: (message: string) => void): void {
  for (const lang of LANGS) {
    const template = text[lang];
    for (const name of templateNames(template)) {
      if (!isValidTemplateName(name)) report(`${where} (${lang}): "{{${name}}}" is not a variable name`);
      else if (!known.has(canonicalPath(name))) report(`${where} (${lang}): unknown variable "{{${name}}}"`);
    }
    if (hasStrayBraces(template)) report(`${where} (${lang}): unmatched "{{" or "}}"`);
    const rendered = renderTemplate(template, (name) => known.get(canonicalPath(name)));
    const count = countSegments(rendered);
    if (count.segments > MAX_SEGMENTS) {
      const why = count.encoding === 'UCS-2' ? ` ("${count.nonGsmCharacter}" makes it UCS-2: 67 per part)` : ' (GSM-7: 153 per part)';
      report(`${where} (${lang}) is ${count.segments} SMS segments once filled in (${count.units} characters${why}); the limit is ${MAX_SEGMENTS}: shorten it`);
    }
  }
}
