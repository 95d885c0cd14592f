// Negation: "no chest pain", "I don't have any trouble breathing", "no fever
// or chest pain", "sin dolor de pecho", "ni falta de aire". A cue negates a
// phrase when only bridge words stand between them, in the same clause. After
// "or"/"ni" the walk may skip the other items of a negated list. A phrase that
// holds its own negation ("can't breathe", "no puedo respirar") is matched
// whole, so only what comes before it is examined.
import type { CompiledVocabulary } from './compiled.js';
import { findMatches, type Match } from './match.js';
import type { Token } from './normalise.js';

const CLAUSE_STOPS = new Set(['but', 'pero', 'though', 'although', 'however', 'aunque', 'sino', 'except', 'excepto', 'still', 'todavia', 'now', 'ahora']);
const LIST_JOINERS = new Set(['or', 'nor', 'o', 'ni', 'and/or']);
const MAX_BRIDGES = 4;
const MAX_LIST_ITEMS = 4;

/** Where negation cues end in a reply: found once per token list (linear), then looked up. */
const cueEnds = new WeakMap<Token[], Set<number>>();

/** Does a negation cue end at token `i`? */
function cueEndingAt(tokens: Token[], i: number, vocab: CompiledVocabulary): boolean {
  let ends = cueEnds.get(tokens);
  if (!ends) {
    ends = new Set(findMatches(tokens, vocab.cues).filter((m) => m.end - m.start === m.pattern.elements.length).map((m) => m.end - 1));
    cueEnds.set(tokens, ends);
  }
  return ends.has(i);
}

/** "chest pain? no", "chest pain: none", "dolor de pecho - no": the answer follows the question. */
const ANSWER_AFTER = new Set(['no', 'nope', 'none', 'nah', 'never', 'nada', 'ninguno', 'ninguna', 'not']);

function answeredNo(tokens: Token[], match: Match): boolean {
  const sep = tokens[match.end];
  const answer = tokens[match.end + 1];
  return (sep?.t === '?' || sep?.t === ':' || sep?.t === '-') && answer !== undefined && ANSWER_AFTER.has(answer.t);
}

/** Words that join a negation to a negated negation: "no es que no", "not like I don't", "not that I don't". */
const DOUBLE_LINKS = [[], ['es', 'que'], ['que'], ['like', 'i'], ['like'], ['that', 'i'], ['saying', 'i'], ['like', 'im']];

/** Another cue just before the cue at i, adjacent or joined by DOUBLE_LINKS ("not not", "no es que no"). */
function negatedCue(tokens: Token[], i: number, vocab: CompiledVocabulary): boolean {
  const cueStart = i - 0;
  return DOUBLE_LINKS.some((link) => {
    const j = cueStart - link.length - 1;
    if (j < 0) return false;
    const between = tokens.slice(j + 1, cueStart).map((t) => t.t);
    return between.join(' ') === link.join(' ') && cueEndingAt(tokens, j, vocab);
  });
}

export function isNegated(tokens: Token[], match: Match, vocab: CompiledVocabulary): boolean {
  if (answeredNo(tokens, match)) return true;
  let bridges = 0;
  let listMode = false;
  let listItems = 0;
  for (let i = match.start - 1; i >= 0; i--) {
    const tok = tokens[i];
    if (tok === undefined || tok.kind === 'break') return false;
    if (tok.kind === 'comma') {
      if (listMode) continue;
      return false;
    }
    if (CLAUSE_STOPS.has(tok.t)) return false;
    // A negated negation is not one: "I'm not not suicidal", "no es que no quiera", "it's not like I don't".
    if (cueEndingAt(tokens, i, vocab)) return !negatedCue(tokens, i, vocab);
    if (vocab.bridges.has(tok.t) && bridges < MAX_BRIDGES) {
      bridges++;
      continue;
    }
    if (LIST_JOINERS.has(tok.t)) {
      listMode = true;
      continue;
    }
    if (listMode && listItems < MAX_LIST_ITEMS) {
      listItems++;
      continue;
    }
    return false;
  }
  return false;
}
