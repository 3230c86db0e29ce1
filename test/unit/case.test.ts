import { describe, expect, it } from 'vitest';
import { lowerCase } from '../../server/src/core/text/case';

// lowerCase is String#toLowerCase with a shortcut for strings that have nothing to lower-case: its answer must be
// the same for every string, whether V8 holds it as Latin-1 or as UTF-16 (a file with a character past Latin-1).
const cases: [string, string][] = [
  ['digits', '1001'],
  ['lower-case ASCII', 'dynamic'],
  ['with punctuation', 'trunk-out_2.example.com'],
  ['capitals', 'TheITSP-Out'],
  ['all capitals', 'DYNAMIC'],
  ['empty', ''],
  ['Latin-1 capital', 'Zürich-Ä'],
  ['Latin-1 lower-case', 'zürich'],
  ['Greek', 'ΑΘΗΝΑ'],
  ['dotted capital I (two characters lower-cased)', 'İstanbul'],
  ['Kelvin sign (lower-cases to ASCII k)', '\u212Aelvin'],
  ['em dash', 'a—b'],
  ['capital after non-ASCII', 'é-X'],
];

describe('lowerCase', () => {
  for (const [what, s] of cases) {
    it(`${what}: ${JSON.stringify(s)}`, () => {
      expect(lowerCase(s)).toBe(s.toLowerCase());
      // The same text cut from a string held as UTF-16.
      const wide = ('—' + s).slice(1);
      expect(lowerCase(wide)).toBe(s.toLowerCase());
    });
  }

  it('returns the string itself when there is nothing to lower-case', () => {
    const s = 'x'.repeat(20) + '1001';
    expect(Object.is(lowerCase(s), s)).toBe(true);
  });

  it('agrees with toLowerCase on every character', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = 'a' + String.fromCharCode(c) + 'b';
      if (lowerCase(s) !== s.toLowerCase()) throw new Error(`U+${c.toString(16)}`);
    }
  });
});
