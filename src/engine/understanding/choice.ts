// Menu answers: by number ("2", "#2", "option 2", "dos", "the second one") or
// by the option's words ("the weather", "el clima"). Two different options, or
// one named and another numbered, is a question back.
import type { ChoiceOption, ParseResult } from './api.js';
import { compilePhrase, findMatches, overlaps, type Match } from './match.js';
import { isContent, squeeze, tokenize, type Token } from './normalise.js';
import { NUMBER_WORDS, numberAt } from './numbers.js';

const ORDINALS = new Map(
  Object.entries({ first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, primero: 1, primera: 1, segundo: 2,
    segunda: 2, tercero: 3, tercera: 3, cuarto: 4, cuarta: 4, quinto: 5, quinta: 5 }).map(([k, v]) => [squeeze(k), v]),
);
const NUMBER_LEADS = new Set(['#', 'option', 'opcion', 'number', 'numero', 'num', 'no', 'choice', 'pick', 'answer']);
const FILLER = new Set(['the', 'one', 'el', 'la', 'uno', 'una', 'i', 'pick', 'choose', 'chose', 'please', 'por', 'favor', 'option', 'opcion', 'thumbsup']);
const NEGATORS = new Set(['not', 'isnt', 'wasnt', 'nothing']);
const SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const LIST_LINKS = new Set(['and', 'or', 'y', 'o', '&', '+', '/', '-']);
/** "rain" also selects "rained", "rainy"; "hurt" also "hurts", "hurting". */
const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'y'];

/** Numbers the patient gave as a menu choice (not "walked 2 days"). */
function chosenNumbers(tokens: Token[]): number[] {
  const content = tokens.filter(isContent);
  const rest = content.filter((t) => !FILLER.has(t.t));
  const out: number[] = [];
  if (rest.length === 1) {
    const v = numberAt(rest, 0, NUMBER_WORDS) ?? ORDINALS.get(rest[0]?.t ?? '');
    if (v !== undefined && v !== null) return [v];
  }
  // "1 and 3", "2/3": only numbers and links.
  if (rest.length > 1 && rest.every((t, i) => (numberAt(rest, i, NUMBER_WORDS) !== null) || LIST_LINKS.has(t.t))) {
    return rest.map((_, i) => numberAt(rest, i, NUMBER_WORDS)).filter((v): v is number => v !== null);
  }
  content.forEach((tok, i) => {
    const v = numberAt(content, i, NUMBER_WORDS);
    const prev = content[i - 1]?.t ?? '';
    if (tok.kind === 'number' && (NUMBER_LEADS.has(prev) || (i === 0 && tokens.indexOf(tok) === 0 && !isContent(tokens[1])))) out.push(Number(tok.t));
    else if (v !== null && NUMBER_LEADS.has(prev) && prev !== '#' && prev !== 'no') out.push(v);
    const ord = ORDINALS.get(tok.t) ?? (tok.kind === 'number' && SUFFIXES.has(content[i + 1]?.t ?? '') ? Number(tok.t) : undefined);
    if (ord !== undefined && ['one', 'option', 'opcion', 'uno', 'una', 'choice'].includes(content[i + (tok.kind === 'number' ? 2 : 1)]?.t ?? '')) out.push(ord);
  });
  return out;
}

function negated(tokens: Token[], m: Match): boolean {
  for (let k = m.start - 1; k >= Math.max(0, m.start - 3); k--) {
    const t = tokens[k]?.t ?? '';
    if (NEGATORS.has(t) || (t === 'es' && tokens[k - 1]?.t === 'no') || (t === 'fue' && tokens[k - 1]?.t === 'no')) return true;
  }
  return false;
}

export function parseChoice(text: string, options: ChoiceOption[]): ParseResult<string> {
  const tokens = tokenize(text);
  const keys = new Set<string>();
  let outOfRange = false;
  for (const n of chosenNumbers(tokens)) {
    const option = options.find((o) => o.number === n);
    if (option) keys.add(option.key);
    else outOfRange = true;
  }
  const hits = options
    .flatMap((o) => findMatches(tokens, o.synonyms.flatMap((s) => ENDINGS.map((e) => compilePhrase(s + e)))).map((m) => ({ ...m, key: o.key })))
    .filter((m) => !negated(tokens, m))
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  for (const h of kept) keys.add(h.key);
  const [only] = keys;
  if (keys.size > 1) return { ok: false, reason: 'ambiguous' };
  if (only !== undefined) return outOfRange ? { ok: false, reason: 'ambiguous' } : { ok: true, value: only };
  return { ok: false, reason: outOfRange ? 'out_of_range' : 'no_answer' };
}
