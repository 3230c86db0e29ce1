/**
 * definitionAt / referencesAt / prepareRenameAt / renameAt on a small ITSP-like
 * two-file workspace. A cursor is given as a snippet of the file with `<|>` in
 * it (the snippet must occur once); results are compact 1-based ranges like
 * `extensions.conf:12:1-12:9`.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Location, TextEdit } from '../../server/src/core/diagnostic';
import { memoryHost } from '../../server/src/core/host';
import { LineIndex } from '../../server/src/core/text/line-index';
import { Workspace, type Analysis } from '../../server/src/core/workspace';
import { definitionAt, invalidName, prepareRenameAt, referencesAt, renameAt } from '../../server/src/core/features/navigation';

const DIR = '/etc/asterisk';
const SIP_FILE = `${DIR}/sip.conf`;
const EXT_FILE = `${DIR}/extensions.conf`;

const SIP = `[general]
context=unauthenticated
allowguest=no
register => TheITSP-Out?myaccount:welcome@myitsp.example.com/5551112222

; Incoming calls from the provider
[TheITSP-In]
type=peer
host=myitsp.example.com
insecure=port,invite
context=incoming

; Outgoing calls to the provider
[TheITSP-Out]
type=peer
host=myitsp.example.com
fromuser=myaccount
secret=welcome

[office-phone](!)
type=friend
host=dynamic
context=internal

[TestPhone-A](office-phone)
secret=3xamplE-A-only

[TestPhone-B](office-phone)
secret=3xamplE-B-only
`;

const EXT = `[general]
static=yes

[globals]
TRUNK=TheITSP-Out

[unauthenticated]
exten => _X.,1,Hangup()

[incoming]
exten => 5551112222,1,Goto(phones,100,1)
 same => n,Hangup()

[phones]
exten => 100,hint,SIP/TestPhone-A
exten => 100,1,Dial(SIP/TestPhone-A,20)
 same => n(vm),VoiceMail(100@default,u)
 same => n,Hangup()

[internal]
include => phones
exten => _NXXNXXXXXX,1,Dial(SIP/TheITSP-Out/\${EXTEN})
 same => n,Hangup()
exten => 200,1,Dial(SIP/\${EXTEN}@TheITSP-Out)
exten => 201,1,Dial(SIP/\${TRUNK}/\${EXTEN})
exten => 202,1,Set(T=\${TRUNK})
exten => 203,1,Dial(SIP/theitsp-out/\${EXTEN})
exten => 300,1,GotoIf($[\${X}=1]?phones,100,vm:internal,_NXXNXXXXXX,1)
exten => 301,1,Gosub(phones,100,1(a,b))
exten => 400,1,Goto(internal,5552234567,1)
exten => 401,1,Goto(internal,100,1)
exten => 500,1,Goto(start)
 same => n(start),NoOp()

[phones](+)
exten => 101,1,Dial(SIP/TestPhone-B)
exten => 102,1,Dial(SIP/\${EXTEN})
`;

const FILES: Record<string, string> = { [SIP_FILE]: SIP, [EXT_FILE]: EXT };

function analyze(files: Record<string, string> = FILES): { ws: Workspace; analysis: Analysis } {
  const ws = new Workspace({ configDir: DIR, host: memoryHost(files) });
  return { ws, analysis: ws.analyze(Object.keys(files)) };
}

const ctx = analyze();

/** The offset of `<|>` in a snippet that occurs once in the file. */
function cursor(analysis: Analysis, file: string, marked: string): number {
  const at = marked.indexOf('<|>');
  const snippet = marked.replace('<|>', '');
  const text = analysis.texts.get(file)!;
  const first = text.indexOf(snippet);
  if (first === -1 || text.indexOf(snippet, first + 1) !== -1) throw new Error(`snippet ${JSON.stringify(snippet)} occurs ${first === -1 ? 'nowhere' : 'twice'} in ${file}`);
  return first + at;
}

