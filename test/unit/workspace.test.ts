import * as path from 'node:path';
/** The Workspace facade reuses loads and models only while every file they read is unchanged. */
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { loadConfig } from '../../server/src/core/config/loader';
import { parseConfig } from '../../server/src/core/parse/parser';
import { buildSipConfig, buildSipConfigSteps } from '../../server/src/core/sip/model';
import { buildDialplan } from '../../server/src/core/dialplan/model';
import { jumpGraph, jumpGraphSteps } from '../../server/src/core/rules/routing';

describe('Workspace reuse', () => {
  const files: Record<string, string> = {
    '/e/extensions.conf': '[c]\n#include inc.conf\n',
    '/e/inc.conf': 'exten => 1,1,NoOp()\n',
    '/e/sip.conf': '[p]\ntype=peer\nhost=1.2.3.4\nsecret=x\ncontext=c\n',
  };
  const ws = new Workspace({ configDir: '/e', host: memoryHost(files) });
  const paths = ['/e/extensions.conf', '/e/sip.conf'];

  it('an unchanged root keeps its model; a changed one is rebuilt', () => {
    const a = ws.analyze(paths);
    const b = ws.analyze(paths);
    expect(b.sip).toBe(a.sip);
    expect(b.dialplan).toBe(a.dialplan);
    ws.setOverlay('/e/extensions.conf', '[c]\n#include inc.conf\nexten => 2,1,NoOp()\n');
    const c = ws.analyze(paths);
    expect(c.sip).toBe(a.sip);
    expect(c.dialplan).not.toBe(a.dialplan);
    expect(c.dialplan!.contexts.get('c')!.extensions.map((e) => e.name)).toEqual(['1', '2']);
  });

  it('a change in an included file (editor or disk) invalidates the includer', () => {
    ws.setOverlay('/e/inc.conf', 'exten => 1,n,NoOp()\n');
    expect(ws.analyze(paths).diagnostics.map((d) => d.code)).toContain('relative-priority-first');
    ws.setOverlay('/e/inc.conf', undefined);
    expect(ws.analyze(paths).diagnostics.map((d) => d.code)).not.toContain('relative-priority-first');
    files['/e/inc.conf'] = 'exten => 1,0,NoOp()\n';
    expect(ws.analyze(paths).diagnostics.map((d) => d.code)).toContain('invalid-priority');
    files['/e/sip.conf'] = '[p]\ntype=peer\nhost=1.2.3.4\nsecret=x\ncontext=nowhere\n';
    expect(ws.analyze(paths).diagnostics.map((d) => d.code)).toContain('unknown-context');
  });

  it('a file that appears later is picked up by a glob or a missing #include', () => {
    const f: Record<string, string> = { '/g/extensions.conf': '[c]\n#tryinclude parts/*.conf\n#include extra.conf\n' };
    const w = new Workspace({ configDir: '/g', host: memoryHost(f) });
    expect(w.analyze(['/g/extensions.conf']).diagnostics.map((d) => d.code)).toEqual(['missing-include']);
    f['/g/extra.conf'] = 'exten => 1,1,NoOp()\n';
    expect(w.analyze(['/g/extensions.conf']).diagnostics.map((d) => d.code)).toEqual([]);
    f['/g/parts/a.conf'] = 'exten => 2,1,NoOp()\n';
    expect([...w.analyze(['/g/extensions.conf']).dialplan!.contexts.get('c')!.extensions.map((e) => e.name)].sort()).toEqual(['1', '2']);
  });
});

