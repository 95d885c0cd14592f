// Red flags that are numbers, not phrases: blood glucose readings and pain
// ratings. Thresholds are clinical rules (domain.md section 4), so they live in
// code, not in the vocabulary:
//   glucose < 54 mg/dL, or < 70 with symptoms           -> urgent, glucose_low
//   glucose > 300 mg/dL, or > 250 with vomiting/confusion -> urgent, glucose_high
//   glucose 54-69 or 251-300 without symptoms           -> routine (symptoms)
//   pain 9 or 10 out of 10                               -> urgent, severe_pain
// A number is a glucose reading only next to a glucose word ("sugar 45", "bs
// was 350", "azúcar en 45") or a unit ("45 mg/dl"): "walked 45 minutes" is not.
import type { UrgentCategory } from './api.js';
import { MEASURES, PAIN_WORDS, UNITS } from './numbers.js';
import { isContent, squeeze, type Token } from './normalise.js';

export interface MeasureHit {
  category: UrgentCategory | 'routine';
  start: number;
  end: number;
}

const set = (words: string[]): Set<string> => new Set(words.map(squeeze));
const GLUCOSE = set(['sugar', 'sugars', 'glucose', 'bs', 'bg', 'bgl', 'cbg', 'fbs', 'reading', 'readings', 'meter',
  'glucometer', 'dexcom', 'cgm', 'aparato', 'azucar', 'azuca', 'azuka', 'shuga', 'glucosa', 'glucemia', 'glicemia']);
const HYPO_SIGNS = set(['shaky', 'shakey', 'shaking', 'sweaty', 'sweating', 'sweats', 'dizzy', 'confused', 'confusion',
  'lightheaded', 'weak', 'blurry', 'pale', 'tembloroso', 'temblorosa', 'temblando', 'tiemblo', 'sudando', 'sudor',
  'mareado', 'mareada', 'mareo', 'confundido', 'confundida', 'debil']);
const HYPER_SIGNS = set(['vomiting', 'vomit', 'vomited', 'throwing', 'throwin', 'threw', 'puking', 'confused', 'confusion', 'forgetting', 'forgettin',
  'ketones', 'vomitando', 'vomito', 'vomite', 'confundido', 'confundida']);
const BELOW = set(['under', 'below', 'less', 'lower', 'menos', 'bajo', 'debajo']);
const ABOVE = set(['over', 'above', 'more', 'higher', 'mas', 'arriba', 'encima', 'sobre']);
const GLUCOSE_UNITS = set(['mg', 'mgdl', 'mmol']);
const REACH = 6;

/** The reading in mg/dL: decimals and numbers under 20 are taken as mmol/L ("sugar 2.8", "sugar 3"). */
function toMgDl(tok: Token): number {
  const v = Number(tok.t);
  return tok.t.includes('.') || v < 20 ? Math.round(v * 18) : v;
}

function isReading(tokens: Token[], j: number): boolean {
  const next = tokens[j + 1];
  if (!next) return true;
  if (GLUCOSE_UNITS.has(next.t)) return true;
  return !UNITS.has(next.t) && next.t !== '%' && next.t !== ':' && tokens[j - 1]?.t !== ':';
}

function classify(mg: number, tokens: Token[]): MeasureHit['category'] | null {
  // A sign the patient denies ("no vomito ni nada") is not a sign.
  const NO = new Set(['no', 'not', 'ni', 'sin', 'without', 'nor']);
  const has = (signs: Set<string>): boolean => tokens.some((t, i) => signs.has(t.t) && !NO.has(tokens[i - 1]?.t ?? ''));
  if (mg < 54) return 'glucose_low';
  if (mg < 70) return has(HYPO_SIGNS) ? 'glucose_low' : 'routine';
  if (mg > 300) return 'glucose_high';
  if (mg > 250) return has(HYPER_SIGNS) ? 'glucose_high' : 'routine';
  return null;
}

function readingHit(tokens: Token[], j: number, start: number): MeasureHit | null {
  const tok = tokens[j];
  if (tok?.kind !== 'number' || !isReading(tokens, j)) return null;
  const before = tokens[j - 1]?.t ?? '';
  const nudge = BELOW.has(before) ? -1 : ABOVE.has(before) ? 1 : 0;
  const category = classify(toMgDl(tok) + nudge, tokens);
  return category ? { category, start: Math.min(start, j), end: j + 1 } : null;
}

export function glucoseHits(tokens: Token[]): MeasureHit[] {
  const hits: MeasureHit[] = [];
  tokens.forEach((tok, c) => {
    if (tok.kind === 'number' && GLUCOSE_UNITS.has(tokens[c + 1]?.t ?? '')) {
      const hit = readingHit(tokens, c, c);
      if (hit) hits.push(hit);
    }
    if (!GLUCOSE.has(tok.t)) return;
    for (let j = c + 1; j <= c + REACH && j < tokens.length && tokens[j]?.kind !== 'break'; j++) {
      const t = tokens[j]?.t ?? '';
      if (MEASURES.has(t) && !GLUCOSE.has(t)) break;
      const hit = readingHit(tokens, j, c);
      if (hit) hits.push(hit);
    }
  });
  return hits;
}

