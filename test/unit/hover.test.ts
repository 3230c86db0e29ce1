/**
 * hoverAt() on inline fixtures: `<|>` marks the cursor. Each case names the
 * text the hover must contain (and must not), and sometimes its range as
 * `line:col->line:col` (0-based). Files not given default to a small PBX.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { LineIndex } from '../../server/src/core/text/line-index';
import { Workspace } from '../../server/src/core/workspace';
import { applicationDoc } from '../../server/src/core/features/docs/applications';
import { hoverAt, maskRegisterValue } from '../../server/src/core/features/hover';
import { explainPattern } from '../../server/src/core/features/pattern-explain';

const DIR = '/etc/asterisk';
const SECRETS = ['brokenPw7', 'Xq7-pw-9f', 'tpl-S3cret', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'R3mote!pw', 'regPa55', 'authPw9'];

const SIP = `[general]
context=guests
allowguest=yes
register => acct:regPa55@sip.example.com/5551112222
register => tls://other@sip2.example.com:5071/200~300
register => broken:brokenPw7

[authentication]
auth = me:authPw9@realm.example.com

[phone](!)
type=friend
host=dynamic
context=internal
secret=tpl-S3cret
nat=force_rport,comedia

[alice](phone)
secret=Xq7-pw-9f
mailbox=100@default

[bob](phone)
md5secret=0f1e2d3c4b5a69788796a5b4c3d2e1f0
insecure=very
qualify=yes
allow=ulaw,foo

[trunk]
type=peer
host=sip.example.com
insecure=port,invite
context=from-trunk
remotesecret=R3mote!pw
fromuser=acct
canreinvite=no
`;

const EXT = `[general]
autofallthrough=yes

[globals]
TRUNK=trunk
DB_PASSWORD=hunter2x

[phones]
exten => 100,1,Dial(SIP/alice,20)
 same => n(ok),VoiceMail(100@default,u)
 same => n,Hangup()
exten => 100,hint,SIP/alice
exten => h,1,NoOp(bye)

[internal]
include => phones
exten => _NXXNXXXXXX,1,Dial(SIP/\${TRUNK}/\${EXTEN})
exten => _X.,1,Set(TARGET=\${EXTEN:1})
 same => n,Dial(SIP/\${TARGET})
 same => n,Goto(phones,100,ok)
 same => n,Goto(nowhere,100,1)
exten => 2223334444,1,Playback(hello-world)
exten => _9NXXXXXX,1,Dial(SIP/trunk/\${EXTEN:1})
exten => 300,1,Dial,SIP/bob
exten => 301,1,Macro(foo)
exten => 302,1,FooBar(1)
exten => 303,1,NoOp(\${CALLERID(num)} \${CALLERID(name)} \${GLOBAL(TRUNK)} \${DIALSTATUS} \${HANGUPCAUSE} \${ARG1} \${DB(fam/key)} \${IF($[1]?a:b)} \${LEN(x)} \${CUT(X,-,1)} \${STRFTIME(\${EPOCH},,%Y)} \${CONTEXT} \${DB_PASSWORD})

[from-trunk]
exten => 5551112222,1,Goto(phones,100,1)
`;

interface Expected {
  has: (string | RegExp)[];
  not?: string[];
  range?: string;
}

interface Setup {
  files: Record<string, string>;
  file: string;
  offset: number;
}

function setup(given: Record<string, string>): Setup {
  const files: Record<string, string> = { 'sip.conf': SIP, 'extensions.conf': EXT, ...given };
  let file = '';
  let offset = -1;
  const abs: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const at = text.indexOf('<|>');
    const p = path.join(DIR, name);
    if (at !== -1) {
      file = p;
      offset = at;
    }
    abs[p] = text.replace('<|>', '');
  }
  if (offset < 0) throw new Error('no <|> marker');
  return { files: abs, file, offset };
}

function hover(given: Record<string, string>): { markdown: string; range: string } | undefined {
  const s = setup(given);
  const ws = new Workspace({ configDir: DIR, host: memoryHost(s.files) });
  const analysis = ws.analyze(Object.keys(s.files));
  const text = analysis.texts.get(s.file)!;
  const h = hoverAt(analysis, ws.parse(s.file, text), s.file, s.offset);
  if (!h) return undefined;
  const li = new LineIndex(text);
  const pos = (o: number) => `${li.position(o).line}:${li.position(o).character}`;
  return { markdown: h.markdown, range: `${pos(h.range.start)}->${pos(h.range.end)}` };
}

/** `at(text, needle, k)`: the text with `<|>` inserted k characters into the first `needle`. */
function at(text: string, needle: string, k = 1): string {
  const i = text.indexOf(needle);
  if (i === -1) throw new Error(`fixture has no ${needle}`);
  return text.slice(0, i + k) + '<|>' + text.slice(i + k);
}

