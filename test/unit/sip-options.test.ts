import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFalse, isTrue } from '../../server/src/core/config/booleans';
import { loadConfig } from '../../server/src/core/config/loader';
import { memoryHost } from '../../server/src/core/host';
import { parseConfig } from '../../server/src/core/parse/parser';
import { buildSipConfig, deviceValue, deviceVar } from '../../server/src/core/sip/model';
import {
  aclListOk,
  CHECKED_SIP_OPTIONS,
  checkSipOption,
  configValue,
  parseCodecList,
  parseInsecure,
  parseNat,
  SIP_CODEC_NAMES,
  SIP_OPTION_VALUES,
  suggestInsecure,
  type SipMessage,
  type SipOptionContext,
} from '../../server/src/core/sip/options';

const ORACLE_DIR = path.resolve(__dirname, '../../../shared/asterisk');

/** Decode a Python repr() string literal ('...' or "..."). */
function pyString(lit: string): string {
  const q = lit[0];
  if ((q !== "'" && q !== '"') || lit[lit.length - 1] !== q) throw new Error(`not a Python string: ${lit}`);
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i]!;
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += n;
  }
  return out;
}

/** Data rows of an oracle TSV (comment lines start with '#', first other line is the header). */
function readTsv(name: string): { rows: string[][]; header: string[] } {
  const lines = readFileSync(path.join(ORACLE_DIR, name), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  const header = lines[0]!.split('\t');
  return { header, rows: lines.slice(1).map((l) => l.split('\t')) };
}

const LINE = 42;

function render(msgs: SipMessage[]): string[] {
  return msgs.map((m) => `${m.level}: ${m.text}`.trimEnd());
}

describe('booleans (ast_true / ast_false)', () => {
  it('accepts exactly the documented words, case-insensitively, without trimming', () => {
    for (const w of ['yes', 'true', 'y', 't', '1', 'on', 'YES', 'On', 'TrUe']) expect(isTrue(w)).toBe(true);
    for (const w of ['no', 'false', 'n', 'f', '0', 'off', 'NO', 'Off']) expect(isFalse(w)).toBe(true);
    for (const w of ['', ' yes', 'yes ', 'ja', '2', 'enabled', undefined, null]) expect(isTrue(w)).toBe(false);
    for (const w of ['', ' no', 'nope', '00', undefined, null]) expect(isFalse(w)).toBe(false);
    expect(isTrue('no')).toBe(false);
    expect(isFalse('yes')).toBe(false);
  });
});

describe('insecure-oracle.tsv (real Asterisk 20.20.1)', () => {
  const { header, rows } = readTsv('insecure-oracle.tsv');
  it('has the expected shape', () => {
    expect(header.slice(0, 3)).toEqual(['value', 'asterisk_warnings', 'effective_insecure']);
    expect(rows.length).toBe(20);
  });
  for (const row of rows) {
    const value = pyString(row[0]!);
    const warnings = Number(row[1]);
    const effective = row[2]!;
    it(`insecure=${row[0]} -> ${warnings} warning(s), ${effective}`, () => {
      const r = parseInsecure(value);
      expect(r.warnings).toBe(warnings);
      expect(r.unknownWords.length).toBe(warnings);
      expect(r.effective).toBe(effective);
      expect(r.port).toBe(effective.includes('port'));
      expect(r.invite).toBe(effective.includes('invite'));
      const msgs = checkSipOption('insecure', value, { line: LINE, peer: 'p', section: 'device' });
      expect(msgs.length).toBe(warnings);
      for (const m of msgs) {
        expect(m.level).toBe('WARNING');
        expect(m.text).toBe(`Unknown insecure mode '${configValue(value)}' on line ${LINE}`);
      }
    });
  }
});

describe('sip-options-oracle.tsv (real Asterisk 20.20.1)', () => {
  const { header, rows } = readTsv('sip-options-oracle.tsv');
  it('has the expected shape', () => {
    expect(header).toEqual(['option', 'value', 'asterisk_messages']);
    expect(rows.length).toBeGreaterThan(90);
  });
  rows.forEach((row, i) => {
    const option = row[0]!;
    const value = pyString(row[1]!);
    const expected =
      row[2] === '-'
        ? []
        : row[2]!
            .split(' | ')
            .map((m) => m.replace(/^(WARNING|NOTICE|ERROR): [^:]+: /, '$1: ').replace(/line N\b/g, `line ${LINE}`))
            .map((m) => m.trimEnd());
    /* The oracle named its devices p0, p1, ... in row order. */
    const ctx: SipOptionContext = { line: LINE, peer: `p${i}`, section: 'device' };
    it(`${option}=${row[1]}`, () => {
      expect(render(checkSipOption(option, value, ctx))).toEqual(expected);
    });
  });
});

describe('sip_parse_nat_test (channels/sip/config_parser.c) and SPEC §4', () => {
  const FR = 1;
  const CO = 2;
  const AFR = 4;
  const ACO = 8;
  const cases: [string, number][] = [
    ['yes', FR | CO],
    ['no', 0],
    ['force_rport', FR],
    ['comedia', CO],
    ['auto_force_rport', AFR],
    ['auto_comedia', ACO],
    ['force_rport,auto_force_rport', AFR],
    ['auto_force_rport,force_rport', AFR],
    ['comedia,auto_comedia', ACO],
    ['auto_comedia,comedia', ACO],
    ['force_rport,comedia', FR | CO],
    ['force_rport,auto_comedia', FR | ACO],
    ['force_rport,yes,no', FR | CO],
    ['auto_comedia,no,yes', 0],
  ];
  for (const [value, flags] of cases) {
    it(`nat=${value}`, () => {
      const r = parseNat(value);
      expect({ fr: r.forceRport, co: r.comedia, afr: r.autoForceRport, aco: r.autoComedia }).toEqual({
        fr: !!(flags & FR),
        co: !!(flags & CO),
        afr: !!(flags & AFR),
        aco: !!(flags & ACO),
      });
    });
  }
  it('reports the deprecation only when yes is reached', () => {
    expect(parseNat('yes').deprecatedYes).toBe(true);
    expect(parseNat('force_rport,yes,no').deprecatedYes).toBe(true);
    expect(parseNat('auto_comedia,no,yes').deprecatedYes).toBe(false);
    expect(parseNat('YES').deprecatedYes).toBe(true);
  });
  it('ignores unknown and untrimmed words silently', () => {
    const r = parseNat('force_rport, comedia');
    expect(r.effective).toBe('force_rport');
    expect(r.unknownWords).toEqual([' comedia']);
    expect(parseNat('never').effective).toBe('no');
    expect(parseNat('route').unknownWords).toEqual(['route']);
    expect(parseNat('').effective).toBe('no');
    expect(parseNat('Force_Rport').effective).toBe('force_rport');
    expect(parseNat('yes').effective).toBe('force_rport,comedia');
  });
});

describe('suggestInsecure', () => {
  const cases: [string, string | undefined][] = [
    ['very', 'port,invite'],
    ['yes', 'port'],
    ['true', 'port'],
    ['1', 'port'],
    ['port, invite', 'port,invite'],
    ['invite , port', 'port,invite'],
    ['port,invite,', 'port,invite'],
    ['PORT', 'port'],
    ['Invite', 'invite'],
    ['invite,port', 'port,invite'],
    ['port,bogus', 'port'],
    ['invte', 'invite'],
    ['prot', 'port'],
    ['no', 'no'],
    ['off', 'no'],
    ['bogus', undefined],
    ['', undefined],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} -> ${JSON.stringify(expected)}`, () => {
      expect(suggestInsecure(value)).toBe(expected);
    });
  }
  it('suggestions are accepted by chan_sip without warnings', () => {
    for (const [value] of cases) {
      const s = suggestInsecure(value);
      if (s !== undefined) expect(parseInsecure(s).warnings).toBe(0);
    }
  });
});

describe('configValue', () => {
  it('removes comments and blanks like the config loader', () => {
    expect(configValue(' port ')).toBe('port');
    expect(configValue('port;x')).toBe('port');
    expect(configValue('port ; comment')).toBe('port');
    expect(configValue('a\\;b')).toBe('a;b');
    expect(configValue('')).toBe('');
  });
  it('an escaped semicolon is part of the value (and is cleaned only once)', () => {
    expect(render(checkSipOption('insecure', 'port\\;x', { line: 1, peer: 'p', section: 'device' }))).toEqual([
      "WARNING: Unknown insecure mode 'port;x' on line 1",
    ]);
  });
});

describe('codecs (ast_format_cap_update_by_allow_disallow)', () => {
  it('knows the Asterisk 20 format names', () => {
    for (const n of ['ulaw', 'alaw', 'gsm', 'g729', 'g722', 'opus', 'h264', 'vp8', 'slin16', 'speex32', 'silk24', 't38']) {
      expect(SIP_CODEC_NAMES).toContain(n);
    }
    expect(SIP_CODEC_NAMES).not.toContain('silk');
    expect(SIP_CODEC_NAMES).not.toContain('g711');
  });
  it('accepts lists, all, negation, packetization and any case', () => {
    expect(parseCodecList('ulaw,alaw', true).error).toBe(false);
    expect(parseCodecList('ulaw|alaw', true).error).toBe(false);
    expect(parseCodecList(' ulaw , ALAW ', true).error).toBe(false);
    expect(parseCodecList('all', false).error).toBe(false);
    expect(parseCodecList('!gsm', true).error).toBe(false);
    expect(parseCodecList('ulaw:20', true).error).toBe(false);
    expect(parseCodecList('ulaw:', true).error).toBe(false);
    expect(parseCodecList('(ulaw|alaw)', true).error).toBe(false);
    expect(parseCodecList('', false).error).toBe(false);
  });
  it('flags unknown names, empty items and bad packetization', () => {
    expect(parseCodecList('g711', true).unknown).toEqual(['g711']);
    expect(parseCodecList('ulaw,', true).unknown).toEqual(['']);
    expect(parseCodecList('', true).unknown).toEqual(['']);
    expect(parseCodecList('ulaw:abc', true).badPacketization).toEqual(['ulaw:abc']);
    expect(parseCodecList('ulaw:-5', true).error).toBe(true);
  });
  it('logs one line per option with the key as written', () => {
    const ctx: SipOptionContext = { line: 7, peer: 'x', section: 'device' };
    expect(render(checkSipOption('Allow', 'ulaw,bogus,foo', ctx))).toEqual([
      'WARNING: Codec configuration errors found in line 7 : Allow = ulaw,bogus,foo',
    ]);
    expect(render(checkSipOption('allow', 'ulaw', { ...ctx, section: 'general' }))).toEqual([]);
    expect(render(checkSipOption('disallow', 'bogus', { ...ctx, section: 'general' }))).toEqual([
      'WARNING: Codec configuration errors found in line 7 : disallow = bogus',
    ]);
  });
});

describe('checkSipOption: more device options', () => {
  const ctx: SipOptionContext = { line: 10, peer: 'alice', section: 'device' };
  const check = (o: string, v: string, c: Partial<SipOptionContext> = {}) => render(checkSipOption(o, v, { ...ctx, ...c }));

  it('ignores options chan_sip does not know', () => {
    expect(check('frobnicate', 'whatever')).toEqual([]);
    expect(check('context', '')).toEqual([]);
  });
  it('directmedia words, including outgoing and 63-character truncation', () => {
    expect(check('directmedia', 'outgoing')).toEqual([]);
    expect(check('directmedia', 'update,nonat,outgoing')).toEqual([]);
    expect(check('directmedia', 'nonat,bogus,x')).toEqual([
      "WARNING: Unknown directmedia mode 'nonat,bogus,x' on line 10",
      "WARNING: Unknown directmedia mode 'nonat,bogus,x' on line 10",
    ]);
    expect(check('directmedia', 'update, nonat')).toEqual(["WARNING: Unknown directmedia mode 'update, nonat' on line 10"]);
  });
  it('faxdetect reports each bad word', () => {
    expect(check('faxdetect', 'yes')).toEqual([]);
    expect(check('faxdetect', 'cng,t38')).toEqual([]);
    expect(check('faxdetect', 'cng,fax')).toEqual(["WARNING: Unknown faxdetect mode 'fax' on line 10."]);
  });
  it('trust_id_outbound', () => {
    expect(check('trust_id_outbound', 'legacy')).toEqual([]);
    expect(check('trust_id_outbound', 'yes')).toEqual([]);
    expect(check('trust_id_outbound', 'maybe')).toEqual([
      "WARNING: Unknown trust_id_outbound mode 'maybe' on line 10, using legacy",
    ]);
  });
  it('keepalive, rtpholdtimeout, rtpkeepalive, timers', () => {
    expect(check('keepalive', 'sometimes')).toEqual([
      "WARNING: Keep alive of peer 'alice' should be 'yes', 'no', or a number of milliseconds at line 10 of sip.conf",
    ]);
    expect(check('keepalive', '30')).toEqual([]);
    expect(check('rtpholdtimeout', 'x')).toEqual(["WARNING: 'x' is not a valid RTP hold time at line 10.  Using default."]);
    expect(check('rtpkeepalive', '-1')).toEqual([
      "WARNING: '-1' is not a valid RTP keepalive time at line 10.  Using default.",
    ]);
    expect(check('timert1', '100')).toEqual(["WARNING: '100' is not a valid T1 time at line 10.  Using default."]);
    expect(check('timerb', 'abc')).toEqual(["WARNING: 'abc' is not a valid Timer B time at line 10.  Using default."]);
    expect(check('session-minse', '60')).toEqual([
      "WARNING: session-minse '60' at line 10 of sip.conf is not allowed to be < 90 secs",
    ]);
    expect(check('session-refresher', 'uac')).toEqual([]);
    expect(check('session-refresher', 'me')).toEqual(["WARNING: Invalid session-refresher 'me' at line 10 of sip.conf"]);
    expect(check('session-expires', 'long')).toEqual(["WARNING: Invalid session-expires 'long' at line 10 of sip.conf"]);
  });
  it('transport with tcp/tls enabled, ws prefixes and leading blanks', () => {
    expect(check('transport', 'udp,tcp', { tcpEnabled: true })).toEqual([]);
    expect(check('transport', 'tls', { tlsEnabled: true })).toEqual([]);
    expect(check('transport', 'udp, TCP')).toEqual([
      "WARNING: 'TCP' is not a valid transport type when TCPenable=no. If no other is specified, the defaults from general will be used.",
    ]);
    expect(check('transport', 'udp,sctp ')).toEqual([
      "NOTICE: 'sctp' is not a valid transport type. if no other is specified, the defaults from general will be used.",
    ]);
    expect(check('transport', 'udpx,wss,wsfoo')).toEqual([]);
    expect(check('transport', 'udp,,ws')).toEqual([
      "NOTICE: '' is not a valid transport type. if no other is specified, the defaults from general will be used.",
    ]);
  });
  it('permit/deny/contact*/directmedia* ACLs drop the peer when malformed', () => {
    expect(check('permit', '10.0.0.0/255.0.0.0')).toEqual([]);
    expect(check('permit', '10.0.0.0/8, 192.168.1.0/24')).toEqual([]);
    expect(check('deny', '0.0.0.0/0.0.0.0')).toEqual([]);
    expect(check('permit', '!10.1.2.3')).toEqual([]);
    expect(check('permit', '2001:db8::/32')).toEqual([]);
    expect(check('permit', '[::1]')).toEqual([]);
    expect(check('deny', '')).toEqual([]);
    const bad = checkSipOption('permit', '10.0.0.0/33', ctx);
    expect(render(bad)).toEqual(['ERROR: Bad ACL entry in configuration line 10 : 10.0.0.0/33. Deleting peer']);
    expect(bad[0]!.dropsPeer).toBe(true);
    expect(check('deny', 'myhost.example.com')).toEqual([
      'ERROR: Bad ACL entry in configuration line 10 : myhost.example.com. Deleting peer',
    ]);
    expect(check('permit', '10.0.0.1:5060')).toHaveLength(1);
    expect(check('permit', '10.0.0.0/255.255.0.0.0')).toHaveLength(1);
    expect(check('permit', '10.0.0.0/ffff::')).toHaveLength(1);
    expect(check('permit', '10.0.0.0/8,')).toHaveLength(1);
    expect(check('contactdeny', '300.1.1.1')).toEqual([
      'ERROR: Bad ACL entry in configuration line 10 : 300.1.1.1. Deleting peer',
    ]);
    expect(check('directmediapermit', '')).toEqual([
      'ERROR: Bad directmedia ACL entry in configuration line 10 : . Deleting peer',
    ]);
    expect(aclListOk('192.168.0.0/16,10.0.0.0/8')).toBe(true);
  });
  it('outboundproxy (proxy_from_config / sip_parse_host)', () => {
    expect(check('outboundproxy', 'proxy.example.com')).toEqual([]);
    expect(check('outboundproxy', 'tcp://proxy.example.com:5070,force')).toEqual([]);
    expect(check('outboundproxy', '')).toEqual(['WARNING: no value given for outbound proxy on line 10 of sip.conf']);
    expect(check('outboundproxy', 'sctp://proxy')).toEqual([
      "NOTICE: 'sct' is not a valid transport type on line 10 of sip.conf. defaulting to udp.",
    ]);
    expect(check('outboundproxy', 'proxy:abc')).toEqual([
      "NOTICE: 'abc' is not a valid port number on line 10 of sip.conf. using default.",
    ]);
    expect(check('outboundproxy', ',force')).toEqual([
      'WARNING: failure parsing the outbound proxy on line 10 of sip.conf.',
    ]);
  });
  it('fromdomain port, username deprecation, auth format', () => {
    expect(check('fromdomain', 'example.com:5080')).toEqual([]);
    expect(check('fromdomain', 'example.com:x')).toEqual(["NOTICE: 'x' is not a valid port number for fromdomain."]);
    const dep = checkSipOption('username', 'bob', ctx);
    expect(render(dep)).toEqual([
      "NOTICE: The 'username' field for sip peers has been deprecated in favor of the term 'defaultuser'",
    ]);
    expect(dep[0]!.oncePerLoad).toBe(true);
    expect(check('defaultuser', 'bob')).toEqual([]);
    expect(check('auth', 'user:pw@realm')).toEqual([]);
    expect(check('auth', 'user:pw')).toEqual([
      'WARNING: Format for authentication entry is user[:secret]@realm at line 10',
    ]);
  });
  it('type drops the section', () => {
    const m = checkSipOption('type', 'phone', ctx);
    expect(render(m)).toEqual(["WARNING: Unknown type 'phone' for 'alice' in sip.conf"]);
    expect(m[0]!.dropsPeer).toBe(true);
  });
  it('t38pt_udptl maxdatagram', () => {
    expect(check('t38pt_udptl', 'yes,redundancy,maxdatagram=400')).toEqual([]);
    expect(check('t38pt_udptl', 'yes,maxdatagram=big')).toEqual([
      "WARNING: Invalid maxdatagram 'yes,maxdatagram=big' at line 10 of sip.conf",
    ]);
  });
});

describe('checkSipOption: [general] variants', () => {
  const ctx: SipOptionContext = { line: 3, peer: 'general', section: 'general' };
  const check = (o: string, v: string, c: Partial<SipOptionContext> = {}) => render(checkSipOption(o, v, { ...ctx, ...c }));

  it('qualify / keepalive use the default-wording', () => {
    expect(check('qualify', 'abc')).toEqual([
      "WARNING: Qualification default should be 'yes', 'no', or a number of milliseconds at line 3 of sip.conf",
    ]);
    expect(check('keepalive', 'abc')).toEqual([
      "WARNING: Keep alive default should be 'yes', 'no', or a number of milliseconds at line 3 of sip.conf",
    ]);
    expect(check('qualify', 'yes')).toEqual([]);
  });
  it('common options behave as for devices', () => {
    expect(check('nat', 'yes')).toEqual(['WARNING: nat=yes is deprecated, use nat=force_rport,comedia instead']);
    expect(check('dtmfmode', 'rfc4733')).toEqual(["WARNING: Unknown dtmf mode 'rfc4733' on line 3, using rfc2833"]);
    expect(check('insecure', 'very')).toEqual(["WARNING: Unknown insecure mode 'very' on line 3"]);
    expect(check('maxforwards', '0')).toEqual(["WARNING: '0' is not a valid maxforwards value at line 3.  Using default."]);
    expect(check('qualifyfreq', 'x')).toEqual(["WARNING: Invalid qualifyfreq number 'x' at line 3 of sip.conf"]);
    expect(check('session-timers', 'bogus')).toEqual(["WARNING: Invalid session-timers 'bogus' at line 3 of sip.conf"]);
  });
  it('device-only keys are not checked in [general]', () => {
    expect(check('port', 'abc')).toEqual([]);
    expect(check('type', 'bogus')).toEqual([]);
    expect(check('permit', 'garbage')).toEqual([]);
  });
  it('transport: general wording and the tcpenable/tlsenable fallbacks', () => {
    expect(check('transport', 'udp')).toEqual([]);
    expect(check('transport', 'udp,bogus')).toEqual([
      "NOTICE: 'bogus' is not a valid transport type. if no other is specified, udp will be used.",
    ]);
    expect(check('transport', 'tcp,udp')).toEqual([
      "WARNING: Cannot use 'tcp' transport with tcpenable=no. Removing from available transports.",
      "WARNING: No valid default transport. Selecting 'udp' as default.",
    ]);
    expect(check('transport', 'tcp,udp', { tcpEnabled: true })).toEqual([]);
    expect(check('transport', 'tls')).toEqual([
      "WARNING: Cannot use 'tls' transport with tlsenable=no. Removing from available transports.",
      "WARNING: No valid transports available, falling back to 'udp'.",
    ]);
  });
  it('register lines', () => {
    expect(check('register', 'user:pw@sip.example.com/100')).toEqual([]);
    expect(check('register', 'sip.example.com')).toEqual([
      'WARNING: Format for registration is [peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry] at line 3',
    ]);
    expect(check('register', 'user@host:99999')).toEqual([
      "NOTICE: '99999' is not a valid port number on line 3 of sip.conf. using default.",
    ]);
  });
  it('addresses and other [general] keys', () => {
    expect(check('bindaddr', '0.0.0.0')).toEqual([]);
    expect(check('bindaddr', '192.168.1.2:5062')).toEqual([]);
    expect(check('bindaddr', '[::]:5060')).toEqual([]);
    expect(check('bindaddr', 'eth0')).toEqual(['WARNING: Invalid address: eth0']);
    expect(check('externip', 'pbx.example.com')).toEqual([
      'WARNING: Invalid address for externaddr keyword: pbx.example.com',
    ]);
    expect(check('externaddr', '203.0.113.5')).toEqual([]);
    expect(check('localnet', '192.168.0.0/255.255.0.0')).toEqual([]);
    expect(check('localnet', '192.168.0.0/99')).toEqual([
      'ERROR: Bad localnet configuration value line 3 : 192.168.0.0/99',
    ]);
    expect(check('contactdeny', '')).toEqual([
      'ERROR: Bad ACL entry in configuration line 3 : . Failing to load chan_sip.so',
    ]);
    expect(check('bindport', 'x')).toEqual(["WARNING: Invalid port number 'x' at line 3 of sip.conf"]);
    expect(check('externtcpport', '0')).toEqual([
      'WARNING: Invalid externtcpport value, must be a positive integer between 1 and 65535 at line 3',
    ]);
    expect(check('TcpAuthTimeout', '30s')).toEqual(["WARNING: Invalid TcpAuthTimeout '30s' at line 3 of sip.conf"]);
    expect(check('tcpauthlimit', '0x10')).toEqual([]);
    expect(check('sdpowner', 'my pbx')).toEqual(["WARNING: 'my pbx' must not contain spaces at line 3.  Using default."]);
    expect(check('timerb', '100')).toEqual(["WARNING: Invalid value for timerb ('100').  Setting to default ('32000')."]);
    expect(check('tlsverifyclient', 'yes')).toEqual(["WARNING: Ignoring unsupported option 'tlsverifyclient'"]);
    expect(check('storesipcause', 'yes')).toEqual([
      'WARNING: Usage of SIP_CAUSE is deprecated.  Please use HANGUPCAUSE instead.',
    ]);
    expect(check('shrinkcallerid', 'maybe')).toEqual(['WARNING: shrinkcallerid value maybe is not valid at line 3.']);
    expect(check('domain', ',ctx')).toEqual(['WARNING: Empty domain specified at line 3']);
    expect(check('domain', 'example.com,ctx')).toEqual([]);
    expect(check('allowguest', 'perhaps')).toEqual([]);
  });
});

describe('SIP_OPTION_VALUES', () => {
  it('describes the options the checks know', () => {
    for (const k of ['insecure', 'nat', 'dtmfmode', 'qualify', 'directmedia', 'transport', 'type', 'allow', 'register']) {
      const i = SIP_OPTION_VALUES[k];
      expect(i, k).toBeDefined();
      expect(i!.name).toBe(k);
      expect(i!.meaning.length).toBeGreaterThan(5);
    }
    expect(SIP_OPTION_VALUES.dtmfmode!.values).toEqual(['rfc2833', 'inband', 'info', 'shortinfo', 'auto']);
    expect(SIP_OPTION_VALUES.canreinvite!.aliasOf).toBe('directmedia');
  });
});

describe('device options as ast_variable_retrieve reads them (the last one wins)', () => {
  // Templates, overrides, repeated sections, upper-case names and options the checks look up by name or not.
  const conf = [
    '[general]',
    'context=default',
    '[base](!)',
    'type=friend',
    'host=dynamic',
    'context=from-internal',
    'secret=fromtemplate',
    'nat=force_rport',
    '[a](base)',
    'Secret=own',
    'callerid="A" <100>',
    '[b](base)',
    'host=10.0.0.2',
    'insecure=port',
    'insecure=port,invite',
    '[c]',
    'type=peer',
    'fromuser=acct',
    'defaultuser=acct2',
    'username=acct3',
    'md5secret=abc',
    'remotesecret=r',
    'password=p',
    '[a]',
    'context=later',
    'NAT=no',
    '[e]',
    'type=user',
    'host=dynamic',
    '[e]',
    'TYPE=peer',
    '[f]',
    'type=peer',
    'type=bogus',
    // Built on a template built on a template; a += on what the template gave; a repeated section on another one.
    '[base2](!,base)',
    'qualify=yes',
    'type=peer',
    '[g](base2)',
    'secret+=x',
    '[h](base)',
    'context=own-ctx',
    '[h](base2)',
    '[i](base)',
  ].join('\n');
  const sip = buildSipConfig(loadConfig('/etc/asterisk/sip.conf', { configDir: '/etc/asterisk', host: memoryHost({ '/etc/asterisk/sip.conf': conf }), parse: (_f, t) => parseConfig(t) }));
  const keys = ['type', 'secret', 'md5secret', 'remotesecret', 'password', 'context', 'host', 'insecure', 'fromuser', 'defaultuser', 'username', 'nat', 'callerid', 'qualify', 'Secret', 'NAT'];
  it.each([...sip.devices.keys()])('device %s: every option is its last variable of that name', (name) => {
    const dev = sip.devices.get(name)!;
    for (const k of keys) {
      const last = [...dev.vars].reverse().find((v) => v.name.toLowerCase() === k.toLowerCase());
      expect(deviceVar(dev, k), `${name} ${k}`).toBe(last);
    }
  });
  it("a device's variables are its sections' in order; a repeated section leaves the first one's list as it was", () => {
    const e = sip.devices.get('e')!;
    const [s1, s2] = e.sections;
    expect(e.vars.map((v) => `${v.name}=${v.value}`)).toEqual(['type=user', 'host=dynamic', 'TYPE=peer']);
    expect(s1!.vars.map((v) => v.name)).toEqual(['type', 'host']);
    expect(s2!.vars.map((v) => v.name)).toEqual(['TYPE']);
    const c = sip.devices.get('c')!;
    expect(c.vars).toEqual(c.sections[0]!.vars);
  });
  it('type bits accumulate over repeated sections; the last type= decides whether the device exists', () => {
    const e = sip.devices.get('e')!;
    expect([e.type, e.peer, e.user]).toEqual(['peer', true, true]);
    expect(sip.devices.has('f')).toBe(false);
    const c = sip.devices.get('c')!;
    expect([c.type, c.peer, c.user]).toEqual(['peer', true, false]);
  });

  it('reads what templates give, a += on it and a repeated section on another template', () => {
    const g = sip.devices.get('g')!;
    expect([deviceValue(g, 'secret'), deviceValue(g, 'qualify'), deviceValue(g, 'context'), g.type, g.peer, g.user]).toEqual(['fromtemplatex', 'yes', 'from-internal', 'peer', true, true]);
    const h = sip.devices.get('h')!;
    expect([deviceValue(h, 'context'), deviceValue(h, 'qualify'), h.sections.length]).toEqual(['from-internal', 'yes', 2]);
    const i = sip.devices.get('i')!;
    expect([deviceValue(i, 'secret'), deviceValue(i, 'qualify'), i.type]).toEqual(['fromtemplate', undefined, 'friend']);
  });
  it('reads the values a user expects', () => {
    const a = sip.devices.get('a')!;
    expect([deviceValue(a, 'secret'), deviceValue(a, 'context'), deviceValue(a, 'nat'), deviceValue(a, 'callerid'), deviceValue(a, 'qualify')]).toEqual(['own', 'later', 'no', '"A" <100>', undefined]);
    const b = sip.devices.get('b')!;
    expect([deviceValue(b, 'host'), deviceValue(b, 'insecure'), deviceValue(b, 'secret')]).toEqual(['10.0.0.2', 'port,invite', 'fromtemplate']);
    const c = sip.devices.get('c')!;
    expect([deviceValue(c, 'md5secret'), deviceValue(c, 'context'), deviceValue(c, 'username')]).toEqual(['abc', undefined, 'acct3']);
  });
});

describe('the options the checks can say something about', () => {
  // CHECKED_SIP_OPTIONS lets every other option skip the checks: it must hold every name a check compares.
  const source = readFileSync(path.resolve(__dirname, '../../server/src/core/sip/options.ts'), 'utf8');
  const body = (fn: string): string => {
    const at = source.indexOf(`\nfunction ${fn}(`);
    expect(at, fn).toBeGreaterThan(0);
    return source.slice(at, source.indexOf('\n}\n', at));
  };
  it('is every case of the checks', () => {
    const names = new Set<string>();
    for (const fn of ['commonOptionMessages', 'sessionTimerMessages', 'rtpTimeMessages', 'deviceMessages', 'generalMessages']) {
      for (const m of body(fn).matchAll(/case '([^']+)':|name === '([^']+)'/g)) names.add(m[1] ?? m[2]!);
    }
    expect([...CHECKED_SIP_OPTIONS].sort()).toEqual([...names].sort());
  });
  it.each(['secret', 'callerid', 'mailbox', 'accountcode', 'context', 'host', 'callgroup', 'language', 'nosuchoption'])('%s: no message for any value', (name) => {
    for (const value of ['', ' ', 'yes', 'no', 'bogus', '-1', '99999999999', ';', 'a;b', '\\;', 'udp,tcp', '1.2.3.4:99999']) {
      expect(checkSipOption(name, value, { line: 1, peer: 'p', section: 'device', tcpEnabled: false, tlsEnabled: false })).toEqual([]);
      expect(checkSipOption(name, value, { line: 1, peer: 'general', section: 'general', tcpEnabled: false, tlsEnabled: false })).toEqual([]);
    }
  });
});
