/**
 * Re-checking after an edit keeps what the edit did not touch (the reparse
 * moves untouched lines in place, the dialplan keeps the contexts whose lines
 * are all the same objects): the result must be exactly what a fresh check of
 * the new text gives — every diagnostic, and every context, extension,
 * priority, include, switch and ignorepat with its ranges and line numbers.
 * Random edits (seeded) of the ITSP example, corpus dialplans, a generated
 * 250 KB dialplan and a 30-file #include workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace, type Analysis } from '../../server/src/core/workspace';
import { indexedPriorities, prioritiesNamedWithComma, prioritiesRunning } from '../../server/src/core/dialplan/app-index';
import type { Dialplan, Priority } from '../../server/src/core/dialplan/model';
import { generateIncludeWorkspace, generateTier, mulberry32 as rng, TIERS } from '../../scripts/bench/generate';
import { grown, randomEdit } from '../helpers/edits';
import { CORPUS, listFiles, ROOT } from '../helpers/shared';

function priority(p: Priority): unknown {
  return [p.context, p.written, p.exten, p.cid, p.priority, p.label, p.app, p.appKey, p.appData, p.file, p.lineNo, p.range, p.extenRange, p.priorityRange, p.appRange, p.argsRange, p.same, p.jumps, p.dials];
}

/** Everything the dialplan says, as plain data. */
function dialplan(plan: Dialplan | undefined): unknown {
  if (!plan) return undefined;
  return {
    general: plan.general,
    globals: [...plan.globals].map(([k, v]) => [k, v.value, v.lineNo]),
    contexts: [...plan.contexts.values()].map((c) => ({
      name: c.name,
      sections: c.sections.map((s) => [s.name, s.file, s.header.range]),
      extensions: c.extensions.map((e) => ({
        name: e.name,
        match: e.match,
        cid: e.cid,
        isPattern: e.isPattern,
        order: e.order,
        first: priority(e.first),
        priorities: [...e.priorities].map(([n, p]) => [n, priority(p)]),
        labels: [...e.labels].map(([l, p]) => [l, p.priority]),
      })),
      includes: c.includes.map((i) => [i.value, i.context, i.timing, i.file, i.lineNo, i.range, i.contextRange]),
      switches: c.switches,
      ignorepats: c.ignorepats,
      autohints: c.autohints,
    })),
    // The application index, in line order.
    dials: prioritiesRunning(plan, 'dial').map(priority),
    jumps: prioritiesRunning(plan, 'goto', 'gosub', 'gotoif', 'gosubif').map(priority),
    commaNames: prioritiesNamedWithComma(plan).map(priority),
    indexed: indexedPriorities(plan).map(priority),
  };
}

function allPriorities(plan: Dialplan | undefined): Priority[] {
  return [...(plan?.contexts.values() ?? [])].flatMap((c) => c.extensions.flatMap((e) => [...e.priorities.values()]));
}

function same(a: Analysis, b: Analysis): void {
  expect(JSON.stringify(a.diagnostics)).toBe(JSON.stringify(b.diagnostics));
  expect(dialplan(a.dialplan)).toEqual(dialplan(b.dialplan));
}

const INSERTS = ['x', ' ', '1', ',', 'n', '\n', '\nexten => 5,1,NoOp()\n', '\nsame => n,Dial(SIP/x)\n', '; note', '[ctx]\n', '[globals]\nX=1\n', '${X}', '(', ')', '=>', 'include => other\n', '\r'];

/** One random edit of the text. */
function edit(text: string, r: () => number): string {
  return randomEdit(text, r, INSERTS, 60);
}

/** Edit `target` `edits` times, comparing each re-check with a fresh check; counts the contexts and the priorities kept. */
function typeInto(files: Record<string, string>, dir: string, target: string, edits: number, seed: number, next = edit): { contexts: number; priorities: number } {
  const paths = Object.keys(files).sort();
  const host = memoryHost(files);
  const ws = new Workspace({ configDir: dir, host });
  let prev = ws.analyze(paths);
  let text = files[target]!;
  const r = rng(seed);
  let kept = 0;
  let priorities = 0;
  for (let k = 0; k < edits; k++) {
    text = next(text, r);
    ws.setOverlay(target, text);
    const inc = ws.analyze(paths);
    const fresh = new Workspace({ configDir: dir, host });
    fresh.setOverlay(target, text);
    same(inc, fresh.analyze(paths));
    for (const [name, c] of inc.dialplan?.contexts ?? []) if (c.extensions.length > 0 && c.extensions === prev.dialplan?.contexts.get(name)?.extensions) kept++;
    const before = new Set(allPriorities(prev.dialplan));
    for (const p of allPriorities(inc.dialplan)) if (before.has(p)) priorities++;
    prev = inc;
  }
  return { contexts: kept, priorities };
}

