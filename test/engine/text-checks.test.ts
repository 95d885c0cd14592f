// Text rules of `careloop validate` added for issue 12: worst-case SMS size
// (long and accented fill-ins), reading level per dialogue, parity, neutral
// Spanish, plural fill-ins, long-sentence warnings; and the texts report.
import { describe, expect, it } from 'vitest';
import { loadConversationSources } from '../../src/adapters/definitions/conversation-sources.js';
import { loadConversations } from '../../src/adapters/definitions/load-conversations.js';
import { countText, englishGrade, spanishEase, spanishSyllables } from '../../src/engine/definition/readability.js';
import { genderedWords, parityGaps } from '../../src/engine/definition/text-checks.js';
import { measureTexts } from '../../src/engine/definition/text-report.js';
import { renderTemplate } from '../../src/engine/template.js';
import { CONVERSATIONS_DIR } from './support/env.js';

function sample(say: string, es = '¡Gracias!'): string {
  return `
id: sample
version: 1
title: Sample
start: done
steps:
  done:
    say: { en: "${say}", es: "${es}" }
    end: completed
`;
}

function load(text: string) {
  return loadConversationSources([{ file: 'conversations/sample.yaml', text }], null);
}
const messagesOf = (text: string) => load(text).problems.map((p) => p.message);

describe('plural fill-ins', () => {
  it('when the number is 1, then the singular form; otherwise the plural, in each language', () => {
    const days = (n: number) => (name: string) => (name === 'days_done' ? n : undefined);
    expect(renderTemplate('You did it {{days_done:day|days}}.', days(1), 'en')).toBe('You did it 1 day.');
    expect(renderTemplate('You did it {{days_done:day|days}}.', days(3), 'en')).toBe('You did it 3 days.');
    expect(renderTemplate('You did it {{days_done:day|days}}.', days(0), 'en')).toBe('You did it 0 days.');
    expect(renderTemplate('Lo hizo {{days_done:día|días}}.', days(1), 'es')).toBe('Lo hizo 1 día.');
    expect(renderTemplate('Lo hizo {{days_done:día|días}}.', days(0), 'es')).toBe('Lo hizo 0 días.');
    expect(renderTemplate('{{days_done:# vez|# veces}}', days(2), 'es')).toBe('2 veces');
  });

  it('when the plural forms are malformed or the value is not a number, then validate says so', () => {
    expect(messagesOf(sample('Hi {{patient.firstName:one}}'))).toContainEqual(expect.stringContaining('plural forms must be written "one|other"'));
    expect(messagesOf(sample('Hi {{patient.firstName:day|days}}'))).toContainEqual(expect.stringContaining('is not a number'));
  });
});

describe('SMS size with worst-case fill-ins', () => {
  it('when a text fits with plain long values but not with an accented name, then validate fails it', () => {
    // 3 x 40-letter plans + a 12-letter name: 156 GSM-7 characters (1-2 segments), but 3 UCS-2 segments once the values are accented.
    const say = 'Hi {{patient.firstName}}! {{plan.action}} {{plan.action}} {{plan.action}}';
    expect(messagesOf(sample(say, say))).toContainEqual(expect.stringMatching(/3 SMS segments with the longest fill-ins .*UCS-2/));
  });

  it('when a Spanish text is 3 segments with a 30-letter clinic name, then validate fails it', () => {
    const es = `Hola. ${'{{careTeam.name}} '.repeat(4)}le escribirá.`;
    expect(messagesOf(sample('Hi. We will text.', es))).toContainEqual(expect.stringContaining('(es) is 3 SMS segments'));
  });
});

