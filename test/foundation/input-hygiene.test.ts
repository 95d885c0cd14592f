import { describe, expect, it } from 'vitest';
import { cleanDeep, cleanText, noCounts } from '../../src/adapters/http/input-hygiene.js';

describe('input hygiene', () => {
  it('when text holds NUL, other C0/C1 controls and DEL, then they are removed and counted, tab and newline kept', () => {
    const counts = noCounts();
    expect(cleanText('a\u0000b\u0007c\td\ne\u001bf\u007fg\u0085h', counts)).toBe('abc\td\nefgh');
    expect(counts).toEqual({ control: 5, surrogate: 0 });
  });

  it('when text holds CR or CRLF, then each becomes one newline and nothing is counted', () => {
    const counts = noCounts();
    expect(cleanText('one\r\ntwo\rthree', counts)).toBe('one\ntwo\nthree');
    expect(counts.control).toBe(0);
  });

  it('when text holds lone surrogates, then each becomes U+FFFD and real pairs (emoji) stay', () => {
    const counts = noCounts();
    expect(cleanText('x\ud800y\udc00z😀', counts)).toBe('x\ufffdy\ufffdz😀');
    expect(counts.surrogate).toBe(2);
  });

  it('when a JSON body nests bad strings in keys, values and arrays, then all are cleaned', () => {
    const counts = noCounts();
    expect(cleanDeep({ 'na\u0000me': 'A\u0000', plan: { action: ['w\u0000alk', 3, null] } }, counts)).toEqual({ name: 'A', plan: { action: ['walk', 3, null] } });
    expect(counts.control).toBe(3);
  });
});
