// Urgent red flags (domain.md section 4). A phrase from the vocabulary or a
// number rule (measures.ts) fires unless it sits inside a benign idiom or is
// negated. "When in doubt, escalate": anything not clearly negated, idiomatic
// or resolved stays urgent. A red flag that the patient describes as resolved
// ("fell last month but fine now") becomes routine, except self-harm and
// overdose, which are always urgent.
import type { UrgentCategory } from './api.js';
import type { CompiledVocabulary } from './compiled.js';
import { feverHits, glucoseHits, overdoseHits, painHits } from './measures.js';
import { findMatches, overlaps, type Match } from './match.js';
import { isNegated } from './negation.js';
import type { Token } from './normalise.js';
import { subjectOf } from './subject.js';

export interface Span {
  start: number;
  end: number;
}

export interface Finding<C extends string> extends Span {
  category: C;
}

export interface SafetyFindings {
  urgent: Finding<UrgentCategory> | null;
  /** A red flag made routine: resolved, past, or a borderline reading. */
  routine: Span | null;
  /** Self-harm words the patient negated ("I'm not suicidal"): never dropped silently, reported as low mood. */
  negatedSelfHarm: Span | null;
  /** Someone else's emergency happening now: the patient is a bystander. */
  bystander: Finding<UrgentCategory> | null;
  /** Someone else's self-harm or overdose in the past: a person should still talk with the patient. */
  otherConcern: Span | null;
}

const NEVER_RESOLVED: ReadonlySet<UrgentCategory> = new Set(['self_harm', 'overdose']);
/** Stroke signs that pass are a TIA, still an emergency: only a long-past stroke is routine. */
const PAST_ONLY: ReadonlySet<UrgentCategory> = new Set(['stroke']);

/** Matches of patterns that are neither inside a benign idiom nor negated. */
export function liveMatches(tokens: Token[], patterns: CompiledVocabulary['lowMood'], vocab: CompiledVocabulary, benign: Span[]): { live: Match[]; negated: Match[] } {
  const live: Match[] = [];
  const negated: Match[] = [];
  for (const m of findMatches(tokens, patterns)) {
    if (benign.some((b) => overlaps(b, m))) continue;
    (isNegated(tokens, m, vocab) ? negated : live).push(m);
  }
  return { live, negated };
}

function sentenceOf(tokens: Token[], at: number): Span {
  let start = at;
  while (start > 0 && tokens[start - 1]?.kind !== 'break') start--;
  let end = at;
  while (end < tokens.length && tokens[end]?.kind !== 'break') end++;
  return { start, end };
}

const SINCE = new Set(['since', 'desde']);

/** "last month" places a red flag in the past; "since last night" does not: it is still going on. */
function inPast(tokens: Token[], hit: Span, vocab: CompiledVocabulary): boolean {
  const s = sentenceOf(tokens, hit.start);
  return findMatches(tokens, vocab.past).some((m) => m.start >= s.start && m.end <= s.end && !isNegated(tokens, m, vocab)
    && !SINCE.has(tokens[m.start - 1]?.t ?? ''));
}

function resolvedAfter(tokens: Token[], hit: Span, vocab: CompiledVocabulary): boolean {
  const s = sentenceOf(tokens, hit.start);
  return findMatches(tokens, vocab.resolved).some((m) => m.start >= hit.end && m.start < s.end + 12 && !isNegated(tokens, m, vocab));
}

function isResolved(tokens: Token[], hit: Finding<UrgentCategory>, vocab: CompiledVocabulary): boolean {
  if (NEVER_RESOLVED.has(hit.category)) return false;
  const s = sentenceOf(tokens, hit.start);
  const inSentence = (m: Match): boolean => m.start >= s.start && m.end <= s.end && !isNegated(tokens, m, vocab);
  if (inPast(tokens, hit, vocab)) return true;
  if (PAST_ONLY.has(hit.category)) return false;
  return findMatches(tokens, vocab.resolved).some((m) => inSentence(m) && m.start >= hit.end);
}

export function findUrgent(tokens: Token[], vocab: CompiledVocabulary, benign: Span[]): SafetyFindings {
  const hits: Array<Finding<UrgentCategory>> = [];
  let routine: Span | null = null;
  let negatedSelfHarm: Span | null = null;
  for (const [category, patterns] of vocab.urgent) {
    const { live, negated } = liveMatches(tokens, patterns, vocab, benign);
    for (const m of live) hits.push({ category, start: m.start, end: m.end });
    if (category === 'self_harm' && negated[0]) negatedSelfHarm = negated[0];
  }
  for (const m of [...glucoseHits(tokens), ...painHits(tokens), ...overdoseHits(tokens), ...feverHits(tokens)]) {
    if (m.category === 'routine') routine ??= m;
    else hits.push({ category: m.category, start: m.start, end: m.end });
  }
  const urgent: Array<Finding<UrgentCategory>> = [];
  const bystander: Array<Finding<UrgentCategory>> = [];
  let otherConcern: Span | null = null;
  for (const hit of hits) {
    const subject = subjectOf(tokens, hit, inPast(tokens, hit, vocab), resolvedAfter(tokens, hit, vocab), hit.category === 'self_harm');
    if (subject === 'other_now') bystander.push(hit);
    else if (subject === 'other_past') {
      if (NEVER_RESOLVED.has(hit.category)) otherConcern ??= hit;
    } else if (isResolved(tokens, hit, vocab)) routine ??= hit;
    else urgent.push(hit);
  }
  urgent.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  bystander.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  return { urgent: urgent[0] ?? null, routine, negatedSelfHarm, bystander: urgent.length ? null : bystander[0] ?? null, otherConcern };
}

/** Self-harm first (it changes what the patient is told), then overdose, then order of mention. */
function rank(f: Finding<UrgentCategory>): number {
  return f.category === 'self_harm' ? 0 : f.category === 'overdose' ? 1 : 2;
}
