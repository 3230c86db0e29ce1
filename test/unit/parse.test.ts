import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grammarFallbacks, parseConfig, reparseConfig, type LineNode } from '../../server/src/core/parse/parser';
import { CORPUS, listFiles } from '../helpers/shared';

/** Compact rendering of what Asterisk sees on each line. */
function show(n: LineNode): string {
  switch (n.kind) {
    case 'section':
      return `${n.line.lineNo}:[${n.name}]${n.closed ? '' : '!noclose'}${n.options ? '(' + n.options.map((o) => o.text).join('|') + ')' : ''}${n.optionsClosed ? '' : '!noparen'}${n.ignoredText ? '+junk' : ''}`;
    case 'directive':
      return `${n.line.lineNo}:#${n.name}${n.arg !== undefined ? ' <' + n.arg + '>' : ''}`;
    case 'assignment':
      return `${n.line.lineNo}:${n.escaped ? '\\' : ''}${n.name}${n.op === 'none' ? '' : n.op}${n.op === 'none' ? '' : '<' + n.value + '>'}${n.invalidEscape ? '!esc' : ''}`;
  }
}

function check(input: string, expected: string[], problems: string[] = []) {
  const parsed = parseConfig(input);
  expect(parsed.nodes.map(show)).toEqual(expected);
  expect(parsed.problems.map((p) => p.code)).toEqual(problems);
  for (const n of parsed.nodes) {
    expect(n.range.start).toBeGreaterThanOrEqual(0);
    expect(n.range.end).toBeLessThanOrEqual(input.length);
  }
}

describe('comments (SPEC §1)', () => {
  const cases: [string, string, string[], string[]?][] = [
    ['line comment', 'a=1 ; c', ['1:a=<1>']],
    ['escaped semicolon', 'a=x\\;y', ['1:a=<x;y>']],
    ['quotes do not protect ;', 'a="x;y"', ['1:a=<"x>']],
    ['block joins text', 'x=1;--c--;y', ['1:x=<1y>']],
    ['block spans lines', 'x=1;--\nc=2\n--;y=3', ['1:x=<1>', '3:y=<3>']],
    ['nested block', 'a=1\n;-- ;-- --; b=2 --;\nc=3', ['1:a=<1>', '3:c=<3>']],
    ['triple dash is a line comment', 'a=1;--- x\nb=2', ['1:a=<1>', '2:b=<2>']],
    ['stray close keeps text, drops later lines', 'h=b--;c\nx=1\n;--\ny=2', ['1:h=<b--;c>', '4:y=<2>'], ['stray-block-comment-end']],
    ['stray close to end of file', '[s]\nh=b--;c\nx=1', ['1:[s]', '2:h=<b--;c>'], ['stray-block-comment-end']],
    ['unterminated', 'a=1\n;-- never closed\nb=2', ['1:a=<1>'], ['unterminated-block-comment']],
    ['bom and crlf', '\ufeff[gen]\r\na = b\r\n', ['1:[gen]', '2:a=<b>']],
    ['long line skipped', 'a=' + 'x'.repeat(9000) + '\nb=1', ['2:b=<1>'], ['line-too-long']],
    ['line of 8190 bytes kept', 'a=' + 'x'.repeat(8188) + '\nb=1', ['1:a=<' + 'x'.repeat(8188) + '>', '2:b=<1>']],
    ['NUL ends the line', 'a=1\0junk\nb=2', ['1:a=<1>', '2:b=<2>']],
  ];
  for (const [name, input, expected, problems] of cases) it(name, () => check(input, expected, problems ?? []));
});

