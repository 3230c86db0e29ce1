/**
 * extensions.conf as pbx_config builds it (SPEC.md §2): priorities, labels,
 * `n` per context, `same`, caller-ID extensions, application/argument split,
 * duplicates, includes, globals. Each case: dialplan text → compact listing of
 * "context: exten[/cid],priority[(label)] app(args)@line".
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { substituteGlobals } from '../../server/src/core/dialplan/model';
import { dialDestinations, sipDestinations } from '../../server/src/core/dialplan/dial';
import { firstArg } from '../../server/src/core/simulate/expand';
import { replaceVariables } from '../../server/src/core/text/variables';
import { mulberry32 } from '../../scripts/bench/generate';
import type { Variable } from '../../server/src/core/config/loader';
import { indexedPriorities, INDEXED_APPS, prioritiesNamedWithComma, prioritiesRunning } from '../../server/src/core/dialplan/app-index';

function listing(text: string): string[] {
  const file = '/etc/asterisk/extensions.conf';
  const a = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: text }) }).analyze([file]);
  const out: string[] = [];
  for (const ctx of a.dialplan!.contexts.values()) {
    for (const ext of ctx.extensions) {
      for (const p of [...ext.priorities.values()].sort((x, y) => x.priority - y.priority)) {
        const pri = p.priority === -1 ? 'hint' : String(p.priority);
        out.push(`${ctx.name}: ${ext.name}${ext.cid !== undefined ? '/' + ext.cid : ''},${pri}${p.label ? `(${p.label})` : ''} ${p.app}${p.appData !== '' || p.argsRange ? `(${p.appData})` : ''}@${p.lineNo}`);
      }
    }
  }
  return out;
}

const cases: [string, string, string[]][] = [
  ['n counts per context, not per extension', '[c]\nexten => 100,1,NoOp(a)\nsame => n,NoOp(b)\nexten => 200,n,NoOp(c)', ['c: 100,1 NoOp(a)@2', 'c: 100,2 NoOp(b)@3', 'c: 200,3 NoOp(c)@4']],
  ['n resets at each section', '[c]\nexten => 1,1,NoOp()\n[d]\nexten => 2,n,NoOp()', ['c: 1,1 NoOp()@2']],
  ['s repeats the priority (dropped as duplicate)', '[c]\nexten => 1,1,NoOp(a)\nexten => 1,s,NoOp(b)', ['c: 1,1 NoOp(a)@2']],
  ['label and label+1', '[c]\nexten => 400,1(start),NoOp()\nexten => 400,start+1,NoOp(y)', ['c: 400,1(start) NoOp()@2', 'c: 400,2 NoOp(y)@3']],
  ['n(label) and n+1', '[c]\nexten => 1,1,NoOp()\nsame => n(l),NoOp()\nsame => n+1,NoOp()', ['c: 1,1 NoOp()@2', 'c: 1,2(l) NoOp()@3', 'c: 1,4 NoOp()@4']],
  ['n(label) with text after the ): the text is dropped', '[c]\nexten => 1,1,NoOp()\nsame => n(l)x,NoOp()\nsame => n(),NoOp()', ['c: 1,1 NoOp()@2', 'c: 1,2(l) NoOp()@3', 'c: 1,3 NoOp()@4']],
  ['number read with %d: 2x is 2', '[c]\nexten => 1,1,NoOp()\nexten => 1,2x,NoOp(b)', ['c: 1,1 NoOp()@2', 'c: 1,2 NoOp(b)@3']],
  ['hint', '[c]\nexten => 100,hint,SIP/100\nexten => 100,1,Dial(SIP/100)', ['c: 100,hint SIP/100@2', 'c: 100,1 Dial(SIP/100)@3']],
  ['n right after a hint is priority 0: silently dropped', '[c]\nexten => 100,hint,SIP/100\nexten => 100,n,NoOp()', ['c: 100,hint SIP/100@2']],
  ['no parentheses: the whole text is the application', '[c]\nexten => 1,1,Dial,SIP/x', ['c: 1,1 Dial,SIP/x@2']],
  ['arguments run to the last )', '[c]\nexten => 1,1,Set(A=${IF($[1=1]?a:b)})', ['c: 1,1 Set(A=${IF($[1=1]?a:b)})@2']],
  ['${ before ( keeps the whole text as the application', '[c]\nexten => 1,1,${APP}(x)', ['c: 1,1 ${APP}(x)@2']],
  ['$[ before ( keeps the whole text as the application', '[c]\nexten => 1,1,$[1]Set(x)', ['c: 1,1 $[1]Set(x)@2']],
  ['a comma before the ( is part of the application name', '[c]\nexten => 1,1,Dial,SIP/x(1)', ['c: 1,1 Dial,SIP/x(1)@2']],
  ['a hint with a (', '[c]\nexten => 100,hint,SIP/100&Custom:DND(1)', ['c: 100,hint SIP/100&Custom:DND(1)@2']],
  ['caller-ID extension, shrunk', '[c]\nexten => 100/(555) 12-34,1,NoOp()', ['c: 100/5551234,1 NoOp()@2']],
  ['empty caller-ID pattern differs from none', '[c]\nexten => 100/,1,NoOp(a)\nexten => 100,1,NoOp(b)', ['c: 100/,1 NoOp(a)@2', 'c: 100,1 NoOp(b)@3']],
  ['any key starting with same is same (SPEC §2)', '[c]\nexten => 1,1,NoOp()\nSameAs => n,NoOp(b)\nsamE => n,NoOp(c)', ['c: 1,1 NoOp()@2', 'c: 1,2 NoOp(b)@3', 'c: 1,3 NoOp(c)@4']],
  ['same reuses the caller-ID part', '[c]\nexten => 100/_9XX,1,NoOp()\nsame => n,NoOp()', ['c: 100/_9XX,1 NoOp()@2', 'c: 100/_9XX,2 NoOp()@3']],
  ['comma inside [] does not end the extension', '[c]\nexten => _[1,2]X,1,NoOp()', ['c: _[1,2]X,1 NoOp()@2']],
  ['spaces removed from the name', '[c]\nexten => 55 51,1,NoOp()', ['c: 5551,1 NoOp()@2']],
  ['duplicate contexts merge', '[c]\nexten => 1,1,NoOp()\n[d]\n[c]\nexten => 2,1,NoOp()', ['c: 1,1 NoOp()@2', 'c: 2,1 NoOp()@5']],
  ['_NXX,2 then _[2-9]XX,1 is one extension', '[c]\nexten => _NXX,2,NoOp(a)\nexten => _[2-9]XX,1,NoOp(b)', ['c: _NXX,1 NoOp(b)@3', 'c: _NXX,2 NoOp(a)@2']],
  ['globals substituted in the extension', '[globals]\nDID=5551112222\n[c]\nexten => ${DID},1,NoOp()', ['c: 5551112222,1 NoOp()@4']],
  ['any key in [globals] is a variable', '[globals]\nexten => 1,1,NoOp()\n[c]', []],
  ['templates are not contexts', '[t](!)\nexten => 1,1,NoOp()\n[c](t)\nexten => 2,1,NoOp()', ['c: 1,1 NoOp()@2', 'c: 2,1 NoOp()@4']],
  // A NUL ends the line (C strings), so no extension name holds one (the model's lookups rely on it).
  ['a NUL ends the line', '[c]\nexten => 1,1,NoOp(a\u0000b)\nexten => 12\u00003,1,NoOp()\nexten => 6,1,NoOp()', ['c: 1,1 NoOp(a)@2', 'c: 6,1 NoOp()@4']],
  ['+= appends to the previous value', '[c]\nexten => 1,1,NoOp(a\nexten += b)', ['c: 1,1 NoOp(a b)@2']],
  // A value longer than 32,767 characters (only += makes one: a line has at most 8,190 bytes) keeps its offsets apart.
  [
    'a 40,000-character value made with +=',
    `[c]\nexten => 1,1,Set(X=${'a'.repeat(8000)}\n` + `exten +=${'b'.repeat(8000)}\n`.repeat(4) + `exten += ),n(next),NoOp(${'c'.repeat(30)})\nsame => n,NoOp(after)`,
    [`c: 1,1 Set(X=${'a'.repeat(8000)}${'b'.repeat(32000)} ),n(next),NoOp(${'c'.repeat(30)})@2`, 'c: 1,2 NoOp(after)@8'],
  ],
];

describe('pbx_config model', () => {
  for (const [name, text, expected] of cases) it(name, () => expect(listing(text)).toEqual(expected));
});

describe('source ranges of a priority line', () => {
  /** Each part of each priority as the source text its range covers. */
  function parts(text: string): string[] {
    const file = '/etc/asterisk/extensions.conf';
    const a = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: text }) }).analyze([file]);
    const out: string[] = [];
    const cut = (r: { start: number; end: number } | undefined): string => (r ? `«${text.slice(r.start, r.end)}»` : '-');
    for (const ctx of a.dialplan!.contexts.values()) {
      for (const ext of ctx.extensions) {
        for (const p of ext.priorities.values()) out.push([cut(p.range), cut(p.extenRange), cut(p.priorityRange), cut(p.appRange), cut(p.argsRange)].join(' '));
      }
    }
    return out;
  }
  const cases: [string, string, string[]][] = [
    ['exten with arguments', '[c]\nexten =>  100 , 1 ,  Dial(SIP/100,20)  ', ['«exten =>  100 , 1 ,  Dial(SIP/100,20)» «100 » «1» «Dial» «SIP/100,20»']],
    ['same => points at the word same', '[c]\nexten => 1,1,NoOp()\n same => n(l),Wait(1)', ['«exten => 1,1,NoOp()» «1» «1» «NoOp» «»', '«same => n(l),Wait(1)» «same» «n(l)» «Wait» «1»']],
    ['no parentheses', '[c]\nexten => 1,1,Hangup', ['«exten => 1,1,Hangup» «1» «1» «Hangup» -']],
    ['application built by ${}', '[c]\nexten => 1,1,${APP}(x)', ['«exten => 1,1,${APP}(x)» «1» «1» «${APP}» -']],
    ['application built by $[]', '[c]\nexten => 1,1,$[1]Set(x)', ['«exten => 1,1,$[1]Set(x)» «1» «1» «$[1]Set» -']],
    ['a comma before the (: the name runs to the (', '[c]\nexten => 1,1,Dial,SIP/x(1)', ['«exten => 1,1,Dial,SIP/x(1)» «1» «1» «Dial,SIP/x» «1»']],
    ['unclosed parenthesis runs to the end', '[c]\nexten => 1,1,NoOp(a', ['«exten => 1,1,NoOp(a» «1» «1» «NoOp» «a»']],
    ['a block comment inside the value: parts map to the whole value', '[c]\nexten => 1,1,NoOp(a;-- x --;b)', ['«exten => 1,1,NoOp(a;-- x --;b)» «1,1,NoOp(a;-- x --;b)» «1,1,NoOp(a;-- x --;b)» «1,1,NoOp(a;-- x --;b)» «1,1,NoOp(a;-- x --;b)»']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parts(text)).toEqual(expected);
  });
});

