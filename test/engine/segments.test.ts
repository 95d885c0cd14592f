import { describe, expect, it } from 'vitest';
import { countSegments } from '../../src/engine/sms-segments.js';

describe('countSegments', () => {
  it.each([
    { text: 'a'.repeat(160), encoding: 'GSM-7', units: 160, segments: 1 },
    { text: 'a'.repeat(161), encoding: 'GSM-7', units: 161, segments: 2 },
    { text: 'a'.repeat(306), encoding: 'GSM-7', units: 306, segments: 2 },
    { text: 'a'.repeat(307), encoding: 'GSM-7', units: 307, segments: 3 },
    { text: '¿Qué? ¡Sí! é ñ ü', encoding: 'UCS-2', units: 16, segments: 1 },
    { text: '¿Qué tal? Señor, ¿está bien? é ñ ¡', encoding: 'UCS-2', units: 34, segments: 1 },
    { text: '¿Que tal? Señor é ñ ü ¡', encoding: 'GSM-7', units: 23, segments: 1 },
    { text: `${'a'.repeat(69)}á`, encoding: 'UCS-2', units: 70, segments: 1 },
    { text: `${'a'.repeat(70)}í`, encoding: 'UCS-2', units: 71, segments: 2 },
    { text: `${'a'.repeat(133)}ó`, encoding: 'UCS-2', units: 134, segments: 2 },
    { text: `${'a'.repeat(134)}ú`, encoding: 'UCS-2', units: 135, segments: 3 },
    { text: 'Great 🎉', encoding: 'UCS-2', units: 8, segments: 1 },
    { text: `${'a'.repeat(158)}{`, encoding: 'GSM-7', units: 160, segments: 1 },
    { text: `${'a'.repeat(159)}€`, encoding: 'GSM-7', units: 161, segments: 2 },
  ])('$text.length chars -> $encoding, $segments segment(s)', ({ text, encoding, units, segments }) => {
    expect(countSegments(text)).toMatchObject({ encoding, units, segments });
  });

  it('names the character that forced UCS-2', () => {
    expect(countSegments('Está bien').nonGsmCharacter).toBe('á');
  });
});
