// Compliance keywords (domain.md section 6). The standard keywords count only
// as the whole message, ignoring case, spaces, punctuation, emoji and polite
// filler ("STOP", "Stop please", "s t o p!"); "I stopped eating chips" is not
// an opt-out. Natural-language opt-outs ("stop texting me", "deja de mandarme
// mensajes") come from the vocabulary and count anywhere, unless negated
// ("please don't stop texting me" is a benign idiom in the shipped list).
import type { Keyword } from './api.js';
import type { CompiledVocabulary } from './compiled.js';
import { isContent, squeeze, type Token } from './normalise.js';
import { compilePhrase } from './match.js';
import { isNegated } from './negation.js';
import { liveMatches, type Span } from './safety.js';

const sq = (words: string[]): Set<string> => new Set(words.map(squeeze));

/** Twilio's defaults, the FCC 2024 additions, and the Spanish equivalents in use. */
export const OPT_OUT_KEYWORDS = sq(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'parar', 'cancelar', 'alto', 'baja', 'darmedebaja']);
export const OPT_IN_KEYWORDS = sq(['start', 'unstop', 'yes', 'si', 'alta']);
/** Keywords that opt out from inside a sentence when typed as a keyword: in capitals ("por favor STOP los mensajes") or as the last word ("i dont want these, stop"). */
const IN_SENTENCE = sq(['stop', 'stopall', 'unsubscribe', 'optout', 'baja', 'cancelen', 'cancel']);
export const HELP_KEYWORDS = sq(['help', 'info', 'ayuda']);
const FILLER = sq(['please', 'thanks', 'thank', 'you', 'thx', 'ty', 'now', 'por', 'favor', 'gracias', 'ok', 'okay', 'thumbsup']);

/** The whole message as one squeezed word, polite filler removed: "Stop all, please!" -> "stopal". */
export function wholeWord(tokens: Token[]): string {
  const content = tokens.filter(isContent);
  if (content.some((t) => t.kind === 'number')) return '';
  const words = content.filter((t) => t.kind === 'word' && !FILLER.has(t.t));
  const first = words[0]?.t ?? '';
  // "stop stop" and "STOP STOP STOP" are still STOP.
  if (words.length > 1 && words.every((t) => t.t === first)) return first;
  return squeeze(words.map((t) => t.t).join(''));
}

/** A keyword inside a sentence, typed as one, and not negated ("I'm not saying STOP"). */
function keywordInSentence(text: string, tokens: Token[], vocab: CompiledVocabulary, benign: Span[]): Span | null {
  const content = tokens.filter(isContent);
  const words = content.filter((t) => !FILLER.has(t.t));
  const last = words[words.length - 1];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (tok.kind !== 'word' || !IN_SENTENCE.has(tok.t)) continue;
    const typed = text.slice(tok.from, tok.to);
    const first = content[0] === tok && tokens[i + 1]?.kind === 'break';
    const asKeyword = (typed.length >= 4 && typed === typed.toUpperCase() && typed !== typed.toLowerCase())
      || (tok === last && ['comma', 'break'].includes(tokens[i - 1]?.kind ?? '')) || first;
    const span = { start: i, end: i + 1 };
    if (!asKeyword || benign.some((b) => b.start <= i && i < b.end)) continue;
    if (!isNegated(tokens, { ...span, pattern: STOP_PATTERN }, vocab)) return span;
  }
  return null;
}
const STOP_PATTERN = compilePhrase('stop');

export function findKeyword(tokens: Token[], vocab: CompiledVocabulary, benign: Span[], text = ''): { keyword: Keyword; span: Span } | null {
  const whole = wholeWord(tokens);
  const all = { start: 0, end: tokens.length };
  if (OPT_OUT_KEYWORDS.has(whole)) return { keyword: 'opt_out', span: all };
  const phrase = liveMatches(tokens, vocab.optOut, vocab, benign).live[0] ?? keywordInSentence(text, tokens, vocab, benign);
  if (phrase) return { keyword: 'opt_out', span: phrase };
  if (OPT_IN_KEYWORDS.has(whole)) return { keyword: 'opt_in', span: all };
  if (HELP_KEYWORDS.has(whole)) return { keyword: 'help', span: all };
  return null;
}
