// analyseReply: safety signals, routine requests, low mood and keywords, with
// the shipped vocabulary and with a care team's additions.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVocabularyFile } from '../../src/adapters/definitions/vocabulary-file.js';
import { analyseReply, type Vocabulary } from '../../src/engine/understanding/index.js';

let vocab: Vocabulary;
beforeAll(async () => {
  vocab = await loadVocabularyFile(new URL('../../conversations/vocabulary.yaml', import.meta.url).pathname);
});

const urgentOf = (text: string): string | null => analyseReply(text, vocab).urgent?.category ?? null;

describe('analyseReply: urgent red flags', () => {
  it.each([
    ['chestpain', 'chest_pain'], ['chest pian', 'chest_pain'], ['CHEEEST PAIN', 'chest_pain'], ['cant breath', 'breathing'],
    ['brething is hard', 'breathing'], ['I cannot breathe', 'breathing'], ['kms', 'self_harm'], ['i wanna die', 'self_harm'],
    ['me quiero morir', 'self_harm'], ['quiero suicidarme', 'self_harm'], ['me caí y no me puedo levantar', 'fall'],
    ['azúcar en 45', 'glucose_low'], ['sugar 62 and shaky', 'glucose_low'], ['bs was 350', 'glucose_high'],
    ['sugar 2.5', 'glucose_low'], ['45 mg/dl', 'glucose_low'], ['pain 9/10', 'severe_pain'], ['dolor 10 de 10', 'severe_pain'],
    ['coughing up 🩸', 'bleeding'], ['took 12 sleeping pills', 'overdose'], ['dolor de pecho', 'chest_pain'],
  ])('%s -> %s', (text, category) => {
    expect(urgentOf(text)).toBe(category);
  });

  it.each([
    'no chest pain', 'I don\'t have any trouble breathing', 'no fever or chest pain', 'chest pain? no', 'ni dolor de pecho',
    'sin dolor de pecho', 'killing it', 'dying to try', 'dead tired', 'fell asleep early', 'walked 45 minutes', 'sugar 120',
    'walked 5 kms', 'pain 3/10', 'back pain for 10 years', '🩸', '💔', '😵',
    'breathing is not bad today', 'I feel depressed',
  ])('%s is not urgent', (text) => {
    expect(urgentOf(text)).toBeNull();
  });

  it('finds a red flag buried in a long message and quotes the patient', () => {
    const got = analyseReply('Walked 4 days, weather was great.\nBeen having some PAIN in my chest at night. Otherwise fine', vocab);
    expect(got.urgent).toEqual({ category: 'chest_pain', evidence: 'PAIN in my chest' });
  });

  it('puts self-harm first when several red flags are present', () => {
    expect(urgentOf('chest pain all day and honestly I want to die')).toBe('self_harm');
  });

  it('makes a resolved or long-past event routine, but never self-harm or passing stroke signs', () => {
    expect(analyseReply('fell last month but fine now', vocab)).toMatchObject({ urgent: null, human: { category: 'symptoms' } });
    expect(urgentOf('I tried to kill myself last year')).toBe('self_harm');
    expect(urgentOf('my face was droopy but it went away')).toBe('stroke');
    expect(urgentOf('I fell, im fine but I cant get up')).toBe('fall');
  });

  it('treats borderline glucose as routine', () => {
    expect(analyseReply('sugar 65 this morning', vocab)).toMatchObject({ urgent: null, human: { category: 'symptoms' } });
    expect(analyseReply('sugar 270', vocab)).toMatchObject({ urgent: null, human: { category: 'symptoms' } });
    expect(urgentOf('sugar 270 and vomiting')).toBe('glucose_high');
  });
});

describe('analyseReply: routine requests and mood', () => {
  it('reports each signal that applies', () => {
    const got = analyseReply('I feel hopeless, chest pain again, can someone call me?', vocab);
    expect(got.urgent?.category).toBe('chest_pain');
    expect(got.human?.category).toBe('talk_to_person');
    expect(got.lowMood).not.toBeNull();
  });

  it.each([
    ['call me', 'talk_to_person'], ['is this a real person?', 'talk_to_person'], ['llámame', 'talk_to_person'],
    ['I need a refill', 'medication'], ['se me acabó la insulina', 'medication'], ['was in the ER last night', 'hospital_visit'],
    ['fui a urgencias', 'hospital_visit'], ['my ankles are swollen', 'symptoms'],
  ])('%s -> %s', (text, category) => {
    expect(analyseReply(text, vocab).human?.category).toBe(category);
  });

  it('ignores negated requests', () => {
    expect(analyseReply('no need to call me', vocab).human).toBeNull();
    expect(analyseReply('no hace falta que me llamen', vocab).human).toBeNull();
  });

  it('reports a negated self-harm mention as low mood, not as nothing', () => {
    expect(analyseReply("I'm not suicidal, just tired", vocab)).toMatchObject({ urgent: null, lowMood: { evidence: 'suicidal' } });
  });
});

describe('analyseReply: keywords', () => {
  it.each(['STOP', 'stop.', 'Stop please', 's t o p', 'STOPALL', 'unsubscribe', 'CANCEL', 'end', 'quit', 'revoke', 'opt-out', 'PARAR',
    'cancelar', 'alto', 'stop texting me', 'deja de mandarme mensajes', 'take me off this list'])('%s -> opt_out', (text) => {
    expect(analyseReply(text, vocab).keyword).toBe('opt_out');
  });

  it.each(['I stopped eating chips', 'stop by the pharmacy', "can't stop coughing", 'the end', "don't stop texting me", 'I quit smoking'])(
    '%s is not an opt-out',
    (text) => expect(analyseReply(text, vocab).keyword).toBeNull(),
  );

  it.each([['START', 'opt_in'], ['unstop', 'opt_in'], ['YES', 'opt_in'], ['sí', 'opt_in'], ['HELP', 'help'], ['info', 'help'], ['AYUDA', 'help']])(
    '%s -> %s',
    (text, keyword) => expect(analyseReply(text, vocab).keyword).toBe(keyword),
  );
});

describe('analyseReply: the vocabulary is data', () => {
  it('picks up a care team addition without code changes', () => {
    const text = 'my numbers are through the floor';
    expect(urgentOf(text)).toBeNull();
    const extended: Vocabulary = { ...vocab, urgent: { ...vocab.urgent, glucose_low: [...vocab.urgent.glucose_low, 'numbers ... through the floor'] } };
    expect(analyseReply(text, extended).urgent).toEqual({ category: 'glucose_low', evidence: 'numbers are through the floor' });
  });

  it('is pure: the same input gives the same output and the vocabulary is not changed', () => {
    const before = JSON.stringify(vocab);
    expect(analyseReply('chest pain', vocab)).toEqual(analyseReply('chest pain', vocab));
    expect(JSON.stringify(vocab)).toBe(before);
  });
});