describe('a re-check after an edit equals a fresh check', () => {
  it('the ITSP example (grown past the reparse threshold), 25 edits', () => {
    const dir = path.join(ROOT, 'examples/itsp');
    const files = Object.fromEntries(['extensions.conf', 'sip.conf'].map((f) => [path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8')]));
    const ext = path.join(dir, 'extensions.conf');
    files[ext] = grown(files[ext]!);
    typeInto(files, dir, ext, 25, 7);
  });

  const dialplans = listFiles(CORPUS).filter((f) => /extensions[^/]*\.conf$/.test(f));
  it.each(dialplans.slice(0, 12).map((f) => [f.slice(CORPUS.length + 1), f]))('%s: 10 edits', (_name, file) => {
    const target = '/etc/asterisk/extensions.conf';
    typeInto({ [target]: grown(fs.readFileSync(file, 'utf8')) }, '/etc/asterisk', target, 10, file.length);
  });

  it('typing into a generated 250 KB dialplan keeps the untouched contexts', () => {
    const ws = generateTier(TIERS.find((t) => t.name === '250KB')!);
    // Characters typed into Set() lines here and there: only the context typed into is built again.
    const typing = (text: string, r: () => number): string => {
      const at = text.indexOf('\n same => n,Set(', Math.floor(r() * text.length));
      return at === -1 ? text + 'x' : text.slice(0, at + 17) + 'q' + text.slice(at + 17);
    };
    const kept = typeInto(ws.files, ws.dir, ws.extensionsPath, 12, 42, typing);
    const text = ws.files[ws.extensionsPath]!;
    expect(kept.contexts).toBeGreaterThan(12 * (text.match(/^\[/gm)!.length - 8));
    // The context typed into ([ext-local], most of the file) keeps the priorities of its unchanged lines too.
    expect(kept.priorities).toBeGreaterThan(12 * 0.9 * text.match(/^ *(exten|same) *=>/gm)!.length);
  });

  it('edits that change other contexts: [globals], a problem appears and goes, a section splits a context', () => {
    const target = '/etc/asterisk/extensions.conf';
    const body = '[globals]\nPFX=1\nTRUNK=SIP/itsp\n[from-internal]\nexten => ${PFX}00,1,Dial(${TRUNK}/${EXTEN})\n same => n,Hangup()\ninclude => ctx-b\nswitch => Realtime/${PFX}@t\nignorepat => 9\n';
    const filler = Array.from({ length: 400 }, (_, i) => `[ctx-${i}]\nexten => ${i},1,Goto(from-internal,${i},1)\n same => n,Dial(SIP/${i})\ninclude => from-internal\n`).join('');
    const steps = [
      (t: string) => t.replace('PFX=1', 'PFX=2'), // every ${PFX} extension name changes
      (t: string) => t.replace('TRUNK=SIP/itsp', 'TRUNK=SIP/other'), // only an application's arguments
      (t: string) => t.replace('[ctx-200]\nexten => 200,1,', '[ctx-200]\nexten => 200,1,NoOp()\nexten => 200,1,'), // a duplicate priority
      (t: string) => t.replace('[ctx-10]', '[ctx-10x]'), // renamed: a new context
      (t: string) => t.replace('exten => 200,1,NoOp()\n', ''), // the duplicate goes again
      (t: string) => t.replace('[ctx-300]\n', '[ctx-300]\n[ctx-5]\n'), // a second section of ctx-5
      (t: string) => t.replace('include => ctx-b\n', ''),
      (t: string) => t.replace('exten => 50,1,', 'exten => 5x0,1,'), // the same => line after it follows the new name
      (t: string) => t.replace('exten => 60,1,', 'exten => 60,5,'), // the n after it becomes 6
      (t: string) => t.replace('exten => 70,1,Goto(from-internal,70,1)\n', 'exten => 70,1,Goto(from-internal,70,1)\n same => n,NoOp(extra)\n'),
      (t: string) => t.replace('exten => 80,1,', 'exten => 80,hint,'), // n after a hint is 0: dropped
      (t: string) => t.replace('exten => 90,1,', 'exten => 90,1(start),'), // a label
      (t: string) => t.replace('exten => 91,1,', 'exten => _.,1,'), // a discouraged pattern
      (t: string) => t.replace('[ctx-92]\nexten => 92,1,', '[ctx-92]\nexten => 92,n,'), // n on the first line
      (t: string) => t.replace('exten => 95,1,', 'exten => 95,1(a),').replace(' same => n,Dial(SIP/95)', ' same => n(a),Dial(SIP/95)'), // a duplicate label
      (t: string) => t.replace('exten => 95,1(a),', 'exten => 95,1,'), // the second one keeps it now
    ];
    let k = 0;
    typeInto({ [target]: body + filler }, '/etc/asterisk', target, steps.length, 1, (t) => steps[k++]!(t));
  });

  it('random edits of one file of a 30-file #include workspace', () => {
    const ws = generateIncludeWorkspace(120_000, 30);
    const target = ws.paths.filter((p) => p !== ws.extensionsPath && /\.conf$/.test(p) && ws.files[p]!.length > 3000)[3]!;
    const files = { ...ws.files, [target]: grown(ws.files[target]!) };
    expect(typeInto(files, ws.dir, target, 10, 99).contexts).toBeGreaterThan(0);
  });
});
