/**
 * The mission diagnostics on the ITSP example: done right it is clean; each
 * classic mistake gives exactly the right code on the right line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { LineIndex } from '../../server/src/core/text/line-index';
import { Workspace, type Analysis } from '../../server/src/core/workspace';
import { RULES } from '../../server/src/core/rules/index';
import { dialUses } from '../../server/src/core/rules/routing';
import { ASTERISK, readTsv, ROOT } from '../helpers/shared';

const DIR = '/etc/asterisk';
const EXAMPLE = path.join(ROOT, 'examples/itsp');
const sipConf = fs.readFileSync(path.join(EXAMPLE, 'sip.conf'), 'utf8');
const extConf = fs.readFileSync(path.join(EXAMPLE, 'extensions.conf'), 'utf8');

export function analyze(files: Record<string, string>): Analysis {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  return new Workspace({ configDir: DIR, host: memoryHost(abs) }).analyze(Object.keys(abs));
}

/** Diagnostics as "file:line code severity". */
export function summary(a: Analysis, codes?: string[]): string[] {
  return a.diagnostics
    .filter((d) => !codes || codes.includes(d.code))
    .map((d) => `${path.basename(d.file)}:${new LineIndex(a.texts.get(d.file)!).lineOf(d.start) + 1} ${d.code} ${d.severity}`);
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i === -1) throw new Error(`no line with ${needle}`);
  return i + 1;
}

const MISSION = ['missing-secret', 'invalid-insecure', 'unknown-context', 'toll-fraud-route', 'did-not-routed'];

