// Message templates: `{{patient.firstName}}`, `{{plan.action}}`,
// `{{results.days_done}}` (or `{{days_done}}`), `{{vars.barrier}}`.
// Names are checked by the validator, so rendering never meets an unknown one
// in a valid file; if it does (a programmer error), it renders empty.
import type { Value } from './context.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** The names a template uses, in order; malformed ones are returned too, for the validator. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
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

export function renderTemplate(template: string, resolve: (name: string) => Value | undefined): string {
  return template.replace(PLACEHOLDER, (_, name: string) => formatValue(resolve(name)));
}
