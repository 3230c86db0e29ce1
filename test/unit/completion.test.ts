/**
 * completionsAt() on inline fixtures: `<|>` marks the cursor in a line being
 * typed. Each case lists labels that must (and must not) be offered, and
 * sometimes the text an item inserts or the text it replaces.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { completionsAt, snippetToText, type CompletionItem } from '../../server/src/core/features/completion';

const DIR = '/etc/asterisk';

const SIP = `[general]
context=guests
allowguest=no

[phone](!)
type=friend
host=dynamic
context=internal

[alice](phone)
secret=Xq7-pw-9f

[bob](phone)
secret=Yy8-pw-0g

[trunk]
type=peer
host=sip.example.com
context=from-trunk
`;

const EXT = `[general]
static=yes

[globals]
TRUNK=trunk

[phones]
exten => 100,1,Dial(SIP/alice,20)
 same => n(ok),VoiceMail(100@default,u)

[internal]
include => phones
exten => _X.,1,Set(TARGET=\${EXTEN:1})
 same => n,Dial(SIP/\${TARGET})

[from-trunk]
exten => s,1,Goto(phones,100,1)
`;

interface Expected {
  has?: string[];
  exactly?: string[];
  not?: string[];
  /** label → insertText (snippet as written). */
  insert?: Record<string, string>;
  /** label → the text of the line its replaceRange covers. */
  replaces?: Record<string, string>;
}

/** The file's text with `typed` (holding `<|>`) appended at the end of `afterLine` (a line of the file), as a new line. */
function typing(base: string, afterLine: string, typed: string): string {
  const i = base.indexOf(afterLine);
  if (i === -1) throw new Error(`no line ${afterLine}`);
  const end = base.indexOf('\n', i) + 1;
  return base.slice(0, end) + typed + '\n' + base.slice(end);
}

function complete(given: Record<string, string>): { items: CompletionItem[]; text: string } {
  const files: Record<string, string> = { 'sip.conf': SIP, 'extensions.conf': EXT, ...given };
  const abs: Record<string, string> = {};
  let file = '';
  let offset = -1;
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(DIR, name);
    const at = text.indexOf('<|>');
    if (at !== -1) {
      file = p;
      offset = at;
    }
    abs[p] = text.replace('<|>', '');
  }
  if (offset < 0) throw new Error('no <|> marker');
  // The analysis is the last one, made before the line was typed.
  const before = Object.fromEntries(Object.entries(files).map(([n, t]) => [path.join(DIR, n), n === path.basename(file) ? (n === 'sip.conf' ? SIP : EXT) : t]));
  const ws = new Workspace({ configDir: DIR, host: memoryHost(before) });
  const analysis = ws.analyze(Object.keys(before));
  const text = abs[file]!;
  return { items: completionsAt(analysis, undefined, file, offset, text), text };
}

function check(given: Record<string, string>, expected: Expected): void {
  const { items, text } = complete(given);
  const labels = items.map((i) => i.label);
  if (expected.exactly) expect(labels).toEqual(expected.exactly);
  for (const l of expected.has ?? []) expect(labels).toContain(l);
  for (const l of expected.not ?? []) expect(labels).not.toContain(l);
  for (const [label, insert] of Object.entries(expected.insert ?? {})) expect(items.find((i) => i.label === label)?.insertText, label).toBe(insert);
  for (const [label, replaced] of Object.entries(expected.replaces ?? {})) {
    const r = items.find((i) => i.label === label)?.replaceRange;
    expect(r, label).toBeDefined();
    expect(text.slice(r!.start, r!.end)).toBe(replaced);
  }
}

const sip = (afterLine: string, typed: string) => ({ 'sip.conf': typing(SIP, afterLine, typed) });
const ext = (afterLine: string, typed: string) => ({ 'extensions.conf': typing(EXT, afterLine, typed) });