describe('Workspace.analyzeSteps', () => {
  const files: Record<string, string> = {
    '/s/extensions.conf': '[in]\nexten => 1,1,Goto(nowhere,1,1)\n',
    '/s/sip.conf': '[p]\ntype=friend\nhost=dynamic\ncontext=in\n',
  };
  const paths = ['/s/extensions.conf', '/s/sip.conf'];

  it('takes several steps and ends with what analyze gives', () => {
    const steps = new Workspace({ configDir: '/s', host: memoryHost(files) }).analyzeSteps(paths);
    let n = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) n++;
    // two files loaded, two models built, one step per analysis rule
    expect(n).toBeGreaterThanOrEqual(6);
    const whole = new Workspace({ configDir: '/s', host: memoryHost(files) }).analyze(paths);
    // (fixes are left out: the secret a fix proposes is random)
    const plain = (a: typeof whole): string[] => a.diagnostics.map((d) => `${d.file}:${d.start}-${d.end} ${d.severity} ${d.code} ${d.message}`);
    expect(plain(r.value)).toEqual(plain(whole));
    expect(r.value.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['unknown-context', 'missing-secret']));
  });

  it('a large sip.conf and a dialplan with many Goto lines are read a part at a time, with the same result', () => {
    const big: Record<string, string> = {
      '/b/sip.conf': '[t](!)\ntype=friend\nhost=dynamic\n' + Array.from({ length: 3000 }, (_, i) => `[${1000 + i}](t)\nsecret=s${i}\ncontext=in\n`).join(''),
      '/b/extensions.conf': '[in]\n' + Array.from({ length: 10_000 }, (_, i) => `exten => ${i},1,Goto(${i % 2 ? 'other' : 'gone'},${i},1)`).join('\n') + '\n[other]\nexten => _X.,1,NoOp()\n',
    };
    const ws = new Workspace({ configDir: '/b', host: memoryHost(big) });
    const count = <T>(it: Generator<void, T, void>): [number, T] => {
      let n = 0;
      let r = it.next();
      for (; !r.done; r = it.next()) n++;
      return [n, r.value];
    };
    const [sipSteps, sip] = count(buildSipConfigSteps(ws.load('/b/sip.conf')));
    expect(sipSteps).toBeGreaterThanOrEqual(10); // 3,001 sections and 3,000 devices, 512 a step
    expect([...sip.devices.keys()]).toEqual([...buildSipConfig(ws.load('/b/sip.conf')).devices.keys()]);
    const plan = buildDialplan(ws.load('/b/extensions.conf'));
    const [graphSteps, graph] = count(jumpGraphSteps(plan));
    expect(graphSteps).toBeGreaterThanOrEqual(2); // 10,000 Goto lines, 4,096 a step
    const edges = (g: typeof graph): string[] => [...g].flatMap(([from, es]) => es.map((e) => `${from}>${e.to}@${e.via.start}`));
    expect(edges(graph)).toEqual(edges(jumpGraph(buildDialplan(ws.load('/b/extensions.conf')))));
    // Every jump to the missing [gone] is an edge (each line is reported); of the 5,000 to [other], the first.
    const inEdges = graph.get('in')!;
    expect(inEdges.length).toBe(5001);
    expect(inEdges.filter((e) => e.to === 'other').map((e) => e.priority?.exten)).toEqual(['1']);
    const [, analysis] = count(ws.analyzeSteps(Object.keys(big)));
    expect(analysis.diagnostics.filter((d) => d.code === 'unknown-context').length).toBe(5000);
  });

  it('a run dropped midway leaves the Workspace able to analyze the next text', () => {
    const ws = new Workspace({ configDir: '/s', host: memoryHost(files) });
    const dropped = ws.analyzeSteps(paths);
    dropped.next();
    dropped.next();
    ws.setOverlay('/s/extensions.conf', '[in]\nexten => 1,1,Goto(in,1,1)\n');
    expect(ws.analyze(paths).diagnostics.map((d) => d.code)).not.toContain('unknown-context');
  });
});