describe('priorities by application', () => {
  const text = '[a]\nexten => 1,1,Goto(b,1,1)\nsame => n,Dial(SIP/x)\nexten => 2,1,GotoIf($[1]?b,1,1)\nexten => 1,3,Goto(b,1,1)\n[b]\nexten => 1,1,gosub(a,1,1)\nsame => n,Dial,SIP/y\n[a]\nexten => 3,1,Goto(b,1,1)';
  const file = '/etc/asterisk/extensions.conf';
  const plan = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: text }) }).analyze([file]).dialplan!;
  const where = (ps: readonly { context: string; exten: string; priority: number; app: string }[]): string[] => ps.map((p) => `${p.context}/${p.exten},${p.priority} ${p.app}`);
  it('merges applications in line order (files as loaded, includes inline)', () => {
    expect(where(prioritiesRunning(plan, 'goto', 'gotoif', 'gosub'))).toEqual(['a/1,1 Goto', 'a/2,1 GotoIf', 'a/1,3 Goto', 'b/1,1 gosub', 'a/3,1 Goto']);
    expect(where(prioritiesRunning(plan, 'dial'))).toEqual(['a/1,2 Dial']);
    expect(where(indexedPriorities(plan))).toEqual(['a/1,1 Goto', 'a/1,2 Dial', 'a/2,1 GotoIf', 'a/1,3 Goto', 'b/1,1 gosub', 'b/1,2 Dial,SIP/y', 'a/3,1 Goto']);
  });
  it('indexes only Dial, Goto, Gosub, GotoIf, GosubIf and names with a comma (asking for another is an error)', () => {
    expect(() => prioritiesRunning(plan, 'nosuchapp')).toThrow(/not an indexed application/);
    expect(() => prioritiesRunning(plan, 'set')).toThrow(/not an indexed application/);
    expect(INDEXED_APPS).toEqual(['dial', 'goto', 'gosub', 'gotoif', 'gosubif']);
  });
  it('finds application names with a comma and no (', () => {
    expect(where(prioritiesNamedWithComma(plan))).toEqual(['b/1,2 Dial,SIP/y']);
  });
  // The class of each line's application is worked out with character comparisons; it must say what its key says.
  it.each([
    ['Dial(SIP/x)', 'dial', 'dial'],
    ['  DIAL  (SIP/x)', 'dial', 'dial'],
    ['GoTo(b,1,1)', 'goto', 'goto'],
    ['gosubIF(1?a,s,1)', 'gosubif', 'gosubif'],
    ['GotoIf\t(1?a)', 'gotoif', 'gotoif'],
    ['Dialx(y)', 'dialx', undefined],
    ['Dia(y)', 'dia', undefined],
    ['Hangup', 'hangup', undefined],
    ['Dial,SIP/y', 'dial,sip/y', ','],
    ['Dial,SIP/y(x)', 'dial,sip/y', ','],
    ['${X},y(z)', '${x},y(z)', undefined],
    ['${X},y', '${x},y', ','],
    ['Dial\u00a0(SIP/x)', 'dial', 'dial'],
    ['Gosub\u00a0,x', 'gosub\u00a0,x', ','],
    ['\u0130Dial(x)', 'i̇dial', undefined],
    ['Set\u00a0(x)', 'set', undefined],
    ['xDial(y)', 'xdial', undefined],
    ['D\u0130al(y)', 'di̇al', undefined],
  ])('%s: key %s, indexed as %s', (app, key, indexed) => {
    const text = `[k]\nexten => 1,1,${app.replace(/\\t/g, '\t').replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))}`;
    const p1 = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: text }) }).analyze([file]).dialplan!;
    const p = p1.contexts.get('k')!.extensions[0]!.priorities.get(1)!;
    expect(p.appKey).toBe(key.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
    expect(indexedPriorities(p1)).toEqual(indexed === undefined ? [] : [p]);
    if (indexed === ',') expect(prioritiesNamedWithComma(p1)).toEqual([p]);
    else if (indexed !== undefined) expect(prioritiesRunning(p1, indexed)).toEqual([p]);
  });
  // A jump line's constant targets are read as the line is added (the rules' jump graph and navigation use them).
  it.each([
    ['Goto(b,1,1)', [['b', '1']]],
    ['goto( b , x ,1)', [['b', 'x']]],
    ['Goto(1,1)', []],
    ['Goto', []],
    ['GotoIf($[1]?a,s,1:b,t,2)', [['a', 's'], ['b', 't']]],
    ['GotoIf($[1]?lbl)', []],
    ['GotoIf($[1],x,y)', []],
    ['Gosub(sub,s,1(a,b))', [['sub', 's']]],
    ['GosubIf($[1]?sub,s,1(a,b):other,s,1)', [['sub', 's'], ['other', 's']]],
    ['Goto(${CTX},s,1)', []],
    ['Dial(a,b,c)', []],
    ['Goto(b,1,1', [['b', '1']]],
    ['Goto(a,b,c,d)', []],
    ['Goto(x[1,2],s,1)', [['x[1,2]', 's']]],
    ['Goto("a,b",s,1)', [['"a,b"', 's']]],
    ['GotoIf($[1]?a,s,1:x[1,2],t,1)', [['a', 's'], ['x[1,2]', 't']]],
  ])('%s jumps to %j', (app, expected) => {
    const p1 = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: `[k]\nexten => 1,1,${app}` }) }).analyze([file]).dialplan!;
    const p = p1.contexts.get('k')!.extensions[0]!.priorities.get(1)!;
    expect(p.jumps.map((j) => [j.context, j.exten])).toEqual(expected);
  });
  // A Goto/Gosub target is read once per distinct text (kept between lines and checks, at most a few thousand):
  // lines that share one, and more distinct targets than are kept, still each get their own answer.
  it('reads shared and many distinct Goto/Gosub targets alike', () => {
    const lines: string[] = [];
    const want: string[][][] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(i % 2 ? `exten => ${i},1,Gosub(sub-record-check,s,1(in,${i}))` : `exten => ${i},1,Goto(ctx-${i},s${i},1)`);
      want.push(i % 2 ? [['sub-record-check', 's']] : [[`ctx-${i}`, `s${i}`]]);
    }
    lines.push('exten => x,1,Gosub(sub-record-check(in,1))', 'exten => y,1,Goto( ctx-0 , s0 ,1)');
    want.push([], [['ctx-0', 's0']]);
    for (let round = 0; round < 2; round++) {
      const plan = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: `[k]\n${lines.join('\n')}` }) }).analyze([file]).dialplan!;
      const got = plan.contexts.get('k')!.extensions.map((e) => e.priorities.get(1)!.jumps.map((j) => [j.context, j.exten]));
      expect(got).toEqual(want);
    }
  });
  // A Dial's constant destinations are read as the line is added; one naming a ${…} is left to dialUses ([globals]).
  it.each([
    ['Dial(SIP/a&SIP/5551234@b:5060&IAX2/c,20)', [['a', undefined], ['b', '5551234']]],
    ['Dial(SIP/t/${EXTEN})', undefined],
    ['Dial(${TRUNK}/x)', undefined],
    ['Dial', []],
    ['Goto(b,1,1)', []],
    ['Dial(SIP/1211,${RINGTIMER},tTr)', [['1211', undefined]]],
    ['Dial(sip/Front-Desk_2.b)', [['Front-Desk_2.b', undefined]]],
    ['Dial(SIP/)', []],
    ['Dial(SIP/,20)', []],
    ['Dial( SIP/a,20)', [['a', undefined]]],
    ['Dial(SIP/a ,20)', [['a', undefined]]],
    ['Dial(SIPX/a)', []],
    ['Dial(SIX/a)', []],
    ['Dial(SQP/a)', []],
    ['Dial(SIP/a:5060,20)', [['a:5060', undefined]]],
    ['Dial(SIP/a"b,c",20)', []],
  ])('%s dials %j', (app, expected) => {
    const p1 = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: `[k]\nexten => 1,1,${app}` }) }).analyze([file]).dialplan!;
    const p = p1.contexts.get('k')!.extensions[0]!.priorities.get(1)!;
    expect(p.dials?.map((d) => [d.peer, d.number])).toEqual(expected);
  });
  // dialDestinations reads the usual `SIP/name,` where it is written and leaves the rest to firstArg and
  // sipDestinations: both ways give the same, on random arguments made of the characters that matter to either.
  it('reads a Dial in place as firstArg and sipDestinations do', () => {
    const rnd = mulberry32(7);
    const pieces = ['SIP/', 'sip/', 'SiP/', 'IAX2/', 'a', 'Z', '0', '9', '-', '_', '.', '+', '*', '#', '!', '%', '~', ',', '&', '@', '/', ':', ' ', '\t', '$', '${X}', '"', '\\', '(', ')', '[', ']', '{', '}', 'é', '\u2028'];
    for (let n = 0; n < 4000; n++) {
      let args = n % 3 === 0 ? 'SIP/' : '';
      const len = Math.floor(rnd() * 8);
      for (let i = 0; i < len; i++) args += pieces[Math.floor(rnd() * pieces.length)];
      const value = `n,Dial(${args})`;
      const from = 7;
      const to = value.length - 1;
      const first = firstArg(value.slice(from, to));
      const expected = first.includes('${') ? undefined : sipDestinations(first);
      expect(dialDestinations(value, from, to), JSON.stringify(args)).toEqual(expected);
    }
    expect(dialDestinations('n,Dial', -1, -1)).toEqual([]);
  });
  // An extension's labels are two short lists up to 8 and a Map past that (model.ts LabelMap): either way a label
  // names the priority it was first given to, in the order written, and a priority may be named by its label.
  it.each([3, 8, 9, 20])('an extension with %i labels', (count) => {
    const lines = ['[k]', 'exten => 1,1,NoOp()'];
    for (let i = 0; i < count; i++) lines.push(` same => n(l${i}),NoOp(${i})`);
    lines.push(' same => n(l0),NoOp(again)', ` same => l${count - 1}+2,NoOp(after)`, 'exten => 2,1,NoOp()');
    const plan = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: lines.join('\n') }) }).analyze([file]).dialplan!;
    const [one, two] = plan.contexts.get('k')!.extensions;
    const labels = one!.labels;
    expect(labels.size).toBe(count);
    expect([...labels].map(([l, p]) => `${l}=${p.priority}`)).toEqual(Array.from({ length: count }, (_, i) => `l${i}=${i + 2}`));
    expect([...labels.keys()]).toEqual(Array.from({ length: count }, (_, i) => `l${i}`));
    for (let i = 0; i < count; i++) expect([labels.has(`l${i}`), labels.get(`l${i}`)?.appData]).toEqual([true, String(i)]);
    expect([labels.has('l0x'), labels.get(`l${count}`)]).toEqual([false, undefined]);
    // The label used again keeps its first priority; the priority after the last label is found by it.
    expect(one!.priorities.get(count + 2)?.label).toBeUndefined();
    expect(one!.priorities.get(count + 2)?.appData).toBe('again');
    expect([...one!.priorities.values()].find((p) => p.appData === 'after')?.priority).toBe(count + 3);
    expect(two!.labels.size).toBe(0);
  });
  it("a hint's text is no application: its key is '', whatever the text", () => {
    const hints = '[h]\nexten => 100,hint,SIP/100&Custom:DND100,CustomPresence:100\nexten => 100,1,Dial,SIP/y\nexten => 101,hint,Dial';
    const p3 = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: hints }) }).analyze([file]).dialplan!;
    const all = [...p3.contexts.get('h')!.extensions].flatMap((e) => [...e.priorities.values()]);
    expect(all.map((p) => [p.priority, p.app, p.appKey])).toEqual([[-1, 'SIP/100&Custom:DND100,CustomPresence:100', ''], [1, 'Dial,SIP/y', 'dial,sip/y'], [-1, 'Dial', '']]);
    expect(where(prioritiesNamedWithComma(p3))).toEqual(['h/100,1 Dial,SIP/y']);
    expect(where(prioritiesRunning(p3, 'dial'))).toEqual([]);
  });
});

