/**
 * Simulate dial beyond "which line": the ITSP example end to end, and the
 * static call following (Goto, GotoIf, Gosub/Return, Macro, Set, Dial, Hangup,
 * fall-through, loops, dynamic targets, time windows, entry points).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { simulate, SimulateError, type SimulateInput, type SimulateResult } from '../../server/src/core/simulate/simulate';
import { firstArg, splitArgs } from '../../server/src/core/simulate/expand';
import { findExtension } from '../../server/src/core/simulate/find';
import { ROOT } from '../helpers/shared';

const DIR = '/etc/asterisk';
const EX = path.join(ROOT, 'examples/itsp');
const itsp = { 'sip.conf': fs.readFileSync(path.join(EX, 'sip.conf'), 'utf8'), 'extensions.conf': fs.readFileSync(path.join(EX, 'extensions.conf'), 'utf8') };

function sim(files: Record<string, string>, input: SimulateInput): SimulateResult {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  const a = new Workspace({ configDir: DIR, host: memoryHost(abs) }).analyze(Object.keys(abs));
  return simulate(a.dialplan!, a.sip, input);
}

/** The trace as "context,exten,priority app(args)" lines plus the outcome kind. */
function steps(r: SimulateResult): string[] {
  return [...r.trace.map((s) => `${s.context},${s.exten},${s.priority} ${s.app}(${s.expanded})`), `=> ${r.outcome.kind}`];
}

describe('the ITSP example', () => {
  it('2223334444 from [internal] → _NXXNXXXXXX, leaves through TheITSP-Out', () => {
    const r = sim(itsp, { number: '2223334444', context: 'internal' });
    expect(r.find.found!.priority.written).toBe('_NXXNXXXXXX');
    expect(r.outcome.kind).toBe('dial');
    expect(r.outcome.message).toContain('leaves through TheITSP-Out as 2223334444');
    expect(steps(r)).toEqual(['internal,2223334444,1 Dial(SIP/TheITSP-Out/2223334444)', '=> dial']);
  });
  it('1234567890 → no match (N excludes 1), a dead end', () => {
    const r = sim(itsp, { number: '1234567890', context: 'internal' });
    expect(r.result).toBe('none');
    expect(r.modes).toEqual({ exists: false, canMatch: false, matchMore: false });
  });
  it('5551112222 from TheITSP-In → TestPhone-A', () => {
    const r = sim(itsp, { number: '5551112222', fromPeer: 'TheITSP-In' });
    expect(r.entry.context).toBe('incoming');
    expect(r.find.found!.priority.written).toBe('5551112222');
    expect(r.outcome.kind).toBe('dial');
    if (r.outcome.kind === 'dial') expect(r.outcome.targets[0]!.device!.name).toBe('TestPhone-A');
    expect(r.entry.notes.join(' ')).toContain('insecure=invite');
  });
  it('a phone reaches another phone through the include', () => {
    const r = sim(itsp, { number: '100', context: 'internal' });
    expect(r.find.found!.context.name).toBe('phones');
    expect(r.find.steps.filter((s) => s.kind === 'enter').map((s) => (s.kind === 'enter' ? s.context : ''))).toEqual(['internal', 'phones']);
  });
  it('more digits could still match', () => {
    const r = sim(itsp, { number: '222333', context: 'internal' });
    expect(r.result).toBe('none');
    expect(r.modes.matchMore).toBe(true);
    expect(r.outcome.message).toContain('more digits');
  });
  it('guest calls are refused when allowguest=no', () => {
    expect(() => sim(itsp, { number: '100', guest: true })).toThrow(SimulateError);
  });
  it('unknown device', () => {
    expect(() => sim(itsp, { number: '100', fromPeer: 'Nobody' })).toThrow(/no device \[Nobody\]/);
  });
});

const dp = (body: string) => ({ 'extensions.conf': `[globals]\nTRUNK=prov\n${body}`, 'sip.conf': '[prov]\ntype=peer\nhost=sip.example.com\nsecret=x\nfromuser=me\n' });

