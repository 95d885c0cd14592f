// Compliance keywords (domain.md section 6). The standard keywords count only
// as the whole message, ignoring case, spaces, punctuation, emoji and polite
// filler ("STOP", "Stop please", "s t o p!"); "I stopped eating chips" is not
// an opt-out. Natural-language opt-outs ("stop texting me", "deja de mandarme
// mensajes") come from the vocabulary and count anywhere, unless negated
// ("please don't stop texting me" is a benign idiom in the shipped list).
import type { Keyword } from './api.js';
import type { CompiledVocabulary } from './compiled.js';
import { isContent, squeeze, type Token } from './normalise.js';
import { liveMatches, type Span } from './safety.js';

const sq = (words: string[]): Set<string> => new Set(words.map(squeeze));

/** Twilio's defaults, the FCC 2024 additions, and the Spanish equivalents in use. */
export const OPT_OUT_KEYWORDS = sq(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'parar', 'cancelar', 'alto']);
export const OPT_IN_KEYWORDS = sq(['start', 'unstop', 'yes', 'si']);
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

export function findKeyword(tokens: Token[], vocab: CompiledVocabulary, benign: Span[]): { keyword: Keyword; span: Span } | null {
  const whole = wholeWord(tokens);
  const all = { start: 0, end: tokens.length };
  if (OPT_OUT_KEYWORDS.has(whole)) return { keyword: 'opt_out', span: all };
  const phrase = liveMatches(tokens, vocab.optOut, vocab, benign).live[0];
  if (phrase) return { keyword: 'opt_out', span: phrase };
  if (OPT_IN_KEYWORDS.has(whole)) return { keyword: 'opt_in', span: all };
  if (HELP_KEYWORDS.has(whole)) return { keyword: 'help', span: all };
  return null;
}