describe('two dialplan roots merged', () => {
  it('a label dropped as a duplicate in the merged dialplan stays in the root that has it once', () => {
    const files = { '/e/extensions_a.conf': '[c]\nexten => 1,1(a),NoOp()\n', '/e/extensions_b.conf': '[c]\nexten => 1,2(a),NoOp()\n' };
    const a = new Workspace({ configDir: '/e', host: memoryHost(files) }).analyze(Object.keys(files));
    const labelOf = (plan: NonNullable<typeof a.dialplan>, n: number): string | undefined => plan.contexts.get('c')!.extensions[0]!.priorities.get(n)!.label;
    expect(labelOf(a.dialplan!, 2)).toBeUndefined();
    expect(labelOf(a.roots.find((r) => r.file.endsWith('_b.conf'))!.dialplan!, 2)).toBe('a');
  });
});

describe("an extension's priorities (a Map's interface over a list)", () => {
  // Out of order, a hint, a duplicate and more than 16 of them (past 16 a Map index is built).
  const numbers = [5, 1, -1, 3, 3, 2, 40, ...Array.from({ length: 20 }, (_, i) => 10 + i), 7, 10];
  const text = '[c]\n' + numbers.map((n) => `exten => 100,${n === -1 ? 'hint' : n},NoOp(${n})`).join('\n') + '\nexten => 200,1,NoOp(one)\n';
  const file = '/etc/asterisk/extensions.conf';
  const a = new Workspace({ configDir: '/etc/asterisk', host: memoryHost({ [file]: text }) }).analyze([file]);
  const [many, one] = a.dialplan!.contexts.get('c')!.extensions;

  it('keeps the first of each number, in the order they were added, and reports the duplicates', () => {
    const kept = [...new Set(numbers)];
    expect([...many!.priorities.keys()]).toEqual(kept);
    expect([...many!.priorities.values()].map((p) => p.appData)).toEqual(kept.map(String));
    expect(a.diagnostics.filter((d) => d.code === 'duplicate-priority').length).toBe(numbers.length - kept.length);
  });

  it.each([
    ['100', () => many!],
    ['200', () => one!],
  ])('extension %s answers like a Map of its entries', (_name, ext) => {
    const pri = ext().priorities;
    const ref = new Map(pri);
    expect(pri.size).toBe(ref.size);
    for (let n = -3; n <= 45; n++) {
      expect(pri.get(n)).toBe(ref.get(n));
      expect(pri.has(n)).toBe(ref.has(n));
    }
    const seen: [number, unknown][] = [];
    pri.forEach((p, n) => seen.push([n, p]));
    expect(seen).toEqual([...ref]);
    expect([...pri.entries()]).toEqual([...ref.entries()]);
  });
});