/** A 0-10 rating at j: "9", "9/10", "9 out of 10", "9 de 10"; null for durations and other scales. */
function ratingAt(tokens: Token[], j: number, explicitOnly: boolean): number | null {
  const tok = tokens[j];
  if (tok?.kind !== 'number' || tok.t.includes('.')) return null;
  const prev = tokens[j - 1]?.t ?? '';
  if (['/', 'of', 'outa', 'de', 'sobre'].includes(prev) && tokens[j - 2]?.kind === 'number') return null;
  let k = j + 1;
  if (tokens[k]?.t === 'out' && tokens[k + 1]?.t === 'of') k++;
  const link = tokens[k]?.t ?? '';
  if (['/', 'of', 'outa', 'de', 'sobre'].includes(link) && tokens[k + 1]?.kind === 'number') {
    return tokens[k + 1]?.t === '10' ? Number(tok.t) : null;
  }
  if (explicitOnly) return null;
  const next = tokens[j + 1]?.t ?? '';
  return UNITS.has(next) || next === '%' || next === ':' ? null : Number(tok.t);
}

const TOOK = set(['took', 'take', 'taken', 'swallowed', 'tome', 'tomo', 'tomado']);
const DOSE_UNITS = set(['pills', 'pill', 'tablets', 'tabs', 'capsules', 'sleeping', 'pastillas', 'tabletas', 'capsulas']);
/** Pills taken at once: 10 or more is an overdose ("took 10 of my sleeping pills"), not "took my 10 pills". */
const OVERDOSE_COUNT = 10;
const ROUTINE_BEFORE = set(['my', 'all', 'mis', 'todas', 'usual', 'daily']);

export function overdoseHits(tokens: Token[]): MeasureHit[] {
  const hits: MeasureHit[] = [];
  tokens.forEach((tok, c) => {
    if (!TOOK.has(tok.t)) return;
    for (let j = c + 1; j <= c + 3 && isContent(tokens[j]); j++) {
      const n = tokens[j];
      if (n?.kind !== 'number' || Number(n.t) < OVERDOSE_COUNT || ROUTINE_BEFORE.has(tokens[j - 1]?.t ?? '')) continue;
      const unit = tokens.slice(j + 1, j + 5).findIndex((t) => DOSE_UNITS.has(t.t));
      if (unit >= 0) hits.push({ category: 'overdose', start: c, end: j + unit + 2 });
    }
  });
  return hits;
}

/** A body part with an explicit rating ("knees at a 9 outta 10") is a pain score too. */
const BODY = set(['knee', 'knees', 'back', 'hip', 'hips', 'head', 'leg', 'legs', 'joints', 'joint', 'shoulder', 'shoulders', 'neck',
  'foot', 'feet', 'arm', 'arms', 'stomach', 'belly', 'tummy', 'rodilla', 'rodillas', 'espalda', 'cadera', 'cabeza', 'pierna', 'piernas',
  'articulaciones', 'hombro', 'hombros', 'cuello', 'pie', 'pies', 'brazo', 'estomago', 'panza', 'barriga']);
const FEVER = set(['fever', 'temp', 'temperature', 'fiebre', 'temperatura', 'calentura']);

/** A fever of 103 °F (39.5 °C) or more. */
export function feverHits(tokens: Token[]): MeasureHit[] {
  const hits: MeasureHit[] = [];
  tokens.forEach((tok, c) => {
    if (!FEVER.has(tok.t)) return;
    for (let j = c + 1; j <= c + 4 && j < tokens.length && tokens[j]?.kind !== 'break'; j++) {
      const v = tokens[j]?.kind === 'number' ? Number(tokens[j]?.t) : NaN;
      if ((v >= 103 && v <= 110) || (v >= 39.5 && v <= 43)) hits.push({ category: 'other', start: c, end: j + 1 });
    }
  });
  return hits;
}

export function painHits(tokens: Token[]): MeasureHit[] {
  const hits: MeasureHit[] = [];
  tokens.forEach((tok, c) => {
    if (BODY.has(tok.t)) {
      for (let j = c + 1; j <= c + 4 && j < tokens.length && tokens[j]?.kind !== 'break'; j++) {
        // "back is a 9 today": "a 9" after a body part is a rating too.
        const r = ratingAt(tokens, j, tokens[j - 1]?.t !== 'a');
        if (r !== null && r >= 9 && r <= 10) hits.push({ category: 'severe_pain', start: c, end: j + 1 });
      }
    }
    if (!PAIN_WORDS.has(tok.t)) return;
    const severe = (j: number, explicitOnly: boolean): void => {
      const r = ratingAt(tokens, j, explicitOnly);
      if (r !== null && r >= 9 && r <= 10) hits.push({ category: 'severe_pain', start: Math.min(c, j), end: Math.max(c, j) + 1 });
    };
    for (let j = c + 1; j <= c + 6 && j < tokens.length && tokens[j]?.kind !== 'break'; j++) {
      if (MEASURES.has(tokens[j]?.t ?? '')) break;
      severe(j, false);
    }
    for (let j = c - 1; j >= c - 4 && isContent(tokens[j]); j--) severe(j, true);
  });
  return hits;
}
