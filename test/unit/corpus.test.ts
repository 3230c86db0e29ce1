/**
 * Real configs written by other people (../shared/corpus): every file loads
 * without an exception, Asterisk's own samples get no error, and for every
 * corpus file loaded as extensions.conf we predict exactly the messages a real
 * Asterisk 20.20.1 logged (../shared/asterisk/load-warnings.tsv).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Workspace, type Analysis } from '../../server/src/core/workspace';
import { nodeHost } from '../../server/src/node-host';
import { LineIndex } from '../../server/src/core/text/line-index';
import { ASTERISK, CORPUS, listFiles, readTsv } from '../helpers/shared';

const files = listFiles(CORPUS).filter((f) => !f.endsWith('MANIFEST.tsv'));

function analyzeAlone(file: string, kind?: 'extensions'): Analysis {
  const ws = new Workspace({ configDir: path.dirname(file), host: nodeHost(), kindOf: kind ? () => kind : undefined });
  return ws.analyze([file]);
}

/** Asterisk names the file it loaded; the oracle loaded each file as extensions.conf. */
function normalize(message: string): string {
  return message.replace(/ of [\w.-]+\.conf(?=$| --|!)/, '');
}

function checkRanges(a: Analysis): void {
  for (const d of a.diagnostics) {
    const text = a.texts.get(d.file) ?? '';
    expect(d.start, `${d.code} start in ${d.file}`).toBeGreaterThanOrEqual(0);
    expect(d.end, `${d.code} end in ${d.file}`).toBeGreaterThanOrEqual(d.start);
    expect(d.end, `${d.code} end in ${d.file}`).toBeLessThanOrEqual(text.length);
  }
}

describe('corpus: every file loads', () => {
  it('has files', () => expect(files.length).toBeGreaterThan(50));
  for (const f of files) {
    const rel = path.relative(CORPUS, f);
    it(rel, () => {
      const a = analyzeAlone(f);
      checkRanges(a);
      if (rel.startsWith('asterisk__asterisk/')) {
        const errors = a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
        expect(errors).toEqual([]);
      }
    });
  }
  it('each corpus folder as a config dir', () => {
    const dirs = [...new Set(files.map((f) => path.dirname(f)))];
    for (const dir of dirs) {
      const confs = fs.readdirSync(dir).filter((n) => n.endsWith('.conf')).map((n) => path.join(dir, n));
      if (confs.length === 0) continue;
      checkRanges(new Workspace({ configDir: dir, host: nodeHost() }).analyze(confs));
    }
  });
});

describe('load-warnings.tsv: the messages real Asterisk logs for each dialplan', () => {
  const rows = readTsv(path.join(ASTERISK, 'load-warnings.tsv'));
  const byFile = new Map<string, Record<string, string>[]>();
  for (const r of rows) byFile.set(r.corpus_file!, [...(byFile.get(r.corpus_file!) ?? []), r]);
  for (const [rel, list] of byFile) {
    it(rel, () => {
      const a = analyzeAlone(path.join(CORPUS, rel), 'extensions');
      const root = a.roots[0]!;
      const loaded = list[0]!.loaded === 'yes';
      expect(root.config.fatal === undefined, `loaded=${list[0]!.loaded}: ${root.config.fatal?.message}`).toBe(loaded);
      // What Asterisk logged with a line number (or the include check), as "line: text".
      const expected = list
        .filter((r) => r.level === 'WARNING' || r.level === 'ERROR')
        .filter((r) => r.line !== '-' || r.message!.includes('tries to include nonexistent context'))
        .filter((r) => !/Some non-required modules|declined to load/.test(r.message!))
        .map((r) => `${r.line}: ${normalize(r.message!)}`)
        .sort();
      const text = a.texts.get(root.file)!;
      const index = new LineIndex(text);
      const actual = a.diagnostics
        .filter((d) => (d.data as { asterisk?: string } | undefined)?.asterisk)
        .map((d) => {
          const msg = (d.data as { asterisk: string }).asterisk;
          const line = msg.includes('tries to include nonexistent context') ? '-' : String(index.lineOf(d.start) + 1);
          return `${line}: ${normalize(msg)}`;
        })
        .sort();
      expect(actual).toEqual(expected);
    });
  }
});