const CASES: [string, Record<string, string>, Expected][] = [
  // sip.conf option names and values
  ['insecure= offers port, invite and port,invite', sip('[trunk]', 'insecure=<|>'), { exactly: ['port', 'invite', 'port,invite', 'no'] }],
  ['insecure= replaces what is typed', sip('[trunk]', 'insecure=po<|>'), { has: ['port,invite'], replaces: { port: 'po' } }],
  ['insecure=port, continues the list', sip('[trunk]', 'insecure=port,<|>'), { has: ['invite'], not: ['port', 'port,invite'] }],
  ['device options at line start', sip('[trunk]', 'ins<|>'), { has: ['insecure', 'secret', 'nat', 'qualify', 'call-limit'], not: ['allowguest', 'register'], insert: { insecure: 'insecure=' }, replaces: { insecure: 'ins' } }],
  ['[general] options at line start', sip('allowguest=no', '<|>'), { has: ['allowguest', 'alwaysauthreject', 'register', 'context'], not: ['type', 'secret'], insert: { register: 'register => ' } }],
  ['template sections take device options', sip('[phone](!)', 'na<|>'), { has: ['nat', 'type'] }],
  ['[authentication]', { 'sip.conf': SIP + '\n[authentication]\n<|>\n' }, { exactly: ['auth'] }],
  ['context= offers the dialplan contexts', sip('[trunk]', 'context=<|>'), { exactly: ['phones', 'internal', 'from-trunk'] }],
  ['type=', sip('[trunk]', 'type=<|>'), { exactly: ['friend', 'peer', 'user'] }],
  ['nat= list without the words already there', sip('[trunk]', 'nat=force_rport,<|>'), { has: ['comedia', 'auto_comedia'], not: ['force_rport'] }],
  ['dtmfmode=', sip('[trunk]', 'dtmfmode=<|>'), { has: ['rfc2833', 'inband', 'info', 'auto'] }],
  ['qualify=', sip('[trunk]', 'qualify=<|>'), { exactly: ['yes', 'no'] }],
  ['directmedia=', sip('[trunk]', 'directmedia=<|>'), { has: ['yes', 'no', 'nonat', 'update', 'outgoing'] }],
  ['transport=', sip('[trunk]', 'transport=<|>'), { has: ['udp', 'tcp', 'tls', 'ws', 'wss'] }],
  ['allow= codecs', sip('[trunk]', 'allow=<|>'), { has: ['all', 'ulaw', 'alaw', 'g722', 'opus'] }],
  ['allowguest= booleans', sip('allowguest=no', 'alwaysauthreject=<|>'), { exactly: ['yes', 'no'] }],
  ['no values for secrets', sip('[trunk]', 'secret=<|>'), { exactly: [] }],
  ['template names in [name](', { 'sip.conf': SIP + '\n[carol](<|>\n' }, { has: ['!', 'phone', 'alice'], not: ['general', 'carol'] }],
  ['second template after a comma', { 'sip.conf': SIP + '\n[carol](!,ph<|>\n' }, { has: ['phone'], not: ['!'], replaces: { phone: 'ph' } }],
  ['nothing inside a comment', sip('[trunk]', '; insecure=<|>'), { exactly: [] }],

  // extensions.conf
  ['dialplan keys at line start', ext('include => phones', '<|>'), { has: ['exten =>', 'same =>', 'include =>', 'switch =>', 'ignorepat =>'], insert: { 'exten =>': 'exten => ${1:100},${2:1},${3:NoOp()}' } }],
  ['applications with snippets', ext('include => phones', 'exten => 200,1,<|>'), { has: ['Dial', 'Goto', 'GotoIf', 'Gosub', 'Set', 'Playback', 'Queue', 'VoiceMail'], insert: { Dial: 'Dial(${1:SIP/peer},${2:30})', Answer: 'Answer()' } }],
  ['applications after same =>', ext('include => phones', ' same => n,Pl<|>'), { has: ['Playback', 'Playtones'], replaces: { Playback: 'Pl' } }],
  ['application name only when ( follows', ext('include => phones', 'exten => 200,1,Di<|>(SIP/alice)'), { insert: { Dial: 'Dial' } }],
  ['a pattern with a comma in [] keeps the fields apart', ext('include => phones', 'exten => _[1,2]XX,1,<|>'), { has: ['Dial'] }],
  ['include => offers other contexts', ext('include => phones', 'include => <|>'), { exactly: ['phones', 'from-trunk'] }],
  ['Goto( offers contexts', ext('include => phones', ' same => n,Goto(<|>'), { has: ['phones', 'internal', 'from-trunk'] }],
  ['Goto(ctx, offers its extensions', ext('include => phones', ' same => n,Goto(phones,<|>'), { exactly: ['100'] }],
  ['Goto(ctx,ext, offers labels', ext('include => phones', ' same => n,Goto(phones,100,<|>'), { has: ['1', 'ok'] }],
  ['Gosub( offers contexts', ext('include => phones', ' same => n,Gosub(<|>'), { has: ['phones'] }],
  ['GotoIf after ? offers contexts', ext('include => phones', ' same => n,GotoIf($[${X} = 1]?<|>'), { has: ['phones', 'internal'] }],
  ['GotoIf after : offers contexts', ext('include => phones', ' same => n,GotoIf($[${X} = 1]?phones,100,1:<|>'), { has: ['from-trunk'] }],
  ['Dial(SIP/ offers peers', ext('include => phones', ' same => n,Dial(SIP/<|>'), { exactly: ['alice', 'bob', 'trunk'] }],
  ['Dial(...&SIP/ offers peers', ext('include => phones', ' same => n,Dial(SIP/alice&SIP/b<|>'), { has: ['bob'], replaces: { bob: 'b' } }],
  ['Dial( offers technologies', ext('include => phones', ' same => n,Dial(<|>'), { has: ['SIP/', 'PJSIP/', 'Local/'] }],
  ['${ offers variables, functions and globals', ext('include => phones', ' same => n,NoOp(${<|>'), { has: ['EXTEN', 'CALLERID()', 'TRUNK', 'TARGET', 'DIALSTATUS', 'GLOBAL()'], insert: { EXTEN: 'EXTEN}', TRUNK: 'TRUNK}' } }],
  ['${ before an existing }', ext('include => phones', ' same => n,NoOp(${EX<|>})'), { has: ['EXTEN'], insert: { EXTEN: 'EXTEN' }, replaces: { EXTEN: 'EX' } }],
  ['${CALLERID( offers its items', ext('include => phones', ' same => n,NoOp(${CALLERID(<|>'), { has: ['num', 'name', 'all'] }],
  ['$ alone adds the brace', ext('include => phones', ' same => n,NoOp($<|>'), { has: ['EXTEN'], insert: { EXTEN: '{EXTEN}' } }],
  ['Set( offers writable functions and known names', ext('include => phones', ' same => n,Set(<|>'), { has: ['CALLERID()', 'GLOBAL()', 'TARGET'], not: ['LEN()'] }],
  ['[general] of extensions.conf', ext('static=yes', '<|>'), { has: ['autofallthrough', 'writeprotect', 'extenpatternmatchnew'] }],
  ['[general] values', ext('static=yes', 'autofallthrough=<|>'), { exactly: ['yes', 'no'] }],
  ['nothing in [globals] names', ext('TRUNK=trunk', '<|>'), { exactly: [] }],
  ['nothing in the priority field', ext('include => phones', 'exten => 200,<|>'), { exactly: [] }],
];