describe('ITSP example', () => {
  it('done right: none of the mission codes and no error', () => {
    const a = analyze({ 'sip.conf': sipConf, 'extensions.conf': extConf });
    expect(summary(a)).toEqual([]);
  });

  const cases: [string, Record<string, string>, (s: string, e: string) => string[]][] = [
    [
      'the DID put in [internal] while TheITSP-In says context=incoming (no [incoming])',
      {
        'extensions.conf': extConf
          .replace(/^\[incoming\]\n[\s\S]*?(?=^\[phones\])/m, '')
          .replace('[internal]\n', '[internal]\nexten => 5551112222,1,Dial(SIP/TestPhone-A)\n'),
      },
      (s) => [`sip.conf:${lineOf(s, 'context=incoming')} unknown-context error`],
    ],
    [
      'TheITSP-In pointed at [internal]',
      { 'sip.conf': sipConf.replace('context=incoming', 'context=internal') },
      (s) => [`sip.conf:${lineOf(s, 'context=internal')} toll-fraud-route error`],
    ],
    [
      '[general] context=internal without allowguest=no',
      { 'sip.conf': sipConf.replace('context=unauthenticated', 'context=internal').replace(/allowguest=no.*\n/, '') },
      (s) => [`sip.conf:${lineOf(s, 'context=internal')} toll-fraud-route error`],
    ],
    [
      'an inbound context that includes [internal]',
      { 'extensions.conf': extConf.replace('[incoming]\n', '[incoming]\ninclude => internal\n') },
      (s) => [`sip.conf:${lineOf(s, 'context=incoming')} toll-fraud-route error`],
    ],
    [
      'a phone without secret',
      { 'sip.conf': sipConf.replace(/secret=3xamplE-A-only\n/, '') },
      (s) => [`sip.conf:${lineOf(s, '[TestPhone-A]')} missing-secret error`, `sip.conf:${lineOf(s, 'context=internal')} toll-fraud-route error`],
    ],
    [
      'insecure=very',
      { 'sip.conf': sipConf.replace('insecure=port,invite', 'insecure=very') },
      (s) => [`sip.conf:${lineOf(s, 'insecure=very')} invalid-insecure error`],
    ],
    [
      'the outbound peer without secret',
      { 'sip.conf': sipConf.replace('secret=welcome\n', '') },
      (s) => [`sip.conf:${lineOf(s, '[TheITSP-Out]')} missing-secret warning`],
    ],
    [
      'a provider that authenticates by address (insecure=invite, fromuser, no secret) is not flagged',
      { 'sip.conf': sipConf.replace('secret=welcome\n', 'insecure=invite\n') },
      () => [],
    ],
    [
      'a register line without secret',
      { 'sip.conf': sipConf.replace('myaccount:welcome@', 'myaccount@') },
      (s) => [`sip.conf:${lineOf(s, 'register =>')} missing-secret warning`],
    ],
    [
      'the DID registered but not in [incoming]',
      { 'sip.conf': sipConf.replace('/5551112222', '/5551113333') },
      (s) => [`sip.conf:${lineOf(s, 'register =>')} did-not-routed warning`],
    ],
    [
      // The register line names its inbound peer (peer?…, any case) rather than sharing its host.
      'the DID registered through a named peer but not in that peer\'s context',
      { 'sip.conf': sipConf.replace('myaccount:welcome@myitsp.example.com/5551112222', 'theitsp-in?myaccount:welcome@other.example.net/5551113333') },
      (s) => [`sip.conf:${lineOf(s, 'register =>')} did-not-routed warning`],
    ],
    [
      'the DID registered through a named peer and in that peer\'s context',
      { 'sip.conf': sipConf.replace('myaccount:welcome@myitsp.example.com/5551112222', 'theitsp-in?myaccount:welcome@other.example.net/5551112222') },
      () => [],
    ],
    [
      'a typo in a Goto context',
      { 'extensions.conf': extConf.replace(' same => n,VoiceMail(100@default,u)', ' same => n,Goto(intenral,100,1)') },
      (_s, e) => [`extensions.conf:${lineOf(e, 'Goto(intenral')} unknown-context error`],
    ],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => {
      const files = { 'sip.conf': sipConf, 'extensions.conf': extConf, ...change };
      const a = analyze(files);
      expect(summary(a, [...MISSION, 'app-without-parentheses']).sort()).toEqual(expected(files['sip.conf']!, files['extensions.conf']!).sort());
    });
  }

  it('did-not-routed names the contexts whose own extensions answer the DID (not those that reach it by include)', () => {
    const ext =
      extConf +
      '\n[ext-did]\nexten => 555-111-3333,1,Goto(internal,100,1)\n' +
      '\n[by-include]\ninclude => ext-did\n' +
      '\n[by-pattern]\nexten => _555XXX3333,1,NoOp()\n' +
      '\n[no-first-priority]\nexten => 5551113333,2,NoOp()\n' +
      '\n[other-did]\nexten => 5551114444,1,NoOp()\n';
    const a = analyze({ 'sip.conf': sipConf.replace('/5551112222', '/5551113333'), 'extensions.conf': ext });
    const found = a.diagnostics.filter((d) => d.code === 'did-not-routed');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/has no extension 5551113333: those calls are rejected\. It exists in \[unauthenticated\], \[ext-did\], \[by-pattern\]\.$/);
  });

  it('guest calls into [default] with no [general] at all (Asterisk\'s defaults) are a toll-fraud route', () => {
    const sip = sipConf.replace(/\[general\][\s\S]*?(?=^; Incoming calls)/m, '');
    const ext = extConf.replace('[internal]\n', '[internal]\n').replace('[unauthenticated]', '[default]\ninclude => internal\n\n[unauthenticated]');
    const a = analyze({ 'sip.conf': sip, 'extensions.conf': ext });
    expect(summary(a, ['toll-fraud-route'])).toEqual(['sip.conf:1 toll-fraud-route error']);
    expect(a.diagnostics.find((d) => d.code === 'toll-fraud-route')!.fixes![0]!.edits[0]!.newText).toBe('[general]\nallowguest=no\n\n');
  });

  it('toll-fraud-route shows the path as related information', () => {
    const a = analyze({ 'sip.conf': sipConf, 'extensions.conf': extConf.replace('[incoming]\n', '[incoming]\ninclude => internal\n') });
    const d = a.diagnostics.find((x) => x.code === 'toll-fraud-route')!;
    expect(d.related!.map((r) => r.message)).toEqual([
      '[incoming] includes [internal]',
      '[internal] _NXXNXXXXXX dials SIP/TheITSP-Out/${EXTEN} — out through the trunk TheITSP-Out',
    ]);
  });

  it('quick fixes: insecure, secret, context, allowguest, app parentheses', () => {
    const fixOf = (files: Record<string, string>, code: string) => analyze({ 'sip.conf': sipConf, 'extensions.conf': extConf, ...files }).diagnostics.find((d) => d.code === code)?.fixes?.[0];
    expect(fixOf({ 'sip.conf': sipConf.replace('insecure=port,invite', 'insecure=very') }, 'invalid-insecure')!.edits[0]!.newText).toBe('port,invite');
    expect(fixOf({ 'sip.conf': sipConf.replace('insecure=port,invite', 'insecure=port, invite') }, 'invalid-insecure')!.edits[0]!.newText).toBe('port,invite');
    expect(fixOf({ 'sip.conf': sipConf.replace(/secret=3xamplE-A-only\n/, '') }, 'missing-secret')!.edits[0]!.newText).toMatch(/^\nsecret=[A-Za-z0-9]{20}$/);
    expect(fixOf({ 'sip.conf': sipConf.replace('context=incoming', 'context=Incoming') }, 'unknown-context')!.edits[0]!.newText).toBe('incoming');
    const guest = fixOf({ 'sip.conf': sipConf.replace('context=unauthenticated', 'context=internal').replace(/allowguest=no.*\n/, '') }, 'toll-fraud-route')!;
    expect(guest.edits[0]!.newText).toBe('\nallowguest=no');
    expect(fixOf({ 'extensions.conf': extConf.replace('1,Dial(SIP/TestPhone-A,20)', '1,Dial,SIP/TestPhone-A') }, 'app-without-parentheses')!.edits[0]!.newText).toBe('Dial(SIP/TestPhone-A)');
  });

  it('never suggests a context that would open a toll-fraud route', () => {
    const a = analyze({ 'sip.conf': sipConf.replace('context=incoming', 'context=internl'), 'extensions.conf': extConf });
    const d = a.diagnostics.find((x) => x.code === 'unknown-context')!;
    expect(d.message).toContain("'internal'");
    expect(d.fixes!.map((f) => f.title)).toEqual(['Create context [internl] in extensions.conf']);
  });

  it('inline suppression', () => {
    const s = sipConf.replace('insecure=port,invite', '; astconf-disable-next-line invalid-insecure\ninsecure=very');
    expect(summary(analyze({ 'sip.conf': s, 'extensions.conf': extConf }))).toEqual([]);
  });
});

