// Turns the enroll modal's state into the API's enrollment fields, and the
// API's field errors back into the modal's per-block errors.
import type { ViewStateValue } from '@slack/bolt';
import { ENROLL_FIELDS, INPUT, type EnrollBlock } from './blocks/modals.js';

type ViewValues = Record<string, Record<string, ViewStateValue>>;

function raw(values: ViewValues, block: EnrollBlock): string | undefined {
  const v = values[block]?.[INPUT];
  const out = v?.value ?? v?.selected_option?.value ?? v?.selected_date ?? v?.selected_time ?? undefined;
  return out === null || out === '' ? undefined : out;
}

const num = (s: string | undefined): number | undefined => (s === undefined || !/^-?\d+$/.test(s.trim()) ? undefined : Number(s));

/** Empty optional fields are left out, so the API schema decides what is missing. */
export function enrollFields(values: ViewValues): Record<string, unknown> {
  const startDate = raw(values, 'plan_start');
  const careTeam = raw(values, 'care_team');
  return {
    name: raw(values, 'name'),
    phone: raw(values, 'phone')?.trim(),
    timezone: raw(values, 'timezone')?.trim(),
    language: raw(values, 'language'),
    consent: raw(values, 'consent'),
    plan: { action: raw(values, 'plan_action'), daysPerWeek: num(raw(values, 'plan_days')), confidence: num(raw(values, 'plan_confidence')), ...(startDate ? { startDate } : {}) },
    checkin: { weekday: raw(values, 'checkin_weekday'), time: raw(values, 'checkin_time') },
    ...(careTeam ? { careTeam } : {}),
  };
}

/** API field errors ("plan.action": "is required") keyed by the modal's block ids. */
export function enrollErrors(fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [block, path] of Object.entries(ENROLL_FIELDS)) {
    const message = fields[path];
    if (message) errors[block] = message;
  }
  // An error on a whole object (e.g. "plan") lands on its first field.
  if (Object.keys(errors).length === 0) errors.name = Object.values(fields)[0] ?? 'invalid';
  return errors;
}
