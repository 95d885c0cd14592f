// analyseReply: everything the global interrupts need from one inbound text.
// Each signal is independent: an urgent red flag, a request for a person and
// low mood can all be reported for the same message.
import type { ReplySignals } from './api.js';
import { compileVocabulary } from './compiled.js';
import { findKeyword } from './keywords.js';
import { findMatches } from './match.js';
import { quote, tokenize } from './normalise.js';
import { findHuman, findLowMood } from './requests.js';
import { findUrgent, type Span } from './safety.js';
import type { Vocabulary } from './vocabulary.js';

export function analyseReply(text: string, vocab: Vocabulary): ReplySignals {
  const compiled = compileVocabulary(vocab);
  const tokens = tokenize(text);
  const benign: Span[] = findMatches(tokens, compiled.benign);
  const say = (s: Span): string => quote(text, tokens, s.start, s.end);

  const keyword = findKeyword(tokens, compiled, benign, text);
  const safety = findUrgent(tokens, compiled, benign);
  const human = findHuman(tokens, compiled, benign);
  const mood = findLowMood(tokens, compiled, benign) ?? safety.negatedSelfHarm;

  return {
    keyword: keyword?.keyword ?? null,
    urgent: safety.urgent ? { category: safety.urgent.category, evidence: say(safety.urgent) } : null,
    bystander: safety.bystander ? { category: safety.bystander.category, evidence: say(safety.bystander) } : null,
    human: human
      ? { category: human.category, evidence: say(human) }
      : safety.routine
        ? { category: 'symptoms', evidence: say(safety.routine) }
        : safety.otherConcern
          ? { category: 'other', evidence: say(safety.otherConcern) }
          : null,
    lowMood: mood ? { evidence: say(mood) } : null,
  };
}