describe('following the call', () => {
  const cases: [string, string, SimulateInput, string[]][] = [
    [
      'Goto to a label in another context, with ${EXTEN:1}',
      '[a]\nexten => _9X.,1,Set(NUM=${EXTEN:1})\nsame => n,Goto(b,s,dial)\n[b]\nexten => s,1,NoOp()\nsame => n(dial),Dial(SIP/${TRUNK}/${NUM})',
      { number: '912345', context: 'a' },
      ['a,912345,1 Set(NUM=12345)', 'a,912345,2 Goto(b,s,dial)', 'b,s,2 Dial(SIP/prov/12345)', '=> dial'],
    ],
    [
      'GotoIf with a static condition',
      '[a]\nexten => 1,1,GotoIf($[1 = 2]?yes:no)\nsame => n(yes),Hangup()\nsame => n(no),Playback(hello)\nsame => n,Hangup(16)',
      { number: '1', context: 'a' },
      ['a,1,1 GotoIf($[1 = 2]?yes:no)', 'a,1,3 Playback(hello)', 'a,1,4 Hangup(16)', '=> hangup'],
    ],
    [
      'Gosub and Return',
      '[a]\nexten => 1,1,Gosub(sub,s,1(x))\nsame => n,Hangup()\n[sub]\nexten => s,1,NoOp(${ARG1})\nsame => n,Return()',
      { number: '1', context: 'a' },
      ['a,1,1 Gosub(sub,s,1(x))', 'sub,s,1 NoOp(x)', 'sub,s,2 Return()', 'a,1,2 Hangup()', '=> hangup'],
    ],
    [
      'Macro runs macro-name at s and comes back',
      '[a]\nexten => 1,1,Macro(dialout,${EXTEN})\nsame => n,Hangup()\n[macro-dialout]\nexten => s,1,NoOp(${ARG1})',
      { number: '1', context: 'a' },
      ['a,1,1 Macro(dialout,1)', 'macro-dialout,s,1 NoOp(1)', 'a,1,2 Hangup()', '=> hangup'],
    ],
    ['end of priorities', '[a]\nexten => 1,1,NoOp()', { number: '1', context: 'a' }, ['a,1,1 NoOp()', '=> fallthrough']],
    ['a loop is stopped', '[a]\nexten => 1,1,Goto(a,1,1)', { number: '1', context: 'a' }, ['a,1,1 Goto(a,1,1)', 'a,1,1 Goto(a,1,1)', '=> loop']],
    ['a dynamic target', '[a]\nexten => 1,1,Goto(${DEST},s,1)', { number: '1', context: 'a' }, ['a,1,1 Goto(${DEST},s,1)', '=> dynamic']],
    ['a missing label', '[a]\nexten => 1,1,Goto(nolabel)', { number: '1', context: 'a' }, ['a,1,1 Goto(nolabel)', '=> missing-target']],
    ['caller ID in the trace', '[a]\nexten => 1,1,NoOp(${CALLERID(num)})', { number: '1', context: 'a', callerId: '5551234' }, ['a,1,1 NoOp(5551234)', '=> fallthrough']],
  ];
  for (const [name, body, input, expected] of cases) it(name, () => expect(steps(sim(dp(body), input))).toEqual(expected));

  it('GotoIf with an unknown condition follows true and shows false as an alternative', () => {
    const r = sim(dp('[a]\nexten => 1,1,GotoIf($["${DB(x)}" = "1"]?t:f)\nsame => n(t),Hangup()\nsame => n(f),Dial(SIP/prov/1)'), { number: '1', context: 'a' });
    expect(steps(r)).toEqual(['a,1,1 GotoIf($["${DB(x)}" = "1"]?t:f)', 'a,1,2 Hangup()', '=> hangup']);
    const alt = r.trace[0]!.alternatives![0]!;
    expect(alt.outcome.kind).toBe('dial');
  });

  it('include time windows: evaluated at the given time, or ignored with null', () => {
    const files = dp('[a]\ninclude => b,09:00-17:00,mon-fri,*,*\n[b]\nexten => 1,1,NoOp()');
    expect(sim(files, { number: '1', context: 'a', time: new Date(2026, 10, 25, 10, 0) }).result).toBe('match'); // a Wednesday, 10:00 local
    expect(sim(files, { number: '1', context: 'a', time: new Date(2026, 10, 25, 20, 0) }).result).toBe('none');
    const ignored = sim(files, { number: '1', context: 'a', time: null });
    expect(ignored.result).toBe('match');
    expect(ignored.find.steps.some((s) => s.kind === 'include-window-ignored')).toBe(true);
  });

  it('guest calls enter [general] context', () => {
    const r = sim({ ...dp('[guests]\nexten => 1,1,NoOp()'), 'sip.conf': '[general]\ncontext=guests\n' }, { number: '1', guest: true });
    expect(r.entry.context).toBe('guests');
    expect(r.result).toBe('match');
  });

  it('a switch is reported, not simulated', () => {
    const r = sim(dp('[a]\nswitch => Realtime/a@b'), { number: '1', context: 'a' });
    expect(r.result).toBe('none');
    expect(r.outcome.message).toContain('switch Realtime/a@b');
  });
});

