// The template variables the service reads from its database when a
// conversation starts (app/conversations.ts sessionContext), computed from the
// simulator's own history so scenarios and the service say the same thing:
// vars.recent_days, the days done in the last 4 answered check-ins, oldest
// first, as the patient's language lists them; vars.last_idea, the idea chosen
// in barrier-solving within 15 days and not yet asked about.
import type { Effect } from '../effects.js';
import type { Lang } from '../definition/schema.js';

const RECENT_WEEKS = 4;
const IDEA_CHECK_MS = 15 * 86_400_000;
const MAX_QUOTED_IDEA = 40;

export function simulatedVars(history: ReadonlyArray<{ at: Date; effect: Effect }>, now: Date, lang: Lang): Record<string, string> {
  const vars: Record<string, string> = {};
  const days = history.flatMap(({ effect: e }) => (e.type === 'recordResult' && e.name === 'days_done' && typeof e.value === 'number' ? [e.value] : []));
  const recent = days.slice(-RECENT_WEEKS);
  if (recent.length > 0) vars.recent_days = new Intl.ListFormat(lang, { type: 'conjunction' }).format(recent.map(String));
  let idea: { at: Date; value: string } | null = null;
  for (const { at, effect: e } of history) {
    if (e.type !== 'recordResult') continue;
    if ((e.name === 'idea' || e.name === 'own_idea') && typeof e.value === 'string' && e.value.trim() !== '') idea = { at, value: e.value };
    if (e.name === 'idea_check') idea = null;
  }
  if (idea && now.getTime() - idea.at.getTime() <= IDEA_CHECK_MS) vars.last_idea = idea.value.length > MAX_QUOTED_IDEA ? 'own' : idea.value;
  return vars;
}
