/**
 * explainPattern(): elements, length, shape, examples and near miss of an
 * extension, checked case by case, then against every pattern of the shared
 * vectors (each example must match and each near miss must not, according to
 * the same matcher Simulate dial uses).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionMatchCore } from '../../server/src/core/dialplan/pattern';
import { explainPattern, explanationMarkdown, mismatchReason, type PatternExplanation } from '../../server/src/core/features/pattern-explain';
import { ASTERISK, readTsv } from '../helpers/shared';

interface Expected {
  /** Substrings (or patterns) of the Markdown. */
  says?: (string | RegExp)[];
  shape?: RegExp | null;
  min?: number;
  max?: number | null;
  examples?: string[];
  nearMiss?: [string, RegExp];
  special?: RegExp;
  notes?: RegExp[];
}

function check(exten: string, expected: Expected): PatternExplanation {
  const e = explainPattern(exten);
  const md = explanationMarkdown(e);
  for (const s of expected.says ?? []) {
    if (typeof s === 'string') expect(md).toContain(s);
    else expect(md).toMatch(s);
  }
  if (expected.shape === null) expect(e.shape).toBeUndefined();
  else if (expected.shape) expect(e.shape).toMatch(expected.shape);
  if (expected.min !== undefined) expect(e.min).toBe(expected.min);
  if (expected.max === null) expect(e.max).toBeUndefined();
  else if (expected.max !== undefined) expect(e.max).toBe(expected.max);
  for (const x of expected.examples ?? []) expect(e.examples).toContain(x);
  if (expected.nearMiss) {
    expect(e.nearMiss?.number).toBe(expected.nearMiss[0]);
    expect(e.nearMiss?.reason).toMatch(expected.nearMiss[1]);
  }
  if (expected.special) expect(e.special).toMatch(expected.special);
  for (const n of expected.notes ?? []) expect(e.notes.join('\n')).toMatch(n);
  return e;
}

const CASES: [string, Expected][] = [
  [
    '_NXXNXXXXXX',
    {
      says: ['`N` — a digit 2–9', '`XX` — 2 digits 0–9', 'exactly 10 digits', '2223334444', 'Not `1234567890`: first digit 1: N excludes 1'],
      shape: /NANP 10-digit/,
      min: 10,
      max: 10,
      examples: ['2223334444'],
      nearMiss: ['1234567890', /first digit 1: N excludes 1 \(N is 2–9\)/],
    },
  ],
  ['_1NXXNXXXXXX', { shape: /11-digit.*leading 1/, min: 11, max: 11, nearMiss: ['11234567890', /second digit 1: N excludes 1/] }],
  ['_NXXXXXX', { shape: /7-digit local/, examples: ['5551212'], nearMiss: ['1551212', /first digit 1/] }],
  ['_NXX-XXXX', { shape: /7-digit local/, min: 7, max: 7, examples: ['5551212'] }],
  ['_011.', { shape: /international/, min: 4, max: null, nearMiss: ['011', /too short/], says: ['at least 4 digits', '`.` — one or more further characters'] }],
  ['_9011.', { shape: /^9 \+ international.*\$\{EXTEN:1\}/ }],
  ['_9NXXNXXXXXX', { shape: /^9 \+ NANP 10-digit/, min: 11 }],
  ['_N11', { shape: /N11 service codes/, examples: ['411'], nearMiss: ['111', /N excludes 1/] }],
  ['_X.', { shape: /catch-all/, min: 2, max: null, nearMiss: ['2', /too short/] }],
  ['_X!', { min: 1, max: null, says: ['zero or more further characters'], nearMiss: ['*', /X excludes/] }],
  ['_.', { notes: [/special extensions s, i, t, h and T/, /_X\./] }],
  ['_1XX', { shape: /3-digit numbers 100–199/, examples: [], nearMiss: ['222', /wants 1/] }],
  ['_2XXX', { shape: /4-digit numbers 2000–2999/ }],
  ['_ZXXX', { shape: /1000–9999/, nearMiss: ['0223', /Z excludes 0 \(Z is 1–9\)/] }],
  ['_[15-7]XX', { says: ['`[15-7]` — one of 1, 5–7'], min: 3, max: 3, nearMiss: ['022', /excludes it/] }],
  ['_[2-9]XX', { says: ['`[2-9]` — a digit 2–9'], shape: /200–999/ }],
  ['_[1-]X', { says: ['one of -, 1'], notes: [/is literal/] }],
  ['_[-1]X', { says: ['one of -, 1'] }],
  ['_[9-1]X', { notes: [/runs backwards/, /No number can match/] }],
  ['_[12', { says: ['Matches nothing'], notes: [/no closing/] }],
  ['_[]1X', { notes: [/empty `\[\]` is skipped/], min: 2, max: 2 }],
  ['_1.2', { notes: [/after `\.` \(`2`\) is ignored/], examples: [] }],
  ['_*XX', { shape: /feature code/ }],
  ['_+X.', { shape: /E\.164/ }],
  ['_Xn', { says: ['`n` — a digit 2–9'] }],
  ['_X./_2XX', { says: ['Only for callers whose number matches `_2XX`'] }],
  ['100/', { says: ['**without** a caller number'] }],
  ['s', { special: /start/, says: ['**Special extension** `s`'] }],
  ['i', { special: /invalid.*INVALID_EXTEN/ }],
  ['t', { special: /response timeout/ }],
  ['T', { special: /absolute timeout/ }],
  ['h', { special: /hangup/ }],
  ['e', { special: /exception/ }],
  ['a', { special: /`\*`/ }],
  ['o', { special: /`0`/ }],
  ['S', { notes: [/case-sensitive/] }],
  ['911', { says: ['a literal: matches exactly `911`', 'emergency number'] }],
  ['100', { says: ['a literal: matches exactly `100`'], shape: null }],
  ['555-1212', { says: ['`5551212`'], notes: [/Dashes and spaces are ignored/] }],
  ['NXXNXXXXXX', { notes: [/Without a leading `_` this is a literal/] }],
];

describe('explainPattern', () => {
  it.each(CASES)('%s', (exten, expected) => {
    check(exten, expected);
  });

  it('gives the reason a number does not match', () => {
    expect(mismatchReason('_NXXNXXXXXX', '2223334444')).toBeUndefined();
    expect(mismatchReason('_NXXNXXXXXX', '222333444')).toMatch(/too short: 9 digits, the pattern needs exactly 10/);
    expect(mismatchReason('_NXXNXXXXXX', '22233344445')).toMatch(/too long: 11 digits/);
    expect(mismatchReason('_9X.', '9')).toMatch(/too short/);
    expect(mismatchReason('100', '101')).toMatch(/literal extension matches only `100`/);
    expect(mismatchReason('_1X', '2-1')).toMatch(/first digit 2/);
  });
});

describe('every example matches and every near miss does not (shared vectors)', () => {
  const patterns = [...new Set(readTsv(path.join(ASTERISK, 'pattern-vectors.tsv')).map((r) => r.pattern!))].filter((p) => p && p !== 'pattern');
  it.each(patterns)('%s', (pattern) => {
    const e = explainPattern(pattern);
    const match = pattern.replace(/-(?![^[]*\])/g, '');
    for (const x of e.examples) expect(extensionMatchCore(match, x, 'match'), `example ${x}`).not.toBe(0);
    if (e.nearMiss) expect(extensionMatchCore(match, e.nearMiss.number, 'match'), `near miss ${e.nearMiss.number}`).toBe(0);
    expect(explanationMarkdown(e).length).toBeGreaterThan(0);
  });
});