describe('application arguments', () => {
  const cases: [string, string[]][] = [
    ['', ['']],
    ['a', ['a']],
    ['a,b,,c', ['a', 'b', '', 'c']],
    ['a,', ['a', '']],
    ['SIP/${OUT}/${EXTEN},300,T', ['SIP/${OUT}/${EXTEN}', '300', 'T']],
    ['$[${X} = 1]?a,b,1:c,d,2', ['$[${X} = 1]?a', 'b', '1:c', 'd', '2']],
    ['sub,s,1(in,${X},y)', ['sub', 's', '1(in,${X},y)']],
    ['"a,b",c', ['"a,b"', 'c']],
    ['a\\,b,c', ['a\\,b', 'c']],
    ['f(x,[y,z]),w', ['f(x,[y,z])', 'w']],
    [')a,b', [')a', 'b']],
  ];
  for (const [args, parts] of cases) {
    it(JSON.stringify(args), () => {
      expect(splitArgs(args)).toEqual(parts);
      expect(firstArg(args)).toBe(parts[0]);
    });
  }
});

describe('findExtension: the first lookups in a context without patterns scan it, later ones use its index', () => {
  it('gives the same answers either way (duplicates, caller-ID patterns, dashes, includes)', () => {
    const ext = [
      '[dids]',
      'exten => 5551234,1,NoOp(plain)',
      'exten => 555-1234/100,1,NoOp(from 100)',
      'exten => 5551234/_2XX,1,NoOp(from 2xx)',
      'exten => 5550000,2,NoOp(no priority 1)',
      'exten => 5559999,1,NoOp(nine)',
      'include => more',
      '[more]',
      'exten => 5550000,1,NoOp(in more)',
      'exten => _555XXXX,1,NoOp(pattern)',
    ].join('\n');
    const a = new Workspace({ configDir: '/etc/asterisk', host: memoryHost({ '/etc/asterisk/extensions.conf': ext }) }).analyze(['/etc/asterisk/extensions.conf']);
    const plan = a.dialplan!;
    const ask = (exten: string, callerId?: string) => {
      const r = findExtension(plan, { context: 'dids', exten, callerId, time: null });
      return `${r.found?.context.name}:${r.found?.extension.name}/${r.found?.extension.cid ?? ''}:${r.found?.priority.appData} ${r.steps.map((s) => s.kind).join(',')}`;
    };
    const questions: [string, string | undefined][] = [['5551234', undefined], ['5551234', '100'], ['5551234', '250'], ['555-1234', '100'], ['5550000', undefined], ['5557777', undefined], ['5559999', '1']];
    const rounds = Array.from({ length: 3 }, () => questions.map(([n, c]) => ask(n, c)));
    expect(rounds[1]).toEqual(rounds[0]);
    expect(rounds[2]).toEqual(rounds[0]);
    expect(rounds[0]).toEqual([
      'dids:5551234/:plain enter,candidate',
      'dids:555-1234/100:from 100 enter,candidate',
      'dids:5551234/_2XX:from 2xx enter,candidate',
      'dids:555-1234/100:from 100 enter,candidate',
      'more:5550000/:in more enter,candidate,enter,candidate',
      'more:_555XXXX/:pattern enter,enter,candidate',
      'dids:5559999/:nine enter,candidate',
    ]);
  });
});
