// A reply to "How many days…? Reply 0-7": a count to record, an attempt worth
// asking again, or free text a person should read (issue #10: re-ask only
// what looks like an attempt at the answer; everything else reaches staff).
import type { ReplySignals } from './api.js';
import { parseCount } from './answers.js';
import { looksLikeAnswer } from './attempt.js';
import { tokenize } from './normalise.js';

export type DaysReply = { kind: 'count'; value: number } | { kind: 'ask' } | { kind: 'to_staff' };

export function readDaysReply(text: string, signals: ReplySignals, max = 7): DaysReply {
  const r = parseCount(text, { min: 0, max });
  if (r.ok) return { kind: 'count', value: r.value };
  if (signals.human) return { kind: 'to_staff' };
  return looksLikeAnswer(tokenize(text)) ? { kind: 'ask' } : { kind: 'to_staff' };
}
