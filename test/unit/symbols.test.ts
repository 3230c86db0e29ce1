/**
 * documentSymbols, workspaceSymbols, foldingRanges and documentLinks on inline
 * fixtures. Ranges are compact 1-based strings: `12:1-12:9` within a file,
 * folding ranges as `first-last` lines.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { parseConfig, type Range } from '../../server/src/core/parse/parser';
import { LineIndex } from '../../server/src/core/text/line-index';
import { Workspace, type Analysis } from '../../server/src/core/workspace';
import { foldingRanges, sectionExtents } from '../../server/src/core/features/folding';
import { documentLinks } from '../../server/src/core/features/links';
import { documentSymbols, fuzzyScore, workspaceSymbols, type DocumentSymbol } from '../../server/src/core/features/symbols';

const DIR = '/etc/asterisk';
const SIP_FILE = `${DIR}/sip.conf`;
const EXT_FILE = `${DIR}/extensions.conf`;

const SIP = `[general]
context=unauthenticated
allowguest=no

; Incoming calls from the provider
[TheITSP-In]
type=peer
host=myitsp.example.com
context=incoming

; Outgoing calls
; to the provider
[TheITSP-Out]
type=peer
host=myitsp.example.com
secret=welcome


[office-phone](!)
type=friend
host=dynamic
context=internal

[TestPhone-A](office-phone)
secret=3xamplE-A-only
`;

const EXT = `[general]
static=yes

[globals]
TRUNK=TheITSP-Out

[incoming]
exten => 5551112222,1,Goto(phones,100,1)
 same => n,Hangup()

[phones]
exten => 100,hint,SIP/TestPhone-A
exten => 100,1,Dial(SIP/TestPhone-A,20)
 same => n(vm),VoiceMail(100@default,u)
 same => n,Hangup()
;-- a block
comment --;
exten => 101/5551112222,1,Answer()

[internal]
include => phones
exten => _NXXNXXXXXX,1,Dial(SIP/\${TRUNK}/\${EXTEN}) ;-- trailing
block --;
 same => n,Hangup()
; old lines:
;exten => 9,1,Hangup()
`;

const FILES = { [SIP_FILE]: SIP, [EXT_FILE]: EXT };

function analyze(files: Record<string, string> = FILES): { ws: Workspace; analysis: Analysis } {
  const ws = new Workspace({ configDir: DIR, host: memoryHost(files) });
  return { ws, analysis: ws.analyze(Object.keys(files)) };
}

const ctx = analyze();

function rangeText(text: string, r: Range): string {
  const li = new LineIndex(text);
  const a = li.position(r.start);
  const b = li.position(r.end);
  return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

/** `kind name [detail] range / selection`, children indented. */
function outline(text: string, symbols: DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [
    `${indent}${s.kind} ${s.name}${s.detail ? ` [${s.detail}]` : ''} ${rangeText(text, s.range)} / ${rangeText(text, s.selectionRange)}`,
    ...outline(text, s.children, indent + '  '),
  ]);
}

function symbolsOf(file: string, withAnalysis = true): string[] {
  const analysis = withAnalysis ? ctx.analysis : undefined;
  const text = (analysis?.texts.get(file) ?? FILES[file as keyof typeof FILES])!;
  return outline(text, documentSymbols(analysis, analysis ? ctx.ws.parse(file, text) : parseConfig(text), file));
}

describe('documentSymbols', () => {
  it('sip.conf: devices with type and host, templates, [general]', () => {
    expect(symbolsOf(SIP_FILE)).toEqual([
      'general general 1:1-3:14 / 1:2-1:9',
      'device TheITSP-In [type=peer host=myitsp.example.com] 6:1-9:17 / 6:2-6:12',
      'device TheITSP-Out [type=peer host=myitsp.example.com] 13:1-16:15 / 13:2-13:13',
      'template office-phone [template] 19:1-22:17 / 19:2-19:14',
      'device TestPhone-A [type=friend host=dynamic (office-phone)] 24:1-25:22 / 24:2-24:13',
    ]);
  });

  it('extensions.conf: contexts with their extensions, [globals] with its variables', () => {
    expect(symbolsOf(EXT_FILE)).toEqual([
      'general general 1:1-2:11 / 1:2-1:9',
      'globals globals 4:1-5:18 / 4:2-4:9',
      '  variable TRUNK [TheITSP-Out] 5:1-5:18 / 5:1-5:6',
      'context incoming [1 extension] 7:1-9:20 / 7:2-7:10',
      '  extension 5551112222 [2 priorities] 8:1-9:20 / 8:10-8:20',
      'context phones [2 extensions] 11:1-18:35 / 11:2-11:8',
      '  extension 100 [hint, 3 priorities] 12:1-15:20 / 12:10-12:13',
      '  extension 101/5551112222 [1 priority] 18:1-18:35 / 18:10-18:24',
      'context internal [1 extension] 20:1-26:23 / 20:2-20:10',
      '  extension _NXXNXXXXXX [2 priorities] 22:1-24:20 / 22:10-22:21',
    ]);
  });

  it('without an analysis: sections from the parse alone', () => {
    expect(symbolsOf(SIP_FILE, false)).toEqual([
      'general general 1:1-3:14 / 1:2-1:9',
      'device TheITSP-In 6:1-9:17 / 6:2-6:12',
      'device TheITSP-Out 13:1-16:15 / 13:2-13:13',
      'template office-phone [template] 19:1-22:17 / 19:2-19:14',
      'device TestPhone-A [(office-phone)] 24:1-25:22 / 24:2-24:13',
    ]);
  });

  it('a context split over two sections lists each section’s own extensions', () => {
    const ext = '[a]\nexten => 1,1,NoOp()\n[b]\nexten => 2,1,NoOp()\n[a]\nexten => 3,1,NoOp()\n same => n,NoOp()\n';
    const { ws, analysis } = analyze({ [EXT_FILE]: ext });
    expect(outline(ext, documentSymbols(analysis, ws.parse(EXT_FILE, ext), EXT_FILE))).toEqual([
      'context a [1 extension] 1:1-2:20 / 1:2-1:3',
      '  extension 1 [1 priority] 2:1-2:20 / 2:10-2:11',
      'context b [1 extension] 3:1-4:20 / 3:2-3:3',
      '  extension 2 [1 priority] 4:1-4:20 / 4:10-4:11',
      'context a [1 extension] 5:1-7:18 / 5:2-5:3',
      '  extension 3 [2 priorities] 6:1-7:18 / 6:10-6:11',
    ]);
  });
});