describe('invalid-insecure agrees with real chan_sip (insecure-oracle.tsv)', () => {
  for (const row of readTsv(path.join(ASTERISK, 'insecure-oracle.tsv'))) {
    const value = row.value!.slice(1, -1);
    it(`insecure=${row.value}`, () => {
      const a = analyze({ 'sip.conf': `[general]\n[p]\ntype=peer\nhost=127.0.0.2\nsecret=x\ninsecure=${value}\n` });
      const d = a.diagnostics.filter((x) => x.code === 'invalid-insecure');
      expect(d.length).toBe(Number(row.asterisk_warnings) > 0 ? 1 : 0);
      if (d.length) {
        expect((d[0]!.data as { asteriskWarnings: number }).asteriskWarnings).toBe(Number(row.asterisk_warnings));
        expect((d[0]!.data as { effective: string }).effective).toBe(row.effective_insecure);
      }
    });
  }
});

describe('every code is listed and tested', () => {
  it('each rule code appears in some test', () => {
    const tests = fs.readdirSync(path.join(ROOT, 'test/unit')).map((f) => fs.readFileSync(path.join(ROOT, 'test/unit', f), 'utf8')).join('\n');
    const untested = RULES.map((r) => r.code).filter((c) => !new RegExp(`(^|[^a-z-])${c}($|[^a-z-])`).test(tests.replace(/RULES|every code/g, '')));
    expect(untested).toEqual([]);
  });
});

describe('Dial destinations (dialUses): the first argument, with [globals]', () => {
  const file = '/etc/asterisk/extensions.conf';
  const text = [
    '[globals]',
    'TRUNK=SIP/itsp',
    'TWO=SIP/a,30',
    'RT=20',
    '[c]',
    'exten => 1,1,Dial(${TRUNK}/${EXTEN},${RT},tT)',
    'exten => 2,1,Dial(SIP/phone1,${RT})',
    'exten => 3,1,Dial(SIP/a&SIP/b/555&IAX2/c,30)',
    'exten => 4,1,Dial(${TWO}/9)',
    'exten => 5,1,Dial(SIP/5551234@itsp2:5060,${UNKNOWN})',
    'exten => 6,1,Dial(${NOPE}/x,10)',
    'exten => 7,1,Dial("SIP/q,1",20)',
  ].join('\n');
  const a = new Workspace({ configDir: '/etc/asterisk', host: memoryHost({ [file]: text }) }).analyze([file]);
  it.each([
    ['1', [['itsp', '${EXTEN}']]],
    ['2', [['phone1', undefined]]],
    ['3', [['a', undefined], ['b', '555']]],
    ['4', [['a', undefined]]],
    ['5', [['itsp2', '5551234']]],
    ['6', []],
    ['7', []],
  ])('exten %s', (exten, expected) => {
    expect(dialUses(a.dialplan!).filter((u) => u.priority.exten === exten).map((u) => [u.peer, u.number])).toEqual(expected);
  });
});

// invalid-insecure reads a device's sections only when the sip model knows an insecure= of it (its last one): each
// place an insecure= line can be is still found, and a line inherited from a template is reported on the template.
describe('invalid-insecure finds every insecure= line', () => {
  const conf = [
    '[general]',
    'insecure=very',
    '[tpl](!)',
    'type=peer',
    'insecure=yes',
    '[a](tpl)',
    'host=1.2.3.4',
    '[b]',
    'type=peer',
    'INSECURE=port,very',
    'insecure=port',
    '[c]',
    'type=peer',
    '[c]',
    'insecure=invite,x',
    '[d]',
    'insecure=very',
    '[e]',
    'type=nonsense',
    'insecure=very',
    '[f](tpl)',
    'insecure=port',
    '[g]',
    'type=friend',
    'host=dynamic',
    'secret=s3cr3t',
  ].join('\n');
  it('in [general], a template, repeated lines, a second section, devices chan_sip skips', () => {
    expect(summary(analyze({ 'sip.conf': conf }), ['invalid-insecure'])).toEqual(
      [2, 5, 10, 15, 17, 20].map((line) => `sip.conf:${line} invalid-insecure error`),
    );
  });
});