function check(given: Record<string, string>, expected: Expected | null): void {
  const h = hover(given);
  if (expected === null) {
    expect(h).toBeUndefined();
    return;
  }
  expect(h, 'a hover').toBeDefined();
  for (const s of expected.has) {
    if (typeof s === 'string') expect(h!.markdown).toContain(s);
    else expect(h!.markdown).toMatch(s);
  }
  for (const s of expected.not ?? []) expect(h!.markdown).not.toContain(s);
  if (expected.range) expect(h!.range).toBe(expected.range);
  for (const secret of SECRETS) expect(h!.markdown).not.toContain(secret);
}

const ext = (needle: string, k?: number) => ({ 'extensions.conf': at(EXT, needle, k) });
const sip = (needle: string, k?: number) => ({ 'sip.conf': at(SIP, needle, k) });

const nanpSample = '2223334444';
const simulateArgs = encodeURIComponent(JSON.stringify({ number: nanpSample, context: 'internal' }));

const CASES: [string, Record<string, string>, Expected | null][] = [
  // extensions and patterns
  [
    'NANP pattern: elements, length, shape, sample and near miss',
    ext('_NXXNXXXXXX', 3),
    {
      has: ['`N` — a digit 2–9', '2 digits 0–9', 'exactly 10 digits', 'NANP', '`2223334444`', 'Not `1234567890`: first digit 1: N excludes 1'],
      range: '16:9->16:20',
    },
  ],
  [
    'NANP pattern: overlaps in search order, the winner for a sample, Simulate link',
    ext('_NXXNXXXXXX', 3),
    {
      has: [
        'For `2223334444` Asterisk runs `2223334444`',
        /\*\*Overlaps\*\* \(2, in Asterisk's search order\)/,
        /`2223334444` \(line 22\) — both match `2223334444`: that one wins\n- `_X\.` \(line 18\) — both match `2223334444`: `2223334444` wins/,
        `[Simulate dial…](command:asterisk.simulateDial?${simulateArgs})`,
      ],
    },
  ],
  ['a pattern overlapping an included context', ext('_X.', 1), { has: [/`100` \(`\[phones\]`, extensions\.conf:9\) — both match `100`: this one wins/, '`300` (line 24) — both match `300`: that one wins'] }],
  ['a literal extension', ext('2223334444,1', 2), { has: ['a literal: matches exactly `2223334444`', 'runs this extension'] }],
  ['the special h extension', ext('h,1', 0), { has: ['**Special extension** `h`', 'hangup'] }],
  ['a hint priority', ext('hint', 1), { has: ['**hint**', 'device state'] }],
  ['n priority with a label', ext('n(ok)', 0), { has: ['**Priority 2** — label `ok`', 'previous priority'] }],

  // applications and arguments
  ['Dial', ext('Dial(SIP/alice', 1), { has: ['**Dial**', 'DIALSTATUS', 'CHANUNAVAIL', 'removed in Asterisk 21'] }],
  ['an argument of Dial', ext('alice,20', 7), { has: ['**`timeout`**'] }],
  ['Macro is gone in 21', ext('Macro', 1), { has: ['**Macro**', 'removed in Asterisk 21', 'Gosub'] }],
  ['an unknown application', ext('FooBar', 1), { has: ['core show application FooBar'] }],
  ['an application without parentheses', ext('Dial,SIP/bob', 1), { has: ['Write `Dial(SIP/bob)`'] }],
  ['VoiceMail', ext('VoiceMail', 1), { has: ['VMSTATUS', '`o` extension'] }],

  // variables and functions
  ['a [globals] variable in arguments', ext('${TRUNK}', 3), { has: ['Global variable from `[globals]` (extensions.conf:5)', '`TRUNK` = `trunk`'] }],
  ['EXTEN in a pattern', ext('${EXTEN})', 3), { has: ['The extension being run', 'e.g. `2223334444`'] }],
  ['${EXTEN:1} explains the substring', ext('${EXTEN:1})\n', 3), { has: ['drops the first 1 character', `For \`${explainPattern('_X.').examples[0]}\`: \`${explainPattern('_X.').examples[0]!.slice(1)}\``] }],
  ['${EXTEN:1} after a 9 prefix', ext('trunk/${EXTEN:1}', 9), { has: [`For \`${explainPattern('_9NXXXXXX').examples[0]}\`: \`${explainPattern('_9NXXXXXX').examples[0]!.slice(1)}\``] }],
  ['a variable Set() earlier in the extension', ext('${TARGET}', 3), { has: ['Set at priority 1 of this extension (extensions.conf:18)', 'Set(TARGET=${EXTEN:1})'] }],
  ['CALLERID(num)', ext('CALLERID(num)', 3), { has: ['**CALLERID()**', '`CALLERID(num)`: the caller number'] }],
  ['CALLERID(name)', ext('CALLERID(name)', 3), { has: ['`CALLERID(name)`: the caller name'] }],
  ['GLOBAL(x) shows the global', ext('GLOBAL(TRUNK)', 2), { has: ['**GLOBAL()**', '`TRUNK` = `trunk`'] }],
  ['DIALSTATUS', ext('${DIALSTATUS}', 3), { has: ['Values: ANSWER, BUSY, NOANSWER'] }],
  ['HANGUPCAUSE', ext('${HANGUPCAUSE}', 3), { has: ['Q.850'] }],
  ['ARG1', ext('${ARG1}', 3), { has: ['Gosub'] }],
  ['DB()', ext('${DB(', 3), { has: ['AstDB'] }],
  ['IF()', ext('${IF(', 3), { has: ['**IF()**', 'true'] }],
  ['LEN()', ext('${LEN(', 3), { has: ['length'] }],
  ['CUT()', ext('${CUT(', 3), { has: ['variable **name**'] }],
  ['STRFTIME()', ext('${STRFTIME(', 3), { has: ['strftime'] }],
  ['CONTEXT', ext('${CONTEXT}', 3), { has: ['The current context'] }],
  ['a sensitive global is masked', ext('${DB_PASSWORD}', 3), { has: ['`DB_PASSWORD` = `••••••`'], not: ['hunter2x'] }],

  // contexts and references
  ['a context header', ext('[internal]', 2), { has: ['**Context** `[internal]` — 8 extensions', 'Includes (searched after its own extensions, in this order): `phones`', 'Calls arrive from: sip.conf devices `alice` and `bob`'] }],
  ['an included context', ext('include => phones', 12), { has: ['**Context** `[phones]` — 2 extensions', 'Included by: `internal`'] }],
  ['a guest context that does not exist', sip('context=guests', 9), { has: ['no context `[guests]`'] }],
  ['context= of a device', sip('context=from-trunk', 9), { has: ['**Context** `[from-trunk]` — 1 extension', 'Calls from this device start here'] }],
  ['Goto context', ext('Goto(phones,100,ok', 6), { has: ['**Context** `[phones]`'] }],
  ['Goto extension', ext('Goto(phones,100,ok', 13), { has: ['**Goes to** `100` in `[phones]`', 'Dial(SIP/alice,20)'] }],
  ['Goto label', ext('Goto(phones,100,ok', 17), { has: ['**Label** `ok` → priority 2 of `100`', 'VoiceMail(100@default,u)'] }],
  ['Goto to a missing context', ext('Goto(nowhere', 6), { has: ['no context `[nowhere]`'] }],
  ['Dial(SIP/peer) shows the device', ext('SIP/alice,20', 5), { has: ['**SIP friend** `[alice]`', 'host: `dynamic`', 'challenged (secret set)', 'context: `internal`', 'templates: `phone`'] }],
  ['exten => key', ext('exten => 100', 1), { has: ['**exten =>**', 'priority'] }],
  ['[general] of extensions.conf', ext('autofallthrough', 2), { has: ['**autofallthrough**', 'Default: `yes`'] }],
  ['a [globals] line', ext('TRUNK=trunk', 1), { has: ['**Global variable** `TRUNK` = `trunk`', '(2 uses in the dialplan)'] }],

  // sip.conf options, values, devices, templates, register
  ['insecure option', sip('insecure=port', 2), { has: ['**insecure**', '`port`', '`invite`', 'removed in Asterisk 21', 'pjsip.conf'] }],
  ['insecure=port,invite', sip('port,invite', 2), { has: ['**insecure** = `port,invite`', 'usual setting'] }],
  ['insecure=very', sip('insecure=very', 10), { has: ['Not special since Asterisk 1.6', 'port,invite'] }],
  ['nat value', sip('nat=force', 5), { has: ['**nat** = `force_rport,comedia`', 'Effective: `force_rport,comedia`'] }],
  ['qualify=yes', sip('qualify=yes', 9), { has: ['2000 ms'] }],
  ['unknown codec', sip('allow=ulaw,foo', 7), { has: ['Unknown codec: `foo`'] }],
  ['canreinvite is the old directmedia', sip('canreinvite', 2), { has: ['**canreinvite**', 'directmedia', 'Deprecated'] }],
  ['host=dynamic', sip('host=dynamic', 7), { has: ['learned from REGISTER'] }],
  ['secret value is masked', sip('secret=Xq7', 9), { has: ['**secret** = `••••••` (hidden)'] }],
  ['md5secret value is masked', sip('md5secret=0f1e', 12), { has: ['**md5secret** = `••••••` (hidden)'] }],
  ['remotesecret value is masked', sip('remotesecret=R3', 14), { has: ['**remotesecret** = `••••••`'] }],
  ['auth entry is masked', sip('auth = me', 9), { has: ['••••••'] }],
  ['a device section', sip('[bob]', 2), { has: ['**SIP friend** `[bob]`', 'md5secret set', 'templates: `phone`'] }],
  ['a peer with insecure=invite', sip('[trunk]', 2), { has: ['**SIP peer** `[trunk]`', 'no secret'] }],
  ['a template section', sip('[phone]', 2), { has: ['**Template** `[phone](!)`', 'Inherited by `alice` and `bob`', '`secret=••••••`'] }],
  ['a template reference', sip('[alice](phone)', 10), { has: ['**Template** `[phone](!)`', '`type=friend`'] }],
  ['register user', sip('acct:regPa55', 1), { has: ['**register =>** user', 'Value: `acct`', 'as extension `5551112222`'] }],
  ['register secret is masked', sip('regPa55', 1), { has: ['**register =>** secret', 'Value: `••••••`'] }],
  ['register transport and port', sip('sip2.example.com:5071', 18), { has: ['**register =>** port', '`sip2.example.com:5071` over tls', 'every 300 s'] }],
  ['[general] section', sip('[general]', 2), { has: ['**[general]** of sip.conf'] }],
  ['allowguest', sip('allowguest', 2), { has: ['**allowguest**', 'Default: `yes`'] }],
  ['a comment has no hover', { 'extensions.conf': EXT.replace('[phones]', '; a <|>comment\n[phones]') }, null],
];

const BRIEF_APPS = 'Dial Goto GotoIf GotoIfTime Gosub GosubIf Return Set MSet NoOp Answer Hangup Playback Background WaitExten Wait VoiceMail VoiceMailMain Queue Macro MacroExit Read SayDigits SayNumber Record MeetMe ConfBridge Page Pickup Busy Congestion Progress Ringing System AGI ExecIf Echo Log Verbose Directory ChanSpy MixMonitor Monitor SIPAddHeader Transfer Originate Playtones StopPlaytones DISA'.split(' ');

const OPTION_NAMES: [string, RegExp][] = [
  ['type', /friend/],
  ['host', /dynamic/],
  ['context', /context/],
  ['secret', /digest/],
  ['md5secret', /MD5/],
  ['remotesecret', /outbound/],
  ['fromuser', /From/],
  ['fromdomain', /From/],
  ['defaultuser', /before it has registered/],
  ['username', /defaultuser/],
  ['nat', /force_rport/],
  ['qualify', /OPTIONS/],
  ['dtmfmode', /rfc2833/],
  ['directmedia', /re-INVITE/],
  ['canreinvite', /directmedia/],
  ['allow', /Codecs/],
  ['disallow', /Codecs/],
  ['allowguest', /guest/],
  ['alwaysauthreject', /unknown users/],
  ['transport', /udp/],
  ['port', /5060/],
  ['permit', /Network\/mask/],
  ['deny', /Network\/mask/],
  ['callerid', /Caller ID/],
  ['mailbox', /MWI|message-waiting/],
  ['call-limit', /simultaneous calls/],
  ['insecure', /invite/],
];

describe('hoverAt', () => {
  it.each(CASES)('%s', (_name, files, expected) => check(files, expected));

  it.each(OPTION_NAMES)('sip.conf option %s', (name, re) => {
    const text = `[general]\nallowguest=no\n\n[dev]\ntype=friend\n${name}=x\n`;
    check({ 'sip.conf': at(text, `\n${name}=`, 2) }, { has: [`**${name}**`, re, 'removed in Asterisk 21'] });
  });

  it.each(BRIEF_APPS)('application %s is documented', (name) => {
    const doc = applicationDoc(name);
    expect(doc?.syntax.startsWith(`${name}(`)).toBe(true);
    expect(doc!.summary.length).toBeGreaterThan(20);
  });

  it('the Simulate link passes the caller ID of a CID extension', () => {
    const text = EXT.replace('[from-trunk]', '[from-trunk]\nexten => _X./_2XX,1,NoOp()');
    const h = hover({ 'extensions.conf': at(text, '_X./_2XX', 1) });
    expect(h!.markdown).toContain('Only for callers whose number matches `_2XX`');
    expect(decodeURIComponent(h!.markdown)).toMatch(/"callerId":"2\d\d"/);
  });

  it.each([
    ['acct:regPa55@sip.example.com/5551112222', 'acct:••••••@sip.example.com/5551112222'],
    ['peer?tcp://name@namedomain:pass:authuser@domain:1234/extension~111', 'peer?tcp://name@namedomain:••••••:authuser@domain:1234/extension~111'],
    ['name@namedomain:4321:pass:authuser@domain', 'name@namedomain:4321:••••••:authuser@domain'],
    ['peer?name:pass:authuser:1234/extension~111', 'peer?name:••••••:authuser:1234/extension~111'],
    ['name@domain', 'name@domain'],
  ])('register value %s is shown masked', (value, masked) => expect(maskRegisterValue(value)).toBe(masked));

  it('never shows a secret, wherever the cursor is', () => {
    const ws = new Workspace({ configDir: DIR, host: memoryHost({ [path.join(DIR, 'sip.conf')]: SIP, [path.join(DIR, 'extensions.conf')]: EXT }) });
    const analysis = ws.analyze([path.join(DIR, 'sip.conf'), path.join(DIR, 'extensions.conf')]);
    let hovers = 0;
    for (const file of [path.join(DIR, 'sip.conf'), path.join(DIR, 'extensions.conf')]) {
      const text = analysis.texts.get(file)!;
      const parsed = ws.parse(file, text);
      for (let o = 0; o <= text.length; o++) {
        const h = hoverAt(analysis, parsed, file, o);
        if (!h) continue;
        hovers++;
        for (const secret of [...SECRETS, 'hunter2x']) expect(h.markdown, `${path.basename(file)} offset ${o}`).not.toContain(secret);
      }
    }
    expect(hovers).toBeGreaterThan(500);
  });
});
