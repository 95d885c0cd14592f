// Table-driven tests for the answer parsers: each row is a reply and what the
// parser must return. "ask" rows must not produce a number.
import { describe, expect, it } from 'vitest';
import { isDailyLog, parseChoice, parseCount, parseRating, parseYesNo, type ChoiceOption } from '../../src/engine/understanding/index.js';

const DAYS = { min: 0, max: 7 };
const SCALE = { min: 0, max: 10 };

describe('parseCount', () => {
  it.each([
    ['3', 3], ['three', 3], ['tres', 3], ['twice', 2], ['once', 1], ['every day', 7], ['todos los dias', 7], ['none', 0],
    ['ninguno', 0], ['0', 0], ['3/5', 3], ['3 out of 5', 3], ['3 outta 5', 3], ['did it 4 times 👍', 4], ['4 days', 4],
    ['4 out of the 5 I planned', 4], ['mon wed fri', 3], ['walked sat and sun', 2], ['dos veces', 2], ['3 de los 5', 3],
    ['walked 30 min 3 days', 3], ['2 days, sugar was 140', 2], ['4, and my sugar has been 110-130', 4], ['7/7', 7],
    ['I did it 3 days! Tuesday, Thursday and Saturday', 3], ['did 10 minutes every day', 7], ['dos días nada más', 2],
    // Exceptions, ranges and other weeks (issue #10).
    ['every day except sunday', 6], ['mon to fri', 5], ['monday thru friday', 5], ['todos menos el domingo', 6], ['just the weekend', 2],
    ['5 last week, 3 this week', 3], ['ni uno', 0], ['Im 82 and I did it 6 days', 6], ['fuor', 4], ['sevn days', 7], ['sinco', 5], ['５', 5],
  ])('%s -> %s', (text, value) => {
    expect(parseCount(text, DAYS)).toEqual({ ok: true, value });
  });

  it.each([
    ['3 or 4', 'ambiguous'], ['was 2 now 5', 'ambiguous'], ['a few', 'ambiguous'], ['most days', 'ambiguous'],
    ['casi todos los días', 'ambiguous'], ['3-4', 'ambiguous'], ['2.5', 'ambiguous'], ['-1', 'ambiguous'], ['<b>1</b>', 'ambiguous'],
    ['<script>alert(1)</script>', 'ambiguous'], ['3 days: mon wed', 'ambiguous'], ['8', 'out_of_range'], ['ocho', 'out_of_range'],
    ['10 days', 'out_of_range'], ['walked 45 minutes', 'no_answer'], ['no', 'no_answer'], ['👍', 'no_answer'], ['', 'no_answer'],
  ])('%s -> %s', (text, reason) => {
    expect(parseCount(text, DAYS)).toEqual({ ok: false, reason });
  });

  it('uses the range it is given: every day is its max', () => {
    expect(parseCount('every day', { min: 0, max: 5 })).toEqual({ ok: true, value: 5 });
    expect(parseCount('6', { min: 0, max: 5 })).toEqual({ ok: false, reason: 'out_of_range' });
  });
});

describe('parseRating', () => {
  it.each([
    ['7', 7], ['7/10', 7], ['a 7', 7], ['siete', 7], ['about 8', 8], ['8 out of 10', 8], ['ten', 10], ['10/10!!', 10],
    ['zero', 0], ['pain is 6', 6], ['like a 6 maybe', 6],
  ])('%s -> %s', (text, value) => {
    expect(parseRating(text, SCALE)).toEqual({ ok: true, value });
  });

  it.each([
    ['7-8', 'ambiguous'], ['7.5', 'ambiguous'], ['3/5', 'ambiguous'], ['between 6 and 7', 'ambiguous'], ['11', 'out_of_range'],
    ['once', 'out_of_range'], ['high', 'no_answer'], ['100%', 'no_answer'],
  ])('%s -> %s', (text, reason) => {
    expect(parseRating(text, SCALE)).toEqual({ ok: false, reason });
  });
});

describe('parseYesNo', () => {
  it.each([
    'yes', 'Y', 'yeah!', 'yep', 'yup', 'sure', 'ok', 'correct', 'right', '👍', 'si', 'sí', 'claro', 'correcto', 'yesss',
    'Yes I walked', 'yes, no problems', 'I did', 'I think so', 'sí, claro',
  ])('%s -> yes', (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: true });
  });

  it.each([
    'no', 'n', 'nope', 'nah', 'not really', '👎', 'no gracias', 'No, because of the rain', 'not yet', 'todavía no', 'noooo',
    'claro que no', 'of course not',
  ])('%s -> no', (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: false });
  });

  it.each([
    ['yes and no', 'ambiguous'], ['yes. no.', 'ambiguous'], ['no... yes I did', 'ambiguous'], ['maybe', 'ambiguous'],
    ['no sé', 'ambiguous'], ['idk', 'ambiguous'], ['right knee hurts', 'no_answer'], ['walked today', 'no_answer'],
  ])('%s -> %s', (text, reason) => {
    expect(parseYesNo(text)).toEqual({ ok: false, reason });
  });
});

describe('parseChoice', () => {
  const options: ChoiceOption[] = [
    { key: 'time', number: 1, synonyms: ['time', 'busy', 'tiempo', 'ocupado', 'ocupada'] },
    { key: 'pain', number: 2, synonyms: ['pain', 'hurt', 'dolor', 'duele'] },
    { key: 'weather', number: 3, synonyms: ['weather', 'rain', 'cold', 'clima', 'lluvia', 'frío'] },
  ];

  it.each([
    ['2', 'pain'], ['#2', 'pain'], ['option 2', 'pain'], ['dos', 'pain'], ['two', 'pain'], ['the second one', 'pain'],
    ['Opción 3', 'weather'], ['3.', 'weather'], ['2) pain', 'pain'], ['PAIN', 'pain'], ['it rained', 'weather'],
    ['too busy', 'time'], ['no time', 'time'], ['el clima', 'weather'], ['hacía mucho FRIO', 'weather'],
    ['not the weather, my knee hurts', 'pain'],
  ])('%s -> %s', (text, value) => {
    expect(parseChoice(text, options)).toEqual({ ok: true, value });
  });

  it.each([
    ['1 and 3', 'ambiguous'], ['pain and rain', 'ambiguous'], ['2, the weather', 'ambiguous'], ['4', 'out_of_range'],
    ['nothing', 'no_answer'], ['walked 2 days', 'no_answer'],
  ])('%s -> %s', (text, reason) => {
    expect(parseChoice(text, options)).toEqual({ ok: false, reason });
  });
});

describe('isDailyLog', () => {
  it.each(['DONE', 'done ✅', '✅', '✔️', 'did it', 'done today', 'LISTO', 'lo hice', 'hecho', 'Done!!', 'I did it today 💪', 'ya lo hice'])(
    '%s is a log',
    (text) => expect(isDailyLog(text)).toBe(true),
  );
  it.each(['not done yet', 'no lo hice', 'did it twice', 'did it 3 days', 'done with this program', 'done? no', 'hello', ''])(
    '%s is not a log',
    (text) => expect(isDailyLog(text)).toBe(false),
  );
});
