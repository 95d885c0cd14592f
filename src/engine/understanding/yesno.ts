// Yes/no answers in English and Spanish. The first yes or no that opens a
// clause is the answer ("No, because of the rain"); "no pain" later in a "yes"
// reply is not a second answer, but a standalone opposite is ("yes... no").
// Unsure words ("not sure", "no sé", "maybe") are a question back.
import type { ParseResult } from './api.js';
import { compilePhrase, findMatches, overlaps, type Match, type Pattern } from './match.js';
import { isContent, tokenize, type Token } from './normalise.js';

const compile = (list: string[]): Pattern[] => list.map((s) => compilePhrase(s));

const YES = compile(['yes', 'yeah', 'yea', 'ye', 'yep', 'yup', 'yas', 'sure', 'ok', 'okay', 'correct', 'absolutely',
  'definitely', 'certainly', 'affirmative', 'of course', 'you bet', 'i did', 'i do', 'i have', 'i am', 'did it', 'thumbsup',
  'checkmark', 'si', 'claro', 'correcto', 'cierto', 'exacto', 'dale', 'vale', 'afirmativo', 'por supuesto', 'lo hice',
  'thats right', 'that is right', 'i think so', 'creo que si']);
const NO = compile(['no', 'nope', 'nah', 'naw', 'nop', 'negative', 'not really', 'never', 'i didnt', 'i dont', 'i havent',
  'i did not', 'i do not', 'didnt', 'not yet', 'no thanks', 'no thank you', 'no gracias', 'thumbsdown', 'todavia no',
  'aun no', 'para nada', 'nunca', 'tampoco', 'not at all', 'of course not', 'claro que no', 'no lo hice', 'i dont think so',
  'creo que no']);
const UNSURE = compile(['not sure', 'unsure', 'no se', 'dont know', 'maybe', 'perhaps', 'quizas', 'quiza', 'tal vez',
  'kind of', 'sort of', 'kinda', 'sorta', 'more or less', 'mas o menos', 'depends', 'depende', 'sometimes', 'a veces',
  'yes and no', 'si y no']);
/** One-letter answers count only as the whole message ("y" is also Spanish "and"). */
const WHOLE_ONLY: Record<string, boolean> = { y: true, k: true, right: true, n: false };
const OPENERS = new Set(['but', 'pero', 'and', 'y', 'or', 'o', 'well', 'um', 'uh', 'oh', 'hmm', 'pues', 'bueno', 'ah', 'lol',
  'haha', 'jaja', 'so', 'actually', 'oops', 'sorry', 'honestly', 'mm', 'mmm', 'ahh', 'hey', 'hi', 'hola']);

interface Polar extends Match {
  yes: boolean;
}

function clauseStart(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const tok = tokens[k];
    if (!isContent(tok)) return true;
    if (!OPENERS.has(tok.t)) return false;
  }
  return true;
}

function standalone(tokens: Token[], m: Match, all: Polar[], yes: boolean): boolean {
  return !isContent(tokens[m.end]) || all.some((o) => o.start === m.end && o.yes === yes);
}

export function parseYesNo(text: string): ParseResult<boolean> {
  const tokens = tokenize(text);
  const content = tokens.filter(isContent);
  const only = content.length === 1 ? WHOLE_ONLY[content[0]?.t ?? ''] : undefined;
  if (only !== undefined) return { ok: true, value: only };
  if (findMatches(tokens, UNSURE).length > 0) return { ok: false, reason: 'ambiguous' };

  const candidates: Polar[] = [
    ...findMatches(tokens, YES).map((m) => ({ ...m, yes: true })),
    ...findMatches(tokens, NO).map((m) => ({ ...m, yes: false })),
  ].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const polar: Polar[] = [];
  for (const c of candidates) if (!polar.some((p) => overlaps(p, c))) polar.push(c);
  polar.sort((a, b) => a.start - b.start);

  const opening = polar.filter((p) => clauseStart(tokens, p.start));
  const first = opening[0];
  if (!first) return { ok: false, reason: 'no_answer' };
  const conflict = opening.some((p) => p.yes !== first.yes && standalone(tokens, p, polar, p.yes));
  return conflict ? { ok: false, reason: 'ambiguous' } : { ok: true, value: first.yes };
}
