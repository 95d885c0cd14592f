// What templates and conditions can see. The host builds a SessionContext when
// a conversation starts; the engine keeps it in the session (updatePlan effects
// change it too) so a conversation renders the same way however long it runs.
import type { Lang } from './definition/schema.js';

export type Value = string | number | boolean | null;

export interface SessionContext {
  patient: { firstName: string; language: Lang };
  plan: { action: string; daysPerWeek: number; confidence: number | null };
  /** Days logged through daily-log this week, or null when the patient does not log. */
  loggedDays?: number | null;
  careTeam: { name: string; phone?: string };
  /** Week of the program, 1-based. */
  week: number;
  /** Extra named inputs, read as {{vars.name}}; a conversation declares the ones it uses. */
  vars?: Record<string, string | number>;
}

/**
 * The fixed variables every conversation may use, with the worst-case long
 * values for size checks: a 12-letter name, a 40-letter plan, a 30-letter
 * clinic name (the API refuses longer plans and team names, see
 * src/app/patient-input.ts).
 */
export const CONTEXT_EXAMPLES: Readonly<Record<string, Value>> = {
  'patient.firstName': 'Christabella',
  'plan.action': 'walk for 10 minutes after dinner outside',
  'plan.daysPerWeek': 5,
  'plan.confidence': 10,
  loggedDays: 7,
  'careTeam.name': 'Riverside Family Health Clinic',
  'careTeam.phone': '(555) 555-0123',
  week: 12,
};

/**
 * The same, with accents: one á or ó makes a whole text UCS-2 (67 per part),
 * so each text is also measured with these ("Purificación" is 12 letters;
 * shorter accented names such as "María" and "Encarnación" fit when it does).
 */
export const ACCENTED_EXAMPLES: Readonly<Record<string, string>> = {
  'patient.firstName': 'Purificación',
  'plan.action': 'caminar 15 minutos después de comer allí',
  'careTeam.name': 'Clínica Familiar de San Martín',
};

/** Longest values the texts are checked with; the API keeps real values within them. */
export const MAX_FILL_IN_LENGTH = { firstName: 12, planAction: 40, careTeamName: 30 } as const;

/** Long example for a free-text result (what a patient might really type). */
export const TEXT_RESULT_EXAMPLE = 'walk 5 minutes before work in the morning';

/** Everything a frame can read: the session context, the frame's results and vars. */
export interface Scope {
  context: SessionContext;
  results: Readonly<Record<string, Value>>;
  vars: Readonly<Record<string, Value>>;
}

const ROOTS = new Set(['patient', 'plan', 'careTeam', 'loggedDays', 'week', 'results', 'vars']);

/** A bare name that is not a context root means a result: `days_done` = `results.days_done`. */
export function canonicalPath(path: string): string {
  const root = path.split('.')[0] ?? '';
  return ROOTS.has(root) ? path : `results.${path}`;
}

export function lookup(scope: Scope, rawPath: string): Value | undefined {
  const path = canonicalPath(rawPath);
  const [root, key, ...rest] = path.split('.');
  if (rest.length > 0) return undefined;
  const ctx = scope.context;
  switch (root) {
    case 'results':
      return key !== undefined && key in scope.results ? (scope.results[key] ?? null) : undefined;
    case 'vars':
      if (key === undefined) return undefined;
      if (key in scope.vars) return scope.vars[key] ?? null;
      return ctx.vars?.[key];
    case 'loggedDays':
      return key === undefined ? (ctx.loggedDays ?? null) : undefined;
    case 'week':
      return key === undefined ? ctx.week : undefined;
    case 'patient':
      return key === 'firstName' ? ctx.patient.firstName : undefined;
    case 'plan':
      if (key === 'action') return ctx.plan.action;
      if (key === 'daysPerWeek') return ctx.plan.daysPerWeek;
      if (key === 'confidence') return ctx.plan.confidence;
      return undefined;
    case 'careTeam':
      if (key === 'name') return ctx.careTeam.name;
      if (key === 'phone') return ctx.careTeam.phone ?? null;
      return undefined;
    default:
      return undefined;
  }
}
