import { describe, expect, it } from 'vitest';
import { guessLanguage, isClosingReply } from '../../src/engine/closing-reply.js';

describe('closing replies', () => {
  it.each(['thanks', 'Thank you!', 'ok', 'OK 👍', '👍', '🙏🏽', 'Gracias', '¡Muchas gracias!', 'ok gracias', 'vale', 'sounds good'])(
    'when the patient sends %j, then it is a closing',
    (text) => expect(isClosingReply(text)).toBe(true),
  );

  it.each(['thanks, but my chest hurts', 'ok 3', 'no', 'gracias, hoy no pude', '', 'what is this?'])('when the patient sends %j, then it is not a closing', (text) => {
    expect(isClosingReply(text)).toBe(false);
  });
});

describe('language of an unknown sender', () => {
  it('when the text looks Spanish, then es; otherwise en', () => {
    expect(guessLanguage('Hola, ¿quién es?')).toBe('es');
    expect(guessLanguage('quien es este numero')).toBe('es');
    expect(guessLanguage('who is this?')).toBe('en');
    expect(guessLanguage('hello??')).toBe('en');
  });
});
