/**
 * Junk never crashes the core: random mutations of corpus files (byte flips,
 * truncation, duplicated and shuffled lines, huge lines, comment markers) are
 * parsed, loaded, analyzed and dialed; every range lies inside its document and
 * each file finishes in bounded time. Seeded, so failures reproduce.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { simulate } from '../../server/src/core/simulate/simulate';
import { CORPUS, listFiles } from '../helpers/shared';
import { mulberry32 as rng } from '../../scripts/bench/generate';


const JUNK = [';--', '--;', '\\;', '[', ']', '(', ')', '(!)', '(+)', '#include x', '#exec rm -rf /', '=>', '+=', '\0', '\r', '\ufeff', '${', '$[', '_', '!', '.', 'exten => _X.,n(', 'same => n,', '\n[', 'é', '\ud800'];

function mutate(text: string, r: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]!;
  let t = text;
  const ops = 1 + Math.floor(r() * 6);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(r() * (t.length + 1));
    switch (Math.floor(r() * 7)) {
      case 0: // byte flip
        t = t.slice(0, at) + String.fromCharCode(Math.floor(r() * 256)) + t.slice(at + 1);
        break;
      case 1: // truncation
        t = t.slice(0, at);
        break;
      case 2: {
        // duplicated lines
        const lines = t.split('\n');
        const i = Math.floor(r() * lines.length);
        lines.splice(i, 0, ...lines.slice(i, i + 1 + Math.floor(r() * 5)));
        t = lines.join('\n');
        break;
      }
      case 3: {
        // shuffled lines
        const lines = t.split('\n');
        for (let i = lines.length - 1; i > 0; i--) {
          if (r() < 0.2) {
            const j = Math.floor(r() * (i + 1));
            [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          }
        }
        t = lines.join('\n');
        break;
      }
      case 4: // huge line
        t = t.slice(0, at) + 'x'.repeat(8000 + Math.floor(r() * 20000)) + t.slice(at);
        break;
      default:
        t = t.slice(0, at) + pick(JUNK) + t.slice(at);
    }
  }
  return t;
}

const files = listFiles(CORPUS).filter((f) => f.endsWith('.conf') || f.endsWith('.sample'));

describe('fuzz: mutated corpus files', () => {
  for (const file of files) {
    const rel = path.relative(CORPUS, file);
    it(rel, () => {
      const original = fs.readFileSync(file, 'utf8');
      const r = rng(rel.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
      for (let round = 0; round < 6; round++) {
        const text = mutate(original, r);
        const name = /sip/.test(path.basename(file)) ? 'sip.conf' : 'extensions.conf';
        const other = name === 'sip.conf' ? 'extensions.conf' : 'sip.conf';
        const files = { [`/etc/asterisk/${name}`]: text, [`/etc/asterisk/${other}`]: mutate(original, r) };
        const ws = new Workspace({ configDir: '/etc/asterisk', host: memoryHost(files) });
        const started = Date.now();
        const a = ws.analyze(Object.keys(files));
        for (const d of a.diagnostics) {
          const len = a.texts.get(d.file)?.length ?? 0;
          expect(d.start >= 0 && d.start <= d.end && d.end <= len, `${d.code} ${d.start}-${d.end} of ${len}`).toBe(true);
          for (const f of d.fixes ?? []) for (const e of f.edits) expect(e.start >= 0 && e.start <= e.end).toBe(true);
        }
        if (a.dialplan) {
          const contexts = [...a.dialplan.contexts.keys()].slice(0, 5);
          for (const c of contexts) for (const n of ['s', '100', '2223334444', '', '_X.', '*98', '9' + 'x'.repeat(50)]) simulate(a.dialplan, a.sip, { number: n, context: c });
        }
        expect(Date.now() - started).toBeLessThan(5000);
      }
    });
  }
});