describe('Variables', () => {
  it('a file included twice in one section: += appends to the last copy of the variable', () => {
    const f: Record<string, string> = { '/v/sip.conf': '[p]\n#include part.conf\n#include part.conf\ncontext += -b\n', '/v/part.conf': 'context=a\n' };
    const cat = new Workspace({ configDir: '/v', host: memoryHost(f) }).load('/v/sip.conf').categories[0]!;
    expect(cat.vars.map((v) => `${v.name}=${v.value}@${v.file}:${v.lineNo}`)).toEqual(['context=a@/v/part.conf:1', 'context=a -b@/v/part.conf:1']);
    expect(cat.vars[1]!.appended?.length).toBe(1);
  });

  // A new section's run of plain lines becomes its list in one piece (see loader.ts plainRun); the lines that
  // are not plain, and everything after them, go line by line: the list is the same either way.
  it("a section's variables in order, whatever breaks the run of plain lines", () => {
    const f: Record<string, string> = {
      '/v/extensions.conf': [
        '[a]',
        'x=1',
        'y => 2',
        'z+=3',
        'noequals',
        '= 5',
        '\\ bad=1',
        'w=6',
        '#include inc.conf',
        'u=8',
        '[b]',
        '[a](+)',
        't=9',
        'x+=0',
        '[c]',
        '#include inc.conf',
        's=10',
        '[d]',
        'p=1',
        '= 5',
        'q=2',
        '[e]',
        'p=1',
        '\\ bad=1',
        'q=2',
      ].join('\n'),
      '/v/inc.conf': 'v=7\nv2=7b',
    };
    const cats = new Workspace({ configDir: '/v', host: memoryHost(f) }).load('/v/extensions.conf').categories;
    const list = (name: string) => cats.find((c) => c.name === name)!.vars.map((v) => `${v.name}=${v.value}@${path.basename(v.file)}:${v.lineNo}`);
    expect(list('a')).toEqual(['x=10@extensions.conf:2', 'y=2@extensions.conf:3', 'z=3@extensions.conf:4', 'w=6@extensions.conf:8', 'v=7@inc.conf:1', 'v2=7b@inc.conf:2', 'u=8@extensions.conf:10', 't=9@extensions.conf:13']);
    expect(list('b')).toEqual([]);
    expect(list('c')).toEqual(['v=7@inc.conf:1', 'v2=7b@inc.conf:2', 's=10@extensions.conf:17']);
    expect(list('d')).toEqual(['p=1@extensions.conf:19', 'q=2@extensions.conf:21']);
    expect(list('e')).toEqual(['p=1@extensions.conf:23', 'q=2@extensions.conf:25']);
  });

  it('one parse loaded as two files keeps each Variable with its own file', () => {
    const w = new Workspace({ configDir: '/w', host: memoryHost({}) });
    const parsed = w.parse('/w/a.conf', '[s]\nk=v\n');
    const host = memoryHost({ '/w/a.conf': '[s]\nk=v\n', '/w/b.conf': '[s]\nk=v\n' });
    const load = (file: string) => loadConfig(file, { configDir: '/w', host, parse: () => parsed }).categories[0]!.vars[0]!;
    const a = load('/w/a.conf');
    const b = load('/w/b.conf');
    expect([a.file, b.file]).toEqual(['/w/a.conf', '/w/b.conf']);
    expect([a.key, a.value, b.key, b.value, b.node]).toEqual(['k', 'v', 'k', 'v', a.node]);
  });
});

describe('template inheritance (config.c inherit_category: a copy of the template as it is at that line)', () => {
  const conf = [
    '[tpl](!)',
    'a=1',
    '[d1](tpl)',
    '[tpl](+)',
    'b=2',
    '[d2](tpl)',
    '[tpl](+)',
    'a+=x',
    '[d3](tpl)',
    '[t2](!,tpl)',
    'c=3',
    '[d4](t2)',
    '[d5](tpl,t2)',
    'a=own',
  ].join('\n');
  const cfg = loadConfig('/e/sip.conf', { configDir: '/e', host: memoryHost({ '/e/sip.conf': conf }), parse: (_f, t) => parseConfig(t) });
  const vars = (name: string) => cfg.categories.find((c) => c.name === name)!.vars.map((v) => `${v.key}=${v.value}${v.inheritedFrom ? ` <${v.inheritedFrom.name}` : ''}`);
  it.each([
    ['d1', ['a=1 <tpl']],
    ['d2', ['a=1 <tpl', 'b=2 <tpl']],
    ['d3', ['a=1x <tpl', 'b=2 <tpl']],
    ['d4', ['a=1x <tpl', 'b=2 <tpl', 'c=3 <t2']],
    ['d5', ['a=1x <tpl', 'b=2 <tpl', 'a=1x <tpl', 'b=2 <tpl', 'c=3 <t2', 'a=own']],
  ])('%s', (name, expected) => {
    expect(vars(name)).toEqual(expected);
  });
  it('sections built on one unchanged template share its variables', () => {
    const c = cfg.categories;
    expect(c.find((x) => x.name === 'd5')!.vars[0]).toBe(c.find((x) => x.name === 'd4')!.vars[0]);
    expect(c.find((x) => x.name === 'd3')!.vars[0]).not.toBe(c.find((x) => x.name === 'd2')!.vars[0]);
  });
});