describe('completionsAt', () => {
  it.each(CASES)('%s', (_name, files, expected) => check(files, expected));

  it('works without an analysis (names only from the text)', () => {
    const text = '[dev]\ninsecure=<|>\n';
    const items = completionsAt(undefined, undefined, '/x/sip.conf', text.indexOf('<|>'), text.replace('<|>', ''));
    expect(items.map((i) => i.label)).toEqual(['port', 'invite', 'port,invite', 'no']);
  });

  it('is fast on a large dialplan', () => {
    const lines = ['[big]'];
    for (let i = 0; i < 20000; i++) lines.push(`exten => ${1000 + i},1,Dial(SIP/p${i},20)`);
    const text = lines.join('\n') + '\nexten => 9,1,<|>';
    const t0 = performance.now();
    const items = completionsAt(undefined, undefined, '/x/extensions.conf', text.indexOf('<|>'), text.replace('<|>', ''));
    expect(items.some((i) => i.label === 'Dial')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('snippetToText', () => {
  it.each([
    ['Dial(${1:SIP/peer},${2:30})', 'Dial(SIP/peer,30)'],
    ['Log(${1|NOTICE,WARNING|},${2:message})', 'Log(NOTICE,message)'],
    ['GotoIf(\\$[${1:condition}]?${2:a}:${3:b})', 'GotoIf($[condition]?a:b)'],
    ['Set(${1:NAME}=$0', 'Set(NAME='],
    ['Gosub(${1:sub},${2:s},${3:1}(${4:args}))', 'Gosub(sub,s,1(args))'],
  ])('%s', (snippet, text) => expect(snippetToText(snippet)).toBe(text));
});