function fmt(analysis: Analysis, l: Location): string {
  const li = new LineIndex(analysis.texts.get(l.file) ?? '');
  const a = li.position(l.start);
  const b = li.position(l.end);
  return `${path.basename(l.file)}:${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

const fileOf = (name: string): string => `${DIR}/${name}`;

function definition(file: string, marked: string, c = ctx): string[] {
  const f = fileOf(file);
  const offset = cursor(c.analysis, f, marked);
  return definitionAt(c.analysis, c.ws.parse(f, c.analysis.texts.get(f)!), f, offset).map((l) => fmt(c.analysis, l));
}

function references(file: string, marked: string, includeDeclaration: boolean): string[] {
  const f = fileOf(file);
  const offset = cursor(ctx.analysis, f, marked);
  return referencesAt(ctx.analysis, ctx.ws.parse(f, ctx.analysis.texts.get(f)!), f, offset, includeDeclaration).map((l) => fmt(ctx.analysis, l));
}

function rename(file: string, marked: string, newName: string, c = ctx) {
  const f = fileOf(file);
  const offset = cursor(c.analysis, f, marked);
  return renameAt(c.analysis, c.ws.parse(f, c.analysis.texts.get(f)!), f, offset, newName);
}

function applyEdits(files: Record<string, string>, edits: TextEdit[]): Record<string, string> {
  const out = { ...files };
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out[e.file] = out[e.file]!.slice(0, e.start) + e.newText + out[e.file]!.slice(e.end);
  return out;
}

describe('definitionAt', () => {
  const PHONES = ['extensions.conf:14:2-14:8', 'extensions.conf:35:2-35:8'];
  const OUT = ['sip.conf:14:2-14:13'];
  const cases: [string, string, string, string[]][] = [
    // contexts
    ['sip.conf context= → the [incoming] header', 'sip.conf', 'context=incom<|>ing', ['extensions.conf:10:2-10:10']],
    ['template context= → [internal]', 'sip.conf', 'context=intern<|>al', ['extensions.conf:20:2-20:10']],
    ['include => → every section of a merged context', 'extensions.conf', 'include => pho<|>nes', PHONES],
    ['Goto context', 'extensions.conf', 'Goto(pho<|>nes,100,1)', PHONES],
    ['Gosub context (arguments cut off)', 'extensions.conf', 'Gosub(ph<|>ones,100', PHONES],
    ['GotoIf second branch context', 'extensions.conf', ':inter<|>nal,_NXX', ['extensions.conf:20:2-20:10']],
    ['a context header → all its sections', 'extensions.conf', '[pho<|>nes]\nexten => 100,hint', PHONES],
    ['an unknown context name', 'sip.conf', 'context=unauth<|>enticated', ['extensions.conf:7:2-7:17']],
    // Goto/Gosub targets
    ['extension → its first line (the hint)', 'extensions.conf', 'Goto(phones,1<|>00,1)', ['extensions.conf:15:10-15:13']],
    ['priority → that priority line', 'extensions.conf', 'Goto(phones,100,<|>1)', ['extensions.conf:16:14-16:15']],
    ['GotoIf label → the label', 'extensions.conf', '?phones,100,v<|>m', ['extensions.conf:17:12-17:14']],
    ['GotoIf pattern extension', 'extensions.conf', ':internal,_NXX<|>NXXXXXX', ['extensions.conf:22:10-22:21']],
    ['a number found by pattern matching', 'extensions.conf', 'Goto(internal,5552<|>234567,1)', ['extensions.conf:22:10-22:21']],
    ['an extension found through an include', 'extensions.conf', 'Goto(internal,1<|>00,1)', ['extensions.conf:15:10-15:13']],
    ['Goto(label) in the same extension', 'extensions.conf', 'Goto(st<|>art)', ['extensions.conf:33:12-33:17']],
    ['a label declaration is its own definition', 'extensions.conf', 'n(v<|>m)', ['extensions.conf:17:12-17:14']],
    // devices
    ['Dial(SIP/peer/number)', 'extensions.conf', 'Dial(SIP/TheITSP-<|>Out/', OUT],
    ['Dial(SIP/number@peer)', 'extensions.conf', '@TheITSP<|>-Out)', OUT],
    ['Dial(SIP/peer) of a phone', 'extensions.conf', 'Dial(SIP/TestPhone<|>-A,20)', ['sip.conf:25:2-25:13']],
    ['devices are case-insensitive', 'extensions.conf', 'SIP/theitsp<|>-out', OUT],
    ['a hint device', 'extensions.conf', 'hint,SIP/TestPho<|>ne-A', ['sip.conf:25:2-25:13']],
    ['a peer named through [globals]', 'extensions.conf', 'SIP/${TR<|>UNK}', OUT],
    ['register => peer?', 'sip.conf', 'register => TheITSP<|>-Out?', OUT],
    ['the device the (+) section adds to', 'extensions.conf', 'Dial(SIP/TestPhone<|>-B)', ['sip.conf:28:2-28:13']],
    // templates, variables
    ['[name](template) → [template](!)', 'sip.conf', '[TestPhone-A](office-<|>phone)', ['sip.conf:20:2-20:14']],
    ['${GLOBAL} → [globals]', 'extensions.conf', 'Set(T=${TR<|>UNK})', ['extensions.conf:5:1-5:6']],
    // nothing
    ['an application name', 'extensions.conf', 'n,Hang<|>up()\n\n[phones]', []],
    ['an option name', 'sip.conf', 'fromu<|>ser', []],
    ['a peer only known at run time', 'extensions.conf', 'Dial(SIP/${EXT<|>EN})', []],
  ];
  it.each(cases)('%s', (_name, file, marked, expected) => {
    expect(definition(file, marked)).toEqual(expected);
  });

  it('#include → the file; a glob → every match', () => {
    const files = {
      ...FILES,
      [EXT_FILE]: EXT + '#include "extensions-custom.conf"\n#tryinclude ext-*.conf\n',
      [`${DIR}/extensions-custom.conf`]: '[custom]\nexten => 1,1,Goto(phones,100,1)\n',
      [`${DIR}/ext-a.conf`]: '[a]\n',
      [`${DIR}/ext-b.conf`]: '[b]\n',
    };
    const ws = new Workspace({ configDir: DIR, host: memoryHost(files) });
    const full = { ws, analysis: ws.analyze([SIP_FILE, EXT_FILE]) };
    expect(definition('extensions.conf', '#include "extensions-cus<|>tom.conf"', full)).toEqual(['extensions-custom.conf:1:1-1:1']);
    expect(definition('extensions.conf', '#tryinclude ext-<|>*', full)).toEqual(['ext-a.conf:1:1-1:1', 'ext-b.conf:1:1-1:1']);
    // From the included file back into the main one.
    expect(definition('extensions-custom.conf', 'Goto(pho<|>nes', full)).toEqual(['extensions.conf:14:2-14:8', 'extensions.conf:35:2-35:8']);
  });
});

describe('referencesAt', () => {
  it('a context: every context=, include and static jump naming it', () => {
    expect(references('extensions.conf', '[pho<|>nes]\nexten => 100,hint', false)).toEqual([
      'extensions.conf:11:28-11:34', // Goto in [incoming]
      'extensions.conf:21:12-21:18', // include
      'extensions.conf:28:33-28:39', // GotoIf
      'extensions.conf:29:22-29:28', // Gosub
    ]);
    expect(references('extensions.conf', 'Goto(pho<|>nes,100,1)', true)).toEqual([
      'extensions.conf:11:28-11:34',
      'extensions.conf:14:2-14:8',
      'extensions.conf:21:12-21:18',
      'extensions.conf:28:33-28:39',
      'extensions.conf:29:22-29:28',
      'extensions.conf:35:2-35:8',
    ]);
  });

  it('a context named from sip.conf', () => {
    expect(references('extensions.conf', '[inter<|>nal]', false)).toEqual([
      'extensions.conf:28:47-28:55', // GotoIf
      'extensions.conf:30:21-30:29', // Goto(internal,…)
      'extensions.conf:31:21-31:29',
      'sip.conf:23:9-23:17', // the template's context=
    ]);
  });

  it('a device: Dial lines (any case, @peer, through [globals]) and register', () => {
    expect(references('sip.conf', '[TheITSP<|>-Out]', true)).toEqual([
      'extensions.conf:5:7-5:18', // TRUNK=TheITSP-Out
      'extensions.conf:22:33-22:44',
      'extensions.conf:24:34-24:45',
      'extensions.conf:25:25-25:33', // ${TRUNK}
      'extensions.conf:27:25-27:36', // theitsp-out
      'sip.conf:4:13-4:24', // register => TheITSP-Out?
      'sip.conf:14:2-14:13',
    ]);
    expect(references('extensions.conf', 'hint,SIP/TestPho<|>ne-A', false)).toEqual(['extensions.conf:15:23-15:34', 'extensions.conf:16:25-16:36']);
  });

  it('a template: the sections inheriting it', () => {
    expect(references('sip.conf', '[office<|>-phone](!)', false)).toEqual(['sip.conf:25:15-25:27', 'sip.conf:28:15-28:27']);
  });

  it('labels and extensions: the jumps that land on them', () => {
    expect(references('extensions.conf', 'n(v<|>m)', true)).toEqual(['extensions.conf:17:12-17:14', 'extensions.conf:28:44-28:46']);
    expect(references('extensions.conf', 'n(st<|>art)', false)).toEqual(['extensions.conf:32:21-32:26']);
    // phones/100 is reached by Goto(phones,100,1), GotoIf(…?phones,100,vm…), Gosub(phones,100,…) and Goto(internal,100,1) through the include.
    expect(references('extensions.conf', 'exten => 1<|>00,1,Dial', false)).toEqual([
      'extensions.conf:11:35-11:38',
      'extensions.conf:28:40-28:43',
      'extensions.conf:29:29-29:32',
      'extensions.conf:31:30-31:33',
    ]);
    expect(references('extensions.conf', 'exten => _NXX<|>NXXXXXX', false)).toEqual(['extensions.conf:28:56-28:67', 'extensions.conf:30:30-30:40']);
  });

  it('nothing for what is not a symbol', () => {
    expect(references('sip.conf', 'fromu<|>ser', true)).toEqual([]);
  });
});

describe('rename', () => {
  it('a context: headers and every reference, in both files', () => {
    const r = rename('extensions.conf', 'include => pho<|>nes', 'desk-phones');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.edits.map((e) => fmt(ctx.analysis, e))).toEqual([
      'extensions.conf:11:28-11:34',
      'extensions.conf:14:2-14:8',
      'extensions.conf:21:12-21:18',
      'extensions.conf:28:33-28:39',
      'extensions.conf:29:22-29:28',
      'extensions.conf:35:2-35:8',
    ]);
    expect(r.skipped).toEqual([]);
    const after = applyEdits(FILES, r.edits);
    const a = analyze(after).analysis;
    expect(a.dialplan!.contexts.has('desk-phones')).toBe(true);
    expect(a.dialplan!.contexts.has('phones')).toBe(false);
    expect(a.diagnostics.filter((d) => d.code === 'unknown-context')).toEqual([]);
    expect(after[EXT_FILE]).toContain('Gosub(desk-phones,100,1(a,b))');
  });

  it('a context from sip.conf edits sip.conf and extensions.conf', () => {
    const r = rename('sip.conf', 'context=incom<|>ing', 'from-itsp');
    expect(r.ok && r.edits.map((e) => fmt(ctx.analysis, e))).toEqual(['extensions.conf:10:2-10:10', 'sip.conf:11:9-11:17']);
  });

  it('a device: header, Dial lines, [globals] value and register; ${TRUNK} is left alone', () => {
    const r = rename('extensions.conf', 'Dial(SIP/TheITSP-<|>Out/', 'Provider-Out');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.edits.map((e) => fmt(ctx.analysis, e))).toEqual([
      'extensions.conf:5:7-5:18',
      'extensions.conf:22:33-22:44',
      'extensions.conf:24:34-24:45',
      'extensions.conf:27:25-27:36',
      'sip.conf:4:13-4:24',
      'sip.conf:14:2-14:13',
    ]);
    expect(r.skipped.map((l) => fmt(ctx.analysis, l))).toEqual(['extensions.conf:25:25-25:33']);
    const after = applyEdits(FILES, r.edits);
    const a = analyze(after).analysis;
    expect(a.sip!.devices.has('provider-out')).toBe(true);
    expect(a.sip!.registrations[0]!.entry!.peer).toBe('Provider-Out');
    expect(after[EXT_FILE]).toContain('TRUNK=Provider-Out');
    expect(after[EXT_FILE]).toContain('Dial(SIP/${TRUNK}/${EXTEN})');
  });

  it('a template: its header and the sections inheriting it', () => {
    const r = rename('sip.conf', '[TestPhone-B](office-ph<|>one)', 'desk-phone');
    expect(r.ok && r.edits.map((e) => fmt(ctx.analysis, e))).toEqual(['sip.conf:20:2-20:14', 'sip.conf:25:15-25:27', 'sip.conf:28:15-28:27']);
  });

  it('prepareRename gives the range and the name as written', () => {
    const f = EXT_FILE;
    const at = cursor(ctx.analysis, f, 'SIP/theitsp<|>-out');
    const p = prepareRenameAt(ctx.analysis, ctx.ws.parse(f, ctx.analysis.texts.get(f)!), f, at);
    expect(p).toMatchObject({ ok: true, kind: 'device', name: 'TheITSP-Out', placeholder: 'theitsp-out' });
    if (p.ok) expect(fmt(ctx.analysis, p.range)).toBe('extensions.conf:27:25-27:36');
  });

  const refusals: [string, string, string, string, RegExp][] = [
    ['an existing context', 'extensions.conf', '[pho<|>nes]\nexten => 100,hint', 'internal', /context named 'internal' already exists/],
    ['an existing device, in any case', 'sip.conf', '[TheITSP<|>-Out]', 'theitsp-in', /section named 'TheITSP-In' already exists/],
    ['a name with a space', 'extensions.conf', '[pho<|>nes]\nexten => 100,hint', 'my phones', /cannot contain spaces/],
    ['a name with a comma', 'extensions.conf', '[pho<|>nes]\nexten => 100,hint', 'a,b', /cannot contain ','/],
    ['a name with brackets', 'sip.conf', '[TheITSP<|>-Out]', 'a[1]', /cannot contain '\['/],
    ['a name with a semicolon', 'sip.conf', '[TheITSP<|>-Out]', 'a;b', /cannot contain ';'/],
    ['a device name with a slash', 'sip.conf', '[TheITSP<|>-Out]', 'a/b', /cannot contain '\/'/],
    ['a reserved name', 'extensions.conf', '[pho<|>nes]\nexten => 100,hint', 'globals', /reserved/],
    ['an extension', 'extensions.conf', 'Goto(phones,1<|>00,1)', 'x', /Extensions cannot be renamed/],
    ['a label', 'extensions.conf', 'n(v<|>m)', 'x', /Labels cannot be renamed/],
    ['an application', 'extensions.conf', 'Dia<|>l(SIP/TestPhone-B)', 'x', /Applications cannot be renamed/],
    ['[general]', 'sip.conf', '[gene<|>ral]', 'x', /fixed section name/],
    ['a device named through a variable', 'extensions.conf', 'SIP/${TR<|>UNK}', 'x', /not written out here/],
    ['a peer only known at run time', 'extensions.conf', 'Dial(SIP/${EXT<|>EN})', 'x', /Variables cannot be renamed/],
  ];
  it.each(refusals)('refuses %s', (_name, file, marked, newName, message) => {
    const r = rename(file, marked, newName);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('a case change of a device is allowed', () => {
    const r = rename('sip.conf', '[TheITSP<|>-Out]', 'TheItsp-Out');
    expect(r.ok && r.edits.length).toBe(6);
  });

  it('validates names by kind', () => {
    expect(invalidName('context', 'from-itsp')).toBeUndefined();
    expect(invalidName('context', '')).toMatch(/empty/);
    expect(invalidName('context', 'x'.repeat(80))).toMatch(/79/);
    expect(invalidName('device', 'a@b')).toMatch(/'@'/);
    expect(invalidName('context', 'a|b')).toMatch(/'\|'/);
  });
});
