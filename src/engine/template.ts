// Message templates: `{{patient.firstName}}`, `{{plan.action}}`,
// `{{results.days_done}}` (or `{{days_done}}`), `{{vars.barrier}}`.
// A number can carry its plural forms, ICU-style, chosen with Intl.PluralRules
// for the message's language: `{{days_done:day|days}}` renders "1 day" /
// "3 days", `{{days_done:día|días}}` "1 día" / "3 días". A form containing `#`
// is used as written, `#` replaced by the number: `{{n:# vez|# veces}}`.
// Forms are listed as `one|other` (the two categories English and Spanish use).
// Names are checked by the validator, so rendering never meets an unknown one
// in a valid file; if it does (a programmer error), it renders empty.
import type { Value } from './context.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export interface Placeholder {
  name: string;
  /** `one|other` forms, when the placeholder is a plural. */
  forms?: { one: string; other: string };
  /** Set when the plural part is malformed, for the validator. */
  formError?: string;
}

/** Splits `name:one|other` into the variable name and its plural forms. */
export function parsePlaceholder(inner: string): Placeholder {
  const colon = inner.indexOf(':');
  if (colon < 0) return { name: inner.trim() };
  const name = inner.slice(0, colon).trim();
  const parts = inner.slice(colon + 1).split('|').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    return { name, formError: `plural forms must be written "one|other", like {{${name}:day|days}}` };
  }
  return { name, forms: { one: parts[0] as string, other: parts[1] as string } };
}

export function templatePlaceholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => parsePlaceholder(m[1] ?? ''));
}

/** The names a template uses, in order; malformed ones are returned too, for the validator. */
export function templateNames(template: string): string[] {
  return templatePlaceholders(template).map((p) => p.name);
}

export function isValidTemplateName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** Unbalanced braces are almost always a typo that would reach the patient. */
export function hasStrayBraces(template: string): boolean {
  return /\{\{|\}\}/.test(template.replace(PLACEHOLDER, ''));
}

export function formatValue(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

const RULES = new Map<string, Intl.PluralRules>();
function pluralRules(lang: string): Intl.PluralRules {
  let rules = RULES.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    RULES.set(lang, rules);
  }
  return rules;
}

/** "1 day", "3 days" (or the form with `#` replaced). Not a number: the value alone. */
export function formatPlural(value: Value | undefined, forms: { one: string; other: string }, lang: string): string {
  const text = formatValue(value);
  const n = typeof value === 'number' ? value : Number(text);
  if (text === '' || !Number.isFinite(n)) return text;
  const form = pluralRules(lang).select(n) === 'one' ? forms.one : forms.other;
  return form.includes('#') ? form.replaceAll('#', text) : `${text} ${form}`;
}

export function renderTemplate(template: string, resolve: (name: string) => Value | undefined, lang = 'en'): string {
  return template.replace(PLACEHOLDER, (_, inner: string) => {
    const placeholder = parsePlaceholder(inner);
    const value = resolve(placeholder.name);
    return placeholder.forms ? formatPlural(value, placeholder.forms, lang) : formatValue(value);
  });
}
