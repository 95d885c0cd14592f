// The one phone-number reader (src/app/phone.ts): what a person types becomes
// E.164, or a clear error; fictional 555 numbers only outside production.
import { describe, expect, it } from 'vitest';
import { looksLikePhone, parsePhone, type PhoneRules } from '../../src/app/phone.js';

const dev: PhoneRules = { defaultCountry: 'US', allowFictional: true };
const prod: PhoneRules = { defaultCountry: 'US', allowFictional: false };
const e164 = (text: string, rules = dev) => {
  const read = parsePhone(text, rules);
  return read.ok ? read.e164 : `error: ${read.error}`;
};

describe('parsePhone', () => {
  it.each(['(312) 555-0123', '312.555.0123', '+1 312 555 0123', '312-555-0123', '1 312 555 0123', '+13125550123', '  (312)555-0123 '])(
    'when a US clinic types %j, then it is +13125550123',
    (text) => {
      expect(e164(text)).toBe('+13125550123');
    },
  );

  it('when a real-looking number is typed in production, then it is read the same way', () => {
    expect(e164('(213) 373-4253', prod)).toBe('+12133734253');
    expect(e164('+44 20 7946 0958', prod)).toBe('+442079460958');
  });

  it.each([
    ['+1234567', 'too short'],
    ['555-1234', 'too short'],
    ['+1 312 555 0123 4567 89', 'too long'],
    ['+10000000000', 'not a valid phone number'],
    ['+1 123 456 7890', 'not a valid phone number'],
    ['call me', 'must be a phone number'],
    ['312 555 0123 ext 4', 'must be a phone number'],
    ['', 'is required'],
  ])('when %j is typed, then it is refused: %s', (text, why) => {
    const read = parsePhone(text, dev);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error).toContain(why);
      expect(read.error).toContain('(312) 555-0123 or +1 312 555 0123');
    }
  });

  it('when the README\'s fictional numbers are typed outside production, then they work; in production they are refused', () => {
    for (const text of ['+15555550123', '+1 (555) 555-0100', '(555) 558-0400']) {
      expect(e164(text)).toMatch(/^\+1555\d{7}$/);
      expect(e164(text, prod)).toContain('fictional 555 number');
    }
    expect(e164('(312) 555-0199', prod)).toContain('fictional 555 number');
    expect(e164('(312) 555-0200', prod)).toBe('+13125550200');
  });

  it('when the clinic is in another country, then national numbers are read for it', () => {
    const uk: PhoneRules = { defaultCountry: 'GB', allowFictional: false };
    expect(e164('020 7946 0958', uk)).toBe('+442079460958');
    expect(e164('+1 213 373 4253', uk)).toBe('+12133734253');
    expect(e164('12', uk)).toContain('+44 and the number');
  });

  it('when text is a label, then it does not look like a phone number', () => {
    expect(looksLikePhone('MG-3F9A2C')).toBe(false);
    expect(looksLikePhone('(312) 555-0123')).toBe(true);
    expect(looksLikePhone('---')).toBe(false);
  });
});