describe('reading level', () => {
  it('counts Spanish syllables with diphthongs and hiatus', () => {
    expect([spanishSyllables('día'), spanishSyllables('quiere'), spanishSyllables('leer'), spanishSyllables('muy'), spanishSyllables('semana')]).toEqual([2, 2, 2, 1, 3]);
  });

  it('scores plain short texts as easy and dense ones as hard', () => {
    expect(englishGrade(countText('Great job! You did it 3 days. Keep going!', 'en'))).toBeLessThan(3);
    expect(englishGrade(countText('Comprehensive multidisciplinary interventions facilitate considerable improvements in cardiovascular outcomes.', 'en'))).toBeGreaterThan(12);
    expect(spanishEase(countText('¡Muy bien! Lo hizo 3 días. ¡Siga así!', 'es'))).toBeGreaterThan(80);
  });

  it('when a dialogue reads above grade 6, then validate fails it', () => {
    const hard = 'Comprehensive multidisciplinary interventions facilitate considerable improvements.';
    expect(messagesOf(sample(hard, 'Intervenciones.'))).toContainEqual(expect.stringMatching(/English reading level is grade \d+\.\d \(Flesch-Kincaid\); the target is 6/));
  });

  it('when a Spanish dialogue reads below ease 70, then validate fails it', () => {
    const hard = 'Intervenciones multidisciplinarias comprehensivas facilitan mejoramientos considerables cardiovasculares.';
    expect(messagesOf(sample('Thanks.', hard))).toContainEqual(expect.stringContaining('Spanish reading ease is'));
  });

  it('when a sentence has more than 15 words, then a warning, not a problem', () => {
    const long = 'You can do this and that and this and that and this and that and this and that.';
    const loaded = load(sample(long, 'Puede hacer esto y eso y esto y eso y esto y eso y esto y eso y esto.'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('sentence of more than 15 words'));
  });
});

describe('parity and neutral Spanish', () => {
  it('when Spanish drops a sentence, a number, a fill-in or the reply hint, then a gap is found', () => {
    expect(parityGaps('This may be an emergency. Call 911 now. This line is not watched all the time.', 'Puede ser una emergencia. Llame al 911 ahora.')).toContainEqual(expect.stringContaining('sentence count differs'));
    expect(parityGaps('In the last 2 weeks, how often?', '¿Cuánto?')).toContainEqual(expect.stringContaining('numbers differ'));
    expect(parityGaps('Last time you were {{plan.confidence}}/10 sure.', 'La última vez.')).toContainEqual(expect.stringContaining('fill-ins differ'));
    expect(parityGaps('What is your plan? Reply in a few words.', '¿Cuál es su plan? Unas palabras.')).toContainEqual(expect.stringContaining('how to reply'));
    expect(parityGaps('Reply 0 (not sure) to 10 (very sure).', 'Responda de 0 a 10.')).toContainEqual(expect.stringContaining('bracketed'));
  });

  it('when Spanish gives the patient a gender, then it is found; neutral forms pass', () => {
    expect(genderedWords('¿Qué tan seguro está de poder caminar? Responda 0 (nada seguro) a 10 (muy seguro).')).toEqual(['seguro', 'seguro', 'seguro']);
    expect(genderedWords('¿Cuánta confianza tiene de poder caminar? Escriba LISTO.')).toEqual([]);
  });

  it('when a shipped text is gendered, then validate fails it', () => {
    expect(messagesOf(sample('How sure are you?', '¿Qué tan seguro está?'))).toContainEqual(expect.stringContaining('"seguro" gives the patient a gender'));
  });
});

describe('the texts report over the shipped conversations', () => {
  it('when measured with worst-case fill-ins, then every target of issue 12 is met', async () => {
    const loaded = await loadConversations(CONVERSATIONS_DIR);
    if (!loaded.messages) throw new Error('messages.yaml did not load');
    const report = measureTexts([...loaded.definitions.values()].map((d) => d.definition), loaded.messages);
    expect(report.texts.length).toBeGreaterThan(150);
    expect(report.overTwoSegments).toEqual([]);
    expect(report.englishOneSegmentShare).toBeGreaterThanOrEqual(0.9);
    expect(report.aboveGrade).toEqual([]);
    expect(report.parityGaps).toEqual([]);
    expect(report.gendered).toEqual([]);
  });
});
