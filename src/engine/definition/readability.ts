// Reading level of patient texts. English: Flesch-Kincaid grade (syllables
// from the `syllable` package, a maintained English counter with an exception
// list). Spanish: Fernández-Huerta reading ease (1959), 206.84 - 0.60 P -
// 1.02 F, with P syllables per 100 words and F the mean words per sentence
// (the corrected reading of the formula, parallel to Flesch's 1.015 x words
// per sentence; the often-quoted "sentences per 100 words" would score short
// sentences as harder). Syllables are counted by Spanish rules (below), for
// which no maintained npm counter exists.
// Targets (domain brief: "grade 6 or below"): English grade <= 6, Spanish
// ease >= 70 ("bastante fácil").
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import type { Lang } from './schema.js';

export const MAX_ENGLISH_GRADE = 6;
export const MIN_SPANISH_EASE = 70;
export const MAX_SENTENCE_WORDS = 15;

export interface TextCounts {
  sentences: number;
  words: number;
  syllables: number;
}

/** Sentences: split after . ! ? (a text without one is one sentence). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/u)
    .map((s) => s.trim())
    .filter((s) => wordsOf(s).length > 0);
}

/** Words: runs of letters or digits ("0-7", "5-minute" and "7/10" are one word each). */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:[-'’/][\p{L}\p{N}]+)*/gu) ?? [];
}

const SPANISH_STRONG = new Set([...'aeoáéóíú']);
const SPANISH_VOWEL = new Set([...'aeiouáéíóúü']);

/**
 * Spanish syllables = vowel nuclei. Adjacent vowels share a nucleus
 * (diphthong) unless both are strong (a, e, o, or an accented í/ú: hiatus, as
 * in "día", "leer", "país"). A final y after a vowel ("muy", "hoy") is part of
 * the diphthong; "y" alone is a syllable. A number counts as one.
 */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase();
  if (/^\p{N}/u.test(w)) return 1;
  if (w === 'y') return 1;
  let count = 0;
  let previous = '';
  for (const ch of w) {
    const vowel = SPANISH_VOWEL.has(ch);
    if (vowel && (!SPANISH_VOWEL.has(previous) || (SPANISH_STRONG.has(ch) && SPANISH_STRONG.has(previous)))) count += 1;
    previous = vowel ? ch : '';
  }
  return Math.max(1, count);
}

const ENGLISH_CACHE = new Map<string, number>();
function englishSyllables(word: string): number {
  let n = ENGLISH_CACHE.get(word);
  if (n === undefined) {
    n = /^\p{N}/u.test(word) ? 1 : Math.max(1, syllable(word));
    ENGLISH_CACHE.set(word, n);
  }
  return n;
}

export function countText(text: string, lang: Lang): TextCounts {
  const words = wordsOf(text);
  const perWord = lang === 'en' ? englishSyllables : spanishSyllables;
  return {
    sentences: Math.max(1, sentencesOf(text).length),
    words: words.length,
    syllables: words.reduce((sum, w) => sum + perWord(w), 0),
  };
}

export function addCounts(all: TextCounts[]): TextCounts {
  return all.reduce((a, b) => ({ sentences: a.sentences + b.sentences, words: a.words + b.words, syllables: a.syllables + b.syllables }), {
    sentences: 0,
    words: 0,
    syllables: 0,
  });
}

export function englishGrade(counts: TextCounts): number {
  if (counts.words === 0) return 0;
  return fleschKincaid({ sentence: counts.sentences, word: counts.words, syllable: counts.syllables });
}

export function spanishEase(counts: TextCounts): number {
  if (counts.words === 0) return 100;
  const p = (100 * counts.syllables) / counts.words;
  const f = counts.words / Math.max(1, counts.sentences);
  return 206.84 - 0.6 * p - 1.02 * f;
}

/** Sentences longer than the limit, for a warning. */
export function longSentences(text: string, max = MAX_SENTENCE_WORDS): string[] {
  return sentencesOf(text).filter((s) => wordsOf(s).length > max);
}