describe('sections, variables and directives (SPEC §1)', () => {
  const cases: [string, string, string[]][] = [
    ['template', '[t](!)', ['1:[t](!)']],
    ['inheritance', '[natted-phone](!,basic-options)', ['1:[natted-phone](!|basic-options)']],
    ['options not trimmed', '[a](!, b)', ['1:[a](!| b)']],
    ['space before options ignores them', '[a] (!)', ['1:[a]+junk']],
    ['junk after ]', '[a] junk', ['1:[a]+junk']],
    ['no closing ]', '[a', ['1:[a]!noclose']],
    ['no closing )', '[a](!', ['1:[a]!noparen']],
    ['name not trimmed, cut to 79', '[ ' + 'n'.repeat(100) + ']', ['1:[ ' + 'n'.repeat(78) + ']']],
    ['first = splits', 'a=b=c', ['1:a=<b=c>']],
    ['=> is =', 'exten => 1,1,NoOp()', ['1:exten=><1,1,NoOp()>']],
    ['== > is a value', 'a==>b', ['1:a=<=>b>']],
    ['+= keeps leading spaces', 'a += y', ['1:a+=< y>']],
    ['+ before = with space is a name', 'a + = y', ['1:a +=<y>']],
    ['escape', '\\[x=1', ['1:\\[x=<1>']],
    ['escaped =', '\\=a=b', ['1:\\=a=<b>']],
    ['invalid escape', '\\ a=b', ['1:\\a=<b>!esc']],
    ['no equal sign', 'justtext', ['1:justtext']],
    ['include quoted', '#include "foo.conf"', ['1:#include <foo.conf>']],
    ['include angle', '#include <foo.conf>', ['1:#include <foo.conf>']],
    ['tryinclude bare', '#tryinclude foo/*.conf', ['1:#tryinclude <foo/*.conf>']],
    ['directive without arg', '#include', ['1:#include']],
    ['directive tab', '#exec\t/bin/x', ['1:#exec </bin/x>']],
    ['unknown directive', '#END POINT', ['1:#END <POINT>']],
  ];
  for (const [name, input, expected] of cases) it(name, () => check(input, expected));
});

describe('positions', () => {
  it('maps joined text back to the source', () => {
    const text = '[s]\nkey = va;--c--;lue\n';
    const p = parseConfig(text);
    const n = p.nodes[1]!;
    expect(n.kind).toBe('assignment');
    if (n.kind !== 'assignment') return;
    expect(n.value).toBe('value');
    expect(text.slice(n.nameRange.start, n.nameRange.end)).toBe('key');
    expect(text.slice(n.valueRange.start, n.valueRange.end)).toBe('va;--c--;lue');
  });

  it('the longest line Asterisk reads (8,190 bytes) has exact ranges, after an edit above it too', () => {
    const line = '  ' + 'k'.repeat(20) + '  =>  ' + 'x'.repeat(8160) + '  ';
    const text = '[s]\n' + line + '\nb=1\n' + '; pad\n'.repeat(3000);
    for (const p of [parseConfig(text), reparseConfig(parseConfig(text), '[s]\n;x\n' + text.slice(4))]) {
      const n = p.nodes[1]!;
      if (n.kind !== 'assignment') throw new Error('not an assignment');
      expect(p.text.slice(n.nameRange.start, n.nameRange.end)).toBe('k'.repeat(20));
      expect(p.text.slice(n.valueRange.start, n.valueRange.end)).toBe('x'.repeat(8160));
      expect(p.text.slice(n.range.start, n.range.end)).toBe(line.trim());
    }
  });
});

describe('the line table', () => {
  // The scan keeps its lines in typed arrays that start with room for a line per 32 characters and double when full:
  // a file of short lines grows them several times. Every line keeps its number, text and place, also a line of
  // several pieces (an escaped ';' cuts it in two), whose text is kept joined.
  it('keeps every line of a file of short lines, pieces and all', () => {
    const lines: string[] = [];
    const want: string[] = [];
    let at = 0; // where line i starts
    for (let i = 0; i < 3000; i++) {
      if (i % 10 === 3) lines.push(';');
      else if (i % 10 === 5) lines.push('');
      else if (i % 10 === 7) {
        lines.push(`b${i}=x\\;${i} ; c`);
        want.push(`${i + 1}:b${i}=<x;${i}>@${at}`);
      } else {
        lines.push(` a${i}=${i}`);
        want.push(`${i + 1}:a${i}=<${i}>@${at + 1}`);
      }
      at += lines[i]!.length + 1;
    }
    const text = lines.join('\n');
    const parsed = parseConfig(text);
    expect(parsed.nodes.map((n) => `${show(n)}@${n.range.start}`)).toEqual(want);
    for (const n of parsed.nodes) expect(text.slice(n.range.start, n.range.start + 1)).toBe(n.line.text[0]);
  });
});

