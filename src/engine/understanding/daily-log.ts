// A daily log: the patient texts DONE (or ✅, "did it", LISTO, "lo hice",
// "hecho") on a day they did their plan. Short messages only, no numbers (a
// count is an answer, not a log), and no negation ("not done yet").
import { compilePhrase, findMatches } from './match.js';
import { isContent, squeeze, tokenize } from './normalise.js';

const DONE = ['done', 'did it', 'checkmark', 'listo', 'lista', 'lo hice', 'hecho', 'complete', 'completed', 'finished',
  'all done', 'did my walk', 'did my exercise', 'did my exercises', 'ya lo hice', 'termine', 'cumplido', 'cumplida'].map((s) => compilePhrase(s));
const NEGATIONS = new Set(['not', 'no', 'didnt', 'havent', 'yet', 'todavia', 'aun', 'nunca', 'never', 'cant', 'wasnt', 'dont', 'with', 'con']);
const COUNTS = new Set(['once', 'twice', 'times', 'days', 'veces', 'dias', 'week', 'semana'].map(squeeze));
const MAX_WORDS = 6;

export function isDailyLog(text: string): boolean {
  const tokens = tokenize(text);
  const content = tokens.filter(isContent);
  if (content.length === 0 || content.length > MAX_WORDS) return false;
  if (content.some((t) => t.kind === 'number' || NEGATIONS.has(t.t) || COUNTS.has(t.t))) return false;
  return findMatches(tokens, DONE).length > 0;
}