describe('[globals] substitution at load time', () => {
  // substituteGlobals replaces plain ${NAME} itself and hands nested references to replaceVariables: both must agree.
  const globals = new Map<string, Variable>([['a', { value: 'A1' } as Variable], ['b', { value: '${a}' } as Variable], ['a{b', { value: 'odd' } as Variable], ['', { value: 'empty' } as Variable]]);
  const reference = (t: string): string => replaceVariables(t, (name) => globals.get(name)?.value ?? '');
  it.each(['${a}1000', 'x${b}y', '${a}${a}', '${a', 'a}${', '${${a}}', '${a${b}}', '${}', '${a{b}', '$${a}}', '${zz}9', 'plain'])('%s', (t) => {
    expect(substituteGlobals(t, globals)).toBe(reference(t));
  });
  it('agrees with replaceVariables on 100,000 random strings', () => {
    const r = mulberry32(7);
    const alphabet = ['$', '{', '}', 'a', 'b', '$', '{', 'x', ','];
    for (let k = 0; k < 100_000; k++) {
      let t = '';
      const n = Math.floor(r() * 14);
      for (let i = 0; i < n; i++) t += alphabet[Math.floor(r() * alphabet.length)];
      if (substituteGlobals(t, globals) !== reference(t)) expect(substituteGlobals(t, globals)).toBe(reference(t));
    }
  });
});
