/**
 * 100% agreement with real Asterisk 20.20.1 on "which extension line runs?":
 * ../shared/asterisk/oracle (2,000 questions over 40 random dialplans) and
 * oracle-edge (hand-made corners), asked through the batch CLI.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASTERISK, readTsv, ROOT } from '../helpers/shared';

const CLI = path.join(ROOT, 'dist/astconf.js');

function expectedKey(r: Record<string, string>): string {
  return [r.result, r.matched_context, r.extension, r.line].join(' | ');
}

for (const set of ['oracle', 'oracle-edge']) {
  describe(`${set}: batch CLI agrees with real Asterisk`, () => {
    const rows = readTsv(path.join(ASTERISK, set, 'expected.tsv'));
    const byCase = new Map<string, Record<string, string>[]>();
    for (const r of rows) byCase.set(r.case!, [...(byCase.get(r.case!) ?? []), r]);
    for (const [name, cases] of byCase) {
      it(`${name} (${cases.length} questions)`, () => {
        const dir = path.join(ASTERISK, set, 'cases', name);
        expect(fs.existsSync(path.join(dir, 'extensions.conf'))).toBe(true);
        const batch = cases.map((r) => `${r.context}\t${r.number}\t${r.callerid}`).join('\n') + '\n';
        const out = execFileSync(process.execPath, [CLI, 'simulate', '--config', dir, '--batch', '-', '--format', 'json'], { input: batch, encoding: 'utf8' });
        const got = out.trim().split('\n').map((l) => JSON.parse(l));
        expect(got.length).toBe(cases.length);
        const mismatches: string[] = [];
        cases.forEach((r, i) => {
          const g = got[i];
          const actual = [g.result, g.matched_context ?? '-', g.extension ?? '-', g.line ?? '-'].join(' | ');
          if (actual !== expectedKey(r)) mismatches.push(`${r.context} ${r.number} cid=${r.callerid || '(none)'}: expected ${expectedKey(r)}, got ${actual}`);
        });
        expect(mismatches).toEqual([]);
      });
    }
  });
}
