import { describe, expect, it } from 'vitest';
import {
  parseRegisterLine,
  separateArgs,
  type RegisterEntry,
  type RegisterParseResult,
} from '../../server/src/core/sip/register-line';

const FORMAT_ERROR = (line: number) =>
  `Format for registration is [peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry] at line ${line}`;

function ok(r: RegisterParseResult): RegisterEntry {
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.reg;
}

/** Text of each reported field, to check the offsets. */
function fieldTexts(value: string, r: RegisterParseResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(r.fields)) out[k] = value.slice(s!.start, s!.end);
  return out;
}

describe('sip_parse_register_line_test (channels/sip/config_parser.c)', () => {
  it('reg1: name@domain', () => {
    expect(ok(parseRegisterLine('name@domain', 1))).toEqual({
      transport: 'udp',
      user: 'name',
      host: 'domain',
      port: 5060,
      extension: 's',
      expiry: 120,
    });
  });
  it('reg2: name:pass@domain adds the secret', () => {
    expect(ok(parseRegisterLine('name:pass@domain', 1))).toEqual({
      transport: 'udp',
      user: 'name',
      secret: 'pass',
      host: 'domain',
      port: 5060,
      extension: 's',
      expiry: 120,
    });
  });
  it('reg3: name@namedomain:pass:authuser@domain', () => {
    expect(ok(parseRegisterLine('name@namedomain:pass:authuser@domain', 1))).toEqual({
      transport: 'udp',
      user: 'name',
      domain: 'namedomain',
      secret: 'pass',
      authuser: 'authuser',
      host: 'domain',
      port: 5060,
      extension: 's',
      expiry: 120,
    });
  });
  it('reg4: /extension sets the callback', () => {
    const r = ok(parseRegisterLine('name@namedomain:pass:authuser@domain/extension', 1));
    expect(r.extension).toBe('extension');
    expect(r.transport).toBe('udp');
    expect(r.port).toBe(5060);
  });
  it('reg5: tcp:// gives tcp on 5060', () => {
    const r = ok(parseRegisterLine('tcp://name@namedomain:pass:authuser@domain/extension', 1));
    expect(r).toMatchObject({ transport: 'tcp', port: 5060, extension: 'extension', user: 'name', expiry: 120 });
    expect(r.peer).toBeUndefined();
  });
  it('reg6: tls://...~111 gives tls on 5061 with expiry 111', () => {
    const r = ok(parseRegisterLine('tls://name@namedomain:pass:authuser@domain/extension~111', 1));
    expect(r).toMatchObject({
      transport: 'tls',
      port: 5061,
      expiry: 111,
      extension: 'extension',
      user: 'name',
      domain: 'namedomain',
      secret: 'pass',
      authuser: 'authuser',
      host: 'domain',
    });
  });
  it('reg7: peer?tcp://...:1234/extension~111', () => {
    expect(ok(parseRegisterLine('peer?tcp://name@namedomain:pass:authuser@domain:1234/extension~111', 1))).toEqual({
      peer: 'peer',
      transport: 'tcp',
      user: 'name',
      domain: 'namedomain',
      secret: 'pass',
      authuser: 'authuser',
      host: 'domain',
      port: 1234,
      extension: 'extension',
      expiry: 111,
    });
  });
  it('reg8: same without tcp:// gives udp', () => {
    const r = ok(parseRegisterLine('peer?name@namedomain:pass:authuser@domain:1234/extension~111', 1));
    expect(r).toMatchObject({ peer: 'peer', transport: 'udp', port: 1234, expiry: 111, extension: 'extension' });
  });
  it('reg9: no @ fails', () => {
    const r = parseRegisterLine('peer?name:pass:authuser:1234/extension~111', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(FORMAT_ERROR(1));
  });
  it('reg10: empty user side fails', () => {
    const r = parseRegisterLine('@domin:1234', 7);
    expect(r).toMatchObject({ ok: false, error: FORMAT_ERROR(7), start: 0, end: 11 });
  });
  it('reg13: name@namedomain:4321:pass:authuser@domain (domain port form)', () => {
    expect(ok(parseRegisterLine('name@namedomain:4321:pass:authuser@domain', 1))).toEqual({
      transport: 'udp',
      user: 'name',
      domain: 'namedomain',
      domainPort: 4321,
      secret: 'pass',
      authuser: 'authuser',
      host: 'domain',
      port: 5060,
      extension: 's',
      expiry: 120,
    });
  });
  it('reg14: name@namedomain:4321::@domain (domain port, empty secret and authuser)', () => {
    const r = parseRegisterLine('name@namedomain:4321::@domain', 1);
    expect(ok(r)).toEqual({
      transport: 'udp',
      user: 'name',
      domain: 'namedomain',
      domainPort: 4321,
      host: 'domain',
      port: 5060,
      extension: 's',
      expiry: 120,
    });
    expect(r.warnings).toEqual([]);
  });
});

describe('sip.conf.sample register examples', () => {
  it('3456@mydomain:5082::@mysipprovider.com', () => {
    expect(ok(parseRegisterLine('3456@mydomain:5082::@mysipprovider.com'))).toMatchObject({
      user: '3456',
      domain: 'mydomain',
      domainPort: 5082,
      host: 'mysipprovider.com',
      port: 5060,
    });
  });
  it('tls://username:xxxxxx@sip-tls-proxy.example.org', () => {
    expect(ok(parseRegisterLine('tls://username:xxxxxx@sip-tls-proxy.example.org'))).toMatchObject({
      transport: 'tls',
      user: 'username',
      secret: 'xxxxxx',
      port: 5061,
    });
  });
  it('2345:password@mysipprovider.com/1234', () => {
    expect(ok(parseRegisterLine('2345:password@mysipprovider.com/1234'))).toMatchObject({
      user: '2345',
      secret: 'password',
      host: 'mysipprovider.com',
      extension: '1234',
    });
  });
});

describe('messages and offsets', () => {
  it('bad registrar port: NOTICE, default port, underline the port', () => {
    const v = 'user:pw@host:abc';
    const r = parseRegisterLine(v, 12);
    expect(ok(r).port).toBe(5060);
    expect(r.warnings).toEqual([
      {
        level: 'NOTICE',
        text: "'abc' is not a valid port number on line 12 of sip.conf. using default.",
        start: 13,
        end: 16,
      },
    ]);
    expect(v.slice(r.warnings[0]!.start, r.warnings[0]!.end)).toBe('abc');
  });
  it('out-of-range and zero ports are invalid; tls default stays 5061', () => {
    expect(parseRegisterLine('u@h:65536', 1).warnings[0]!.text).toBe(
      "'65536' is not a valid port number on line 1 of sip.conf. using default.",
    );
    expect(parseRegisterLine('u@h:0', 1).warnings).toHaveLength(1);
    expect(parseRegisterLine('u@h:', 1).warnings[0]!.text).toBe(
      "'' is not a valid port number on line 1 of sip.conf. using default.",
    );
    const t = parseRegisterLine('tls://u@h:x', 1);
    expect(ok(t).port).toBe(5061);
    expect(parseRegisterLine('u@h:5070abc', 1).warnings).toEqual([]);
    expect(ok(parseRegisterLine('u@h:5070abc', 1)).port).toBe(5070);
  });
  it('bad domain port', () => {
    const v = 'u@dom:0::@host';
    const r = parseRegisterLine(v, 3);
    expect(r.warnings.map((w) => [w.level, w.text, v.slice(w.start, w.end)])).toEqual([
      ['NOTICE', "'0' is not a valid domain port number on line 3 of sip.conf. using default.", '0'],
    ]);
    expect(ok(r).domainPort).toBeUndefined();
  });
  it('unknown transport: only the first 3 letters count', () => {
    const v = 'xyz://u@h';
    const r = parseRegisterLine(v, 4);
    expect(ok(r).transport).toBe('udp');
    expect(r.warnings.map((w) => [w.text, v.slice(w.start, w.end)])).toEqual([
      ["'xyz' is not a valid transport type on line 4 of sip.conf. defaulting to udp.", 'xyz'],
    ]);
    expect(ok(parseRegisterLine('udpx://u@h')).transport).toBe('udp');
    expect(ok(parseRegisterLine('TCP://u@h')).transport).toBe('tcp');
    expect(parseRegisterLine('sctp://u@h', 4).warnings[0]!.text).toBe(
      "'sct' is not a valid transport type on line 4 of sip.conf. defaulting to udp.",
    );
  });
  it('a single slash between transport and user is a format error', () => {
    expect(parseRegisterLine('tcp:/x/u@h', 2)).toMatchObject({ ok: false, error: FORMAT_ERROR(2) });
  });
  it('missing host side or @', () => {
    expect(parseRegisterLine('user@', 1).ok).toBe(false);
    expect(parseRegisterLine('justahost', 1).ok).toBe(false);
    expect(parseRegisterLine('', 1).ok).toBe(false);
  });
  it('line defaults to 0 like registrations chan_sip builds itself', () => {
    const r = parseRegisterLine('nohost');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(FORMAT_ERROR(0));
  });
  it('reports the offsets of every field', () => {
    const v = 'peer?tcp://name@namedomain:4321:pass:authuser@domain:1234/extension~111';
    const r = parseRegisterLine(v, 1);
    expect(fieldTexts(v, r)).toEqual({
      peer: 'peer',
      transport: 'tcp',
      user: 'name',
      domain: 'namedomain',
      domainPort: '4321',
      secret: 'pass',
      authuser: 'authuser',
      host: 'domain',
      port: '1234',
      extension: 'extension',
      expiry: '111',
    });
  });
});

describe('quirks of the C helpers', () => {
  it('the LAST @ splits user and host sides', () => {
    expect(ok(parseRegisterLine('user@example.com@registrar.example.net'))).toMatchObject({
      user: 'user',
      domain: 'example.com',
      host: 'registrar.example.net',
    });
  });
  it('quotes protect separators and are stripped from fields', () => {
    const v = '"user":"p:w"@"host"';
    const r = parseRegisterLine(v);
    expect(ok(r)).toMatchObject({ user: 'user', secret: 'p:w', host: 'host' });
    expect(fieldTexts(v, r)).toMatchObject({ user: 'user', secret: 'p:w', host: 'host' });
  });
  it('blanks around fields are stripped', () => {
    expect(ok(parseRegisterLine('user : pw @ host'))).toMatchObject({ user: 'user', secret: 'pw', host: 'host' });
  });
  it('brackets protect an IPv6 registrar', () => {
    expect(ok(parseRegisterLine('user@[2001:db8::1]:5070/100'))).toMatchObject({
      host: '[2001:db8::1]',
      port: 5070,
      extension: '100',
    });
  });
  it('expiry is atoi(): garbage gives 0; an empty extension falls back to s', () => {
    expect(ok(parseRegisterLine('u@h~abc')).expiry).toBe(0);
    expect(ok(parseRegisterLine('u@h~')).expiry).toBe(0);
    expect(ok(parseRegisterLine('u@h~90s')).expiry).toBe(90);
    expect(ok(parseRegisterLine('u@h/')).extension).toBe('s');
    expect(ok(parseRegisterLine('u@h', 1, 3600)).expiry).toBe(3600);
  });
  it('an empty transport part leaves tcp: in the user', () => {
    expect(ok(parseRegisterLine('tcp://@host'))).toMatchObject({ user: 'tcp', transport: 'udp', host: 'host' });
  });
  it('an empty peer part is dropped', () => {
    expect(ok(parseRegisterLine('?user@host')).peer).toBeUndefined();
    expect(ok(parseRegisterLine('?user@host')).user).toBe('user');
  });
  it('extra colons stay in the authuser', () => {
    expect(ok(parseRegisterLine('user@domain:5060:pw:auth:extra@host'))).toMatchObject({
      domainPort: 5060,
      secret: 'pw',
      authuser: 'auth:extra',
    });
  });
  it('values longer than 255 characters are cut (char buf[256])', () => {
    const v = 'user@' + 'h'.repeat(300);
    expect(ok(parseRegisterLine(v)).host.length).toBe(250);
  });
  it('separateArgs follows __ast_app_separate_args', () => {
    const text = 'a,b(c,d),"e,f",g\\,h,';
    const r = separateArgs(text, { start: 0, end: text.length }, ',', 10);
    expect(r.argc).toBe(5);
    expect(r.args.slice(0, 5).map((s) => text.slice(s!.start, s!.end))).toEqual(['a', 'b(c,d)', '"e,f"', 'g\\,h', '']);
    expect(r.args[5]).toBeNull();
    const two = separateArgs('x:y:z', { start: 0, end: 5 }, ':', 2);
    expect(two.args.map((s) => (s ? 'x:y:z'.slice(s.start, s.end) : null))).toEqual(['x', 'y:z']);
    expect(separateArgs('', { start: 0, end: 0 }, ':', 2).argc).toBe(0);
    expect(separateArgs('x', null, ':', 2).argc).toBe(0);
  });
});
