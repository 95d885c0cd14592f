// squeeze is hand-written for speed; it must keep the meaning of the regex it replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { squeeze } from '../../src/engine/understanding/normalise.js';

const byRegex = (word: string) => word.replace(/([a-z])\1+/g, '$1');

describe('squeeze', () => {
  it('when a word has runs of one letter, then each run becomes one letter and nothing else changes', () => {
    expect(squeeze('heeelp')).toBe('help');
    expect(squeeze('sleep')).toBe('slep');
    expect(squeeze('aabbcc')).toBe('abc');
    expect(squeeze('11 AA ññ')).toBe('11 AA ññ');
    expect(squeeze('')).toBe('');
  });

  it('when given any text, then it gives what the regex /([a-z])\\1+/g gave', () => {
    const letters = fc.constantFrom('a', 'b', 'e', 'l', 'z', 'A', '1', 'ñ', ' ', '😀');
    fc.assert(fc.property(fc.array(letters, { maxLength: 24 }).map((a) => a.join('')), (word) => squeeze(word) === byRegex(word)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string(), (word) => squeeze(word) === byRegex(word)), { numRuns: 2000 });
  });
});
