// Is a reply that no parser could read an attempt at the answer (ask again)
// or something else (a person should read it)? "a few", "3 or 4", "most days",
// "not sure", "hmm" are attempts: the patient is answering, just not clearly.
// A question, a symptom, a side effect, news about their life, confusion about
// the programme: not an answer, so staff see it. When unsure, a person sees it.
import { compilePhrase, findMatches, type Pattern } from './match.js';
import { isContent, tokenize, type Token } from './normalise.js';
import { NUMBER_WORDS } from './numbers.js';
import { WEEKDAY } from './weekdays.js';

const compile = (list: string[]): Pattern[] => list.map((s) => compilePhrase(s));
const ANSWERISH = compile(['few', 'couple', 'several', 'some', 'most', 'half', 'almost', 'nearly', 'not sure', 'dont know', 'dont remember',
  'cant remember', 'maybe', 'about', 'around', 'or so', 'every other', 'sometimes', 'on and off', 'here and there', 'day', 'days', 'week',
  'varios', 'varias', 'algunos', 'algunas', 'unos', 'pocos', 'casi', 'la mayoria', 'un par', 'no se', 'no recuerdo', 'no me acuerdo',
  'tal vez', 'quizas', 'como', 'mas o menos', 'a veces', 'dia', 'dias', 'semana', 'times', 'veces', 'once', 'twice', 'none', 'nada',
  'weekend', 'fin de semana', 'every', 'todos', 'cada', 'diario', 'daily', 'yes', 'no', 'si', 'done', 'listo', 'walked', 'did', 'camine']);
/** Greetings, thanks and the like: not an answer, but nothing for staff either; the question is asked again. */
const SOCIAL = compile(['good morning', 'good afternoon', 'good evening', 'good night', 'hello', 'hi', 'hey', 'thanks', 'thank you',
  'thx', 'ty', 'ok', 'okay', 'thumbsup', 'god bless', 'bless you', 'buenos dias', 'buenas tardes', 'buenas noches', 'hola', 'gracias',
  'dios le bendiga', 'bendiciones', 'you too', 'igualmente']);
/** At most this many content words without a question is still a short answer-like reply ("hmm", "idk", "ugh"). */
const SHORT = 3;

/** A greeting, thanks or "ok" and little else. */
export function isSocial(text: string): boolean {
  const tokens = tokenize(text);
  const content = tokens.filter(isContent);
  return content.length === 0 || (content.length <= 6 && findMatches(tokens, SOCIAL).length > 0 && !tokens.some((t) => t.t === '?'));
}

export function looksLikeAnswer(tokens: Token[]): boolean {
  const content = tokens.filter(isContent);
  const numberish = content.some((t) => t.kind === 'number' || NUMBER_WORDS.has(t.t));
  if (tokens.some((t) => t.t === '?') && !(numberish && content.length <= 4)) return false;
  if (content.some((t) => t.kind === 'number' || NUMBER_WORDS.has(t.t) || WEEKDAY.has(t.t))) return true;
  if (content.length <= SHORT) return true;
  if (content.length <= 6 && findMatches(tokens, SOCIAL).length > 0) return true;
  if (tokens.some((t) => t.kind === 'symbol' && /[<>=;{}%]/.test(t.t)) && content.length <= 8) return true;
  return findMatches(tokens, ANSWERISH).length > 0 && content.length <= 6;
}