describe('workspaceSymbols', () => {
  const ws = (q: string, limit?: number): string[] =>
    workspaceSymbols(ctx.analysis, q, limit).map((s) => `${s.kind} ${s.name}${s.containerName ? ` (${s.containerName})` : ''} ${path.basename(s.file)}:${rangeText(ctx.analysis.texts.get(s.file)!, s.range)}`);

  it('lists contexts, devices, templates and extensions', () => {
    expect(ws('')).toEqual([
      'device TheITSP-In (sip.conf) sip.conf:6:2-6:12',
      'device TheITSP-Out (sip.conf) sip.conf:13:2-13:13',
      'template office-phone (sip.conf) sip.conf:19:2-19:14',
      'device TestPhone-A (sip.conf) sip.conf:24:2-24:13',
      'context incoming (extensions.conf) extensions.conf:7:2-7:10',
      'context phones (extensions.conf) extensions.conf:11:2-11:8',
      'context internal (extensions.conf) extensions.conf:20:2-20:10',
      'extension 5551112222 (incoming) extensions.conf:8:10-8:20',
      'extension 100 (phones) extensions.conf:12:10-12:13',
      'extension 101/5551112222 (phones) extensions.conf:18:10-18:24',
      'extension _NXXNXXXXXX (internal) extensions.conf:22:10-22:21',
    ]);
  });

  it('filters fuzzily, best matches first, and caps the list', () => {
    expect(ws('phone').map((s) => s.split(' (')[0])).toEqual(['context phones', 'template office-phone', 'device TestPhone-A']);
    expect(ws('itspo').map((s) => s.split(' (')[0])).toEqual(['device TheITSP-Out']);
    expect(ws('zzz')).toEqual([]);
    expect(ws('', 3)).toHaveLength(3);
    expect(fuzzyScore('TheITSP-Out', 'theitsp-out')).toBe(0);
    expect(fuzzyScore('TheITSP-Out', 'the')).toBe(1);
    expect(fuzzyScore('TheITSP-Out', 'out')).toBe(2);
    expect(fuzzyScore('TheITSP-Out', 'tio')).toBe(3);
    expect(fuzzyScore('TheITSP-Out', 'oti')).toBeUndefined();
  });
});

describe('foldingRanges', () => {
  const folds = (text: string): string[] => {
    const li = new LineIndex(text);
    return foldingRanges(parseConfig(text)).map((f) => `${li.lineOf(f.start) + 1}-${li.lineOf(f.end) + 1}${f.kind ? ` ${f.kind}` : ''}`);
  };

  it('sip.conf: sections end before the comment that introduces the next one', () => {
    expect(folds(SIP)).toEqual(['1-3', '6-9', '11-12 comment', '13-16', '19-22', '24-25']);
  });

  it('extensions.conf: sections, extensions, block comments and runs of ; lines', () => {
    expect(folds(EXT)).toEqual([
      '1-2',
      '4-5',
      '7-9',
      '8-9',
      '11-18',
      '12-15',
      '16-17 comment',
      '20-26',
      '22-24', // the trailing block comment starts on the same line: one fold per line
      '25-26 comment',
    ]);
  });

  it('section extents skip trailing blank lines', () => {
    const text = '[a]\nx=1\n\n\n[b]\ny=2\n\n';
    expect(sectionExtents(parseConfig(text)).map((s) => `${s.node.name} ${s.startLine + 1}-${s.endLine + 1}`)).toEqual(['a 1-2', 'b 5-6']);
  });
});

describe('documentLinks', () => {
  it('#include and #tryinclude link to the files the loader read; a glob to its first match; a missing file not at all', () => {
    const files = {
      [EXT_FILE]: '[general]\n#include "extensions-custom.conf"\n#tryinclude <ext-*.conf>\n#tryinclude missing.conf\n#exec /bin/true\n',
      [`${DIR}/extensions-custom.conf`]: '[custom]\n',
      [`${DIR}/ext-a.conf`]: '[a]\n',
      [`${DIR}/ext-b.conf`]: '[b]\n',
    };
    const ws = new Workspace({ configDir: DIR, host: memoryHost(files) });
    const analysis = ws.analyze([EXT_FILE]);
    const text = files[EXT_FILE]!;
    const links = documentLinks(analysis, ws.parse(EXT_FILE, text), EXT_FILE);
    expect(links.map((l) => `${rangeText(text, l.range)} → ${path.basename(l.target)}${l.tooltip ? ` (${l.tooltip})` : ''}`)).toEqual([
      '2:11-2:33 → extensions-custom.conf',
      '3:14-3:24 → ext-a.conf (2 files match; opens the first)',
    ]);
    expect(documentLinks(undefined, ws.parse(EXT_FILE, text), EXT_FILE)).toEqual([]);
  });
});