describe('the Chevrotain grammar takes every line', () => {
  /** Parse and check that the lexers and the grammar decided every line (no chunk fell back) as its first character says. */
  function grammarTakes(text: string): void {
    const before = grammarFallbacks.chunks;
    const parsed = parseConfig(text);
    expect(grammarFallbacks.chunks - before, 'chunks the grammar did not take').toBe(0);
    for (const n of parsed.nodes) {
      const c = n.line.text[0];
      expect(n.kind, `line ${n.line.lineNo}: ${n.line.text}`).toBe(c === '[' ? 'section' : c === '#' ? 'directive' : 'assignment');
    }
  }

  const cases: [string, string][] = [
    ['empty file', ''],
    ['blanks only', '  \n\t\n\r\n'],
    ['comments only', '; a\n  ;b\n;\n'],
    ['indented lines of every kind', '  [s]\n\t#include "x.conf"\n  same => n,NoOp()\n \t[t](!)\n'],
    ['CRLF line ends', '[s]\r\nexten => 1,1,NoOp()\r\n\r\n; c\r\n#tryinclude y\r\n'],
    ['escaped semicolon at the start', '[s]\n\\;x = 1\n  \\;y=2\n'],
    ['no newline at the end', '[s]\nexten => 1,1,Hangup()'],
    ['trailing blanks at the end', '[s]\nk=v\n   '],
    ['byte order mark', '\ufeff[general]\nstatic=yes\n'],
    ['byte order mark before a comment', '\ufeff; c\n[s]\n'],
    ['block comments (logical lines)', '[s]\nk=1 ;-- a\nb --; m=2\n;-- whole\n[x]\n--;\n[t]\n'],
    ['NUL in a line', '[s]\nk=v\0junk\n#include a\n'],
    ['lines without =', '[s]\njunk line\n=x\n'],
    ['a line of only a backslash', '[s]\n\\\n'],
  ];
  for (const [name, text] of cases) it(name, () => grammarTakes(text));

  it('across chunk boundaries of a large file, with and without block comments', () => {
    const lines: string[] = ['[general]', 'static=yes', '[from-internal]'];
    for (let i = 0; i < 5000; i++) {
      lines.push(i % 7 === 0 ? `; comment ${i}` : i % 11 === 0 ? '' : i % 13 === 0 ? `[ctx-${i}]` : i % 17 === 0 ? `#include extra-${i}.conf` : ` same => n,NoOp(${i})`);
    }
    const text = lines.join('\n');
    grammarTakes(text);
    grammarTakes(text.replace('; comment 7\n', ';-- block\n--;\n'));
  });

  it('every corpus file', () => {
    const files = listFiles(CORPUS).filter((f) => f.endsWith('.conf') || f.endsWith('.sample'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) grammarTakes(fs.readFileSync(f, 'utf8'));
  });
});

describe('a NUL in a large file', () => {
  // A whole file is first asked where its first NUL is (see firstNul, which searches the text's Latin-1 bytes); the
  // answer must not depend on whether the text has a character past Latin-1 (another string representation), on
  // characters whose low byte is zero (U+0100, U+2000: a zero byte that is no NUL), or on where the NUL is.
  const lines = Array.from({ length: 5000 }, (_, i) => `exten => ${i},1,NoOp(a${i})`);
  const heads: [string, string][] = [
    ['without a character past Latin-1', '[c]\n'],
    ['with a character past Latin-1', '[c] ; context — with an em dash\n'],
    ['with characters whose low byte is zero', '[c]\n'],
  ];
  // The first line of each file: where the third case has its characters with a zero low byte, before the NUL.
  const first = (what: string): string => (what.includes('low byte') ? 'exten => s,1,NoOp(\u0100\u2000\u0100)' : 'exten => s,1,NoOp(a)');
  for (const [what, head] of heads) {
    it(`is found ${what}`, () => {
      const clean = parseConfig(head + [first(what), ...lines].join('\n'));
      expect(clean.problems).toEqual([]);
      const values = (p: ReturnType<typeof parseConfig>) => p.nodes.flatMap((n) => (n.kind === 'assignment' ? [n.value] : []));
      expect(values(clean)[0]).toBe(first(what).slice('exten => '.length));
      const withNul = lines.slice();
      withNul[4000] = 'exten => 4000,1,NoOp(x\u0000y)';
      const parsed = parseConfig(head + [first(what), ...withNul].join('\n'));
      expect(values(parsed)[0]).toBe(first(what).slice('exten => '.length));
      const node = parsed.nodes.find((n) => n.kind === 'assignment' && n.line.lineNo === 4003);
      expect(node && node.kind === 'assignment' ? node.value : undefined).toBe('4000,1,NoOp(x');
      expect(values(parsed).length).toBe(5001);
    });
  }
});
