/**
 * The incremental reparse (typing in a large file keeps the untouched lines'
 * nodes) must give exactly what a full parse of the new text gives: random
 * edits of corpus files and of a generated dialplan — typed characters,
 * deletions, new and joined lines, comments, block comment markers, junk —
 * compared node by node, with problems and comment ranges. Seeded.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, reparseConfig, type LineNode, type ParsedFile } from '../../server/src/core/parse/parser';
import { generateTier, mulberry32 as rng, TIERS } from '../../scripts/bench/generate';
import { grown, randomEdit } from '../helpers/edits';
import { CORPUS, listFiles } from '../helpers/shared';
import { collectGarbage } from '../../scripts/bench/stats';

/** Everything a node says, ranges included, as plain data. */
function plain(n: LineNode): unknown {
  const base = { kind: n.kind, lineNo: n.line.lineNo, text: n.line.text, range: n.range, name: n.name, nameRange: n.nameRange };
  if (n.kind === 'assignment') return { ...base, op: n.op, value: n.value, valueRange: n.valueRange, escaped: n.escaped, invalidEscape: n.invalidEscape };
  if (n.kind === 'section') return { ...base, closed: n.closed, options: n.options, optionsRange: n.optionsRange, optionsClosed: n.optionsClosed, ignoredText: n.ignoredText };
  return { ...base, arg: n.arg, argRange: n.argRange };
}

function same(a: ParsedFile, b: ParsedFile): void {
  expect(a.text).toBe(b.text);
  expect(a.nodes.map(plain)).toEqual(b.nodes.map(plain));
  expect(a.problems).toEqual(b.problems);
  expect(a.comments).toEqual(b.comments);
}

const INSERTS = ['x', ' ', '1', ',', '\n', '\nexten => 5,1,NoOp()\n', '; note', ';--', '--;', '\\;', '[ctx]\n', '#include foo.conf\n', '=', '=>', '(', ')', '\r', '\0', 'é'];

/** One random edit of the text. */
function edit(text: string, r: () => number): string {
  return randomEdit(text, r, INSERTS, 80);
}

describe('incremental reparse equals a full parse', () => {
  const files = listFiles(CORPUS).filter((f) => f.endsWith('.conf'));
  let kept = 0;
  it.each(files.slice(0, 30).map((f) => [f.slice(CORPUS.length + 1), f]))('%s: 15 successive edits', (_name, file) => {
    const r = rng(file.length * 7919);
    let prev = parseConfig(grown(fs.readFileSync(file, 'utf8')));
    for (let k = 0; k < 15; k++) {
      const next = edit(prev.text, r);
      const inc = reparseConfig(prev, next);
      same(inc, parseConfig(next));
      if (inc.nodes.length > 0 && inc.nodes[0] === prev.nodes[0]) kept++;
      prev = inc;
    }
  });

  it('took the incremental path for most of those edits', () => {
    expect(kept).toBeGreaterThan(200); // 259 of 450 with these seeds; the rest fall back (block comments, scan problems, first-line edits)
  });

  it('typing into a generated 250 KB dialplan keeps untouched nodes and stays exact', () => {
    const ws = generateTier(TIERS.find((t) => t.name === '250KB')!);
    let prev = parseConfig(ws.files[ws.extensionsPath]!);
    const r = rng(42);
    for (let k = 0; k < 15; k++) {
      const at = prev.text.indexOf('\n same => n,', Math.floor(r() * prev.text.length));
      const next = at === -1 ? prev.text + 'x' : prev.text.slice(0, at + 5) + 'q' + prev.text.slice(at + 5);
      const inc = reparseConfig(prev, next);
      same(inc, parseConfig(next));
      // The first line's node is the very same object: nothing before the edit was re-read.
      expect(inc.nodes[0]).toBe(prev.nodes[0]);
      prev = inc;
    }
  });

  it('a block comment typed in whole keeps later edits exact (an edit inside it is not a line of its own)', () => {
    let prev = reparseConfig(parseConfig(grown('[c]\nexten => 1,1,NoOp()\n')), grown('[c]\nexten => 1,1,NoOp()\n') + '\n');
    const at = prev.text.indexOf('exten => 1,1', prev.text.length >> 1);
    for (const next of [
      prev.text.slice(0, at) + ';-- a\nexten => 9,1,NoOp()\n--;\n' + prev.text.slice(at),
      prev.text.slice(0, at) + ';-- a\nexten => 9,2,NoOp()\n--;\n' + prev.text.slice(at),
    ]) {
      const inc = reparseConfig(prev, next);
      same(inc, parseConfig(next));
      prev = inc;
    }
  });

  it('falls back to a full parse around block comments', () => {
    const body = grown('[c]\nexten => 1,1,NoOp()\n');
    const withBlock = body + ';-- a\nblock --;\nexten => 2,1,NoOp()\n';
    const prev = parseConfig(withBlock);
    const next = withBlock.replace('exten => 1,1', 'exten => 1,2');
    same(reparseConfig(prev, next), parseConfig(next));
  });
});

describe('memory over a long editing session', () => {
  it('edits do not keep old versions of the file alive (a re-read line holds a copy of its own text)', () => {
    const ws = generateTier(TIERS.find((t) => t.name === '250KB')!);
    let prev = parseConfig(ws.files[ws.extensionsPath]!);
    const r = rng(7);
    const edit = (): void => {
      const at = prev.text.indexOf('\n same => n,', Math.floor(r() * prev.text.length));
      if (at !== -1) prev = reparseConfig(prev, prev.text.slice(0, at + 14) + 'z' + prev.text.slice(at + 14));
    };
    for (let k = 0; k < 20; k++) edit();
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    // Each edit makes a new 277 KB version of the text; were a line to keep its version, 300 edits would keep ~80 MB.
    for (let k = 0; k < 300; k++) edit();
    collectGarbage();
    expect((process.memoryUsage().heapUsed - before) / 1e6).toBeLessThan(25);
  });
});
