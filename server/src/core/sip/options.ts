/**
 * chan_sip (Asterisk 20) option values: what real chan_sip logs at load for a
 * `sip.conf` option, plus the parsers behind the trickier options.
 *
 * Ports (branch 20, channels/chan_sip.c unless noted):
 * - `set_insecure_flags()`                         → {@link parseInsecure}
 * - `sip_parse_nat_option()` (sip/config_parser.c)  → {@link parseNat}
 * - `handle_common_options()`, `handle_t38_options()`, the option chain of
 *   `build_peer()` and the `[general]` loop of `reload_config()` → {@link checkSipOption}
 * - `sip_parse_host()` (sip/config_parser.c) / `proxy_from_config()` for `outboundproxy`
 * - `ast_format_cap_update_by_allow_disallow()` (main/format_cap.c) for `allow`/`disallow`
 * - `ast_append_acl()` / `ast_append_ha()` (main/acl.c) for `permit`/`deny`
 *
 * Only messages logged by chan_sip itself (chan_sip.c and sip/config_parser.c)
 * are reported, as in the oracle files; helpers such as format_cap.c or acl.c
 * log an extra line of their own that is not repeated here.
 *
 * Values are taken as written after `=` in the file: {@link configValue}
 * removes a `;` comment and the surrounding blanks the way the config loader
 * does, so both raw and already-cleaned values may be passed.
 */

import { isFalse, isTrue } from '../config/booleans';
import { parseRegisterLine, portStr2int, scanInt } from './register-line';
import { editDistance } from '../text/similar';

/** Log level of an Asterisk message. */
export type SipLogLevel = 'WARNING' | 'ERROR' | 'NOTICE';

export interface SipMessage {
  level: SipLogLevel;
  /** Exact text after the `LEVEL[pid]: file:line func:` prefix, without the newline. */
  text: string;
  /** chan_sip discards the whole device (section) because of this. */
  dropsPeer?: boolean;
  /** chan_sip logs it only for the first occurrence in a load. */
  oncePerLoad?: boolean;
}

export interface SipOptionContext {
  /** Line number of the option (used inside the messages). */
  line: number;
  /** Section name of the device (used inside some messages). */
  peer: string;
  /** `[general]` or a device section (peer/user/friend). */
  section: 'general' | 'device';
  /** `[general] tcpenable` (default no). */
  tcpEnabled?: boolean;
  /** `[general] tlsenable` (default no). */
  tlsEnabled?: boolean;
  /** `[general] timert1` in ms (default 500); only used for `[general] timerb`. */
  timerT1?: number;
}

/* ------------------------------------------------------------------------ */
/* helpers                                                                    */
/* ------------------------------------------------------------------------ */

const isCSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** ASCII-only lower case, as `strcasecmp` compares (the string itself when it has no A-Z). */
function lc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
  }
  return s;
}

/** `!strcasecmp(a, b)` */
function ieq(a: string, b: string): boolean {
  return lc(a) === lc(b);
}

/** `!strncasecmp(a, b, n)` */
function ieqn(a: string, b: string, n: number): boolean {
  return lc(a.slice(0, n)) === lc(b.slice(0, n));
}

/** `ast_strip()`: trim C white space on both ends. */
function cStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isCSpace(s[a])) a++;
  while (b > a && isCSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/** `ast_skip_blanks()`: drop leading blanks. */
function skipBlanks(s: string): string {
  let a = 0;
  while (a < s.length && isCSpace(s[a])) a++;
  return s.slice(a);
}

/** `sscanf(s, "%30d", &x) == 1` (also right for `%30u` / `%5d` success tests). */
function scans(s: string, width = 30): number | null {
  const r = scanInt(s, 0, width);
  return r ? r.value : null;
}

/** `sscanf` returned EOF: nothing but blanks before the first conversion. */
function scanfEof(s: string): boolean {
  return cStrip(s) === '';
}

/** Repeated `strsep(&p, ",")` (no trimming). */
function strsepComma(s: string): string[] {
  return s.split(',');
}

/**
 * The value as chan_sip sees it: the config loader cuts the line at the first
 * `;` that is not escaped as `\;` (turning `\;` into `;`) and trims blanks.
 */
export function configValue(raw: string): string {
  if (raw.indexOf(';') === -1) return cStrip(raw); // nothing to unescape or cut: most values
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && raw[i + 1] === ';') {
      out += ';';
      i++;
      continue;
    }
    if (c === ';') break;
    out += c;
  }
  return cStrip(out);
}

/* ------------------------------------------------------------------------ */
/* insecure                                                                   */
/* ------------------------------------------------------------------------ */

export type InsecureEffective = 'port' | 'invite' | 'port,invite' | 'no';

export interface InsecureResult {
  port: boolean;
  invite: boolean;
  /** Words that were neither `port` nor `invite` (as split, untrimmed). */
  unknownWords: string[];
  /** Number of `Unknown insecure mode` WARNINGs chan_sip logs (one per unknown word). */
  warnings: number;
  /** What `sip show peer` reports as Insecure. */
  effective: InsecureEffective;
}

/**
 * Port of `set_insecure_flags()`: empty or `ast_false` → nothing; otherwise the
 * value (cut to 63 characters, `char buf[64]`) is split on `,` with no trimming
 * and each word must be `port` or `invite` (case-insensitive). Since 1.6.0
 * `very` and `yes` are ordinary unknown words.
 */
export function parseInsecure(value: string): InsecureResult {
  return insecureOf(configValue(value));
}

/** {@link parseInsecure} on a value already cleaned by {@link configValue}. */
function insecureOf(v: string): InsecureResult {
  const res: InsecureResult = { port: false, invite: false, unknownWords: [], warnings: 0, effective: 'no' };
  if (v !== '' && !isFalse(v)) {
    for (const word of strsepComma(v.slice(0, 63))) {
      if (ieq(word, 'port')) res.port = true;
      else if (ieq(word, 'invite')) res.invite = true;
      else {
        res.unknownWords.push(word);
        res.warnings++;
      }
    }
  }
  res.effective = res.port && res.invite ? 'port,invite' : res.port ? 'port' : res.invite ? 'invite' : 'no';
  return res;
}

/** Optimal-string-alignment distance (edits and adjacent swaps), small strings only. */

/**
 * The value the user most likely meant, for a quick fix: `very` → `port,invite`
 * (its 1.4 meaning), an `ast_true` word → `port` (also 1.4), blanks and
 * trailing commas dropped, case normalised, `port` before `invite`, small typos
 * fixed (`invte`), an `ast_false` value → `no`. Words that resemble nothing are
 * dropped when a known word remains; `undefined` when nothing sensible is left.
 * The result may equal the input (nothing to fix).
 */
export function suggestInsecure(value: string): string | undefined {
  const v = lc(configValue(value));
  if (v === '') return undefined;
  if (isFalse(v)) return 'no';
  let port = false;
  let invite = false;
  for (const raw of v.split(/[,;|\s]+/)) {
    const w = raw.trim();
    if (w === '') continue;
    if (w === 'very') {
      port = true;
      invite = true;
    } else if (w === 'port' || isTrue(w)) {
      port = true;
    } else if (w === 'invite') {
      invite = true;
    } else if (editDistance(w, 'port') <= 1) {
      port = true;
    } else if (editDistance(w, 'invite') <= 2) {
      invite = true;
    }
    /* anything else (including a stray "no") is dropped */
  }
  if (port && invite) return 'port,invite';
  if (port) return 'port';
  if (invite) return 'invite';
  return undefined;
}

/* ------------------------------------------------------------------------ */
/* nat                                                                        */
/* ------------------------------------------------------------------------ */

export interface NatResult {
  /** SIP_NAT_FORCE_RPORT */
  forceRport: boolean;
  /** SIP_PAGE2_SYMMETRICRTP */
  comedia: boolean;
  /** SIP_PAGE3_NAT_AUTO_RPORT */
  autoForceRport: boolean;
  /** SIP_PAGE3_NAT_AUTO_COMEDIA */
  autoComedia: boolean;
  /** `yes` was reached: chan_sip logs the deprecation WARNING. */
  deprecatedYes: boolean;
  /** Words chan_sip silently ignored (not reached after `yes`/`no` are not listed). */
  unknownWords: string[];
  /** Canonical text of the result, e.g. `force_rport,comedia` or `no`. */
  effective: string;
}

/** The deprecation text of `nat=yes` (logged by sip/config_parser.c). */
export const NAT_YES_DEPRECATED = 'nat=yes is deprecated, use nat=force_rport,comedia instead';

/**
 * Port of `sip_parse_nat_option()` for a device (all four flags start cleared
 * and the value replaces the `[general]` setting entirely). Words are split on
 * `,` without trimming; an `ast_false` word clears everything and stops, `yes`
 * sets force_rport+comedia (clearing the auto_* flags) and stops, `auto_*`
 * beats its plain form in either order, unknown words are ignored.
 */
export function parseNat(value: string): NatResult {
  return natOf(configValue(value));
}

/** {@link parseNat} on a value already cleaned by {@link configValue}. */
function natOf(v: string): NatResult {
  const r: NatResult = {
    forceRport: false,
    comedia: false,
    autoForceRport: false,
    autoComedia: false,
    deprecatedYes: false,
    unknownWords: [],
    effective: 'no',
  };
  for (const word of strsepComma(v)) {
    if (isFalse(word)) {
      r.forceRport = r.comedia = r.autoForceRport = r.autoComedia = false;
      break;
    } else if (ieq(word, 'yes')) {
      r.deprecatedYes = true;
      r.forceRport = true;
      r.comedia = true;
      r.autoForceRport = false;
      r.autoComedia = false;
      break;
    } else if (ieq(word, 'force_rport') && !r.autoForceRport) {
      r.forceRport = true;
    } else if (ieq(word, 'comedia') && !r.autoComedia) {
      r.comedia = true;
    } else if (ieq(word, 'auto_force_rport')) {
      r.autoForceRport = true;
      r.forceRport = false;
    } else if (ieq(word, 'auto_comedia')) {
      r.autoComedia = true;
      r.comedia = false;
    } else if (!ieq(word, 'force_rport') && !ieq(word, 'comedia')) {
      r.unknownWords.push(word);
    }
  }
  const parts: string[] = [];
  if (r.forceRport) parts.push('force_rport');
  if (r.comedia) parts.push('comedia');
  if (r.autoForceRport) parts.push('auto_force_rport');
  if (r.autoComedia) parts.push('auto_comedia');
  r.effective = parts.length ? parts.join(',') : 'no';
  return r;
}

/* ------------------------------------------------------------------------ */
/* codecs                                                                     */
/* ------------------------------------------------------------------------ */

/**
 * Format names in Asterisk 20's format cache (main/codec_builtin.c
 * `ast_codec_builtin_init`), the names `allow`/`disallow` accept
 * (case-insensitively). `all` is handled separately.
 */
export const SIP_CODEC_NAMES: readonly string[] = [
  'codec2',
  'g723',
  'ulaw',
  'alaw',
  'gsm',
  'g726',
  'g726aal2',
  'adpcm',
  'slin',
  'slin12',
  'slin16',
  'slin24',
  'slin32',
  'slin44',
  'slin48',
  'slin96',
  'slin192',
  'lpc10',
  'g729',
  'speex',
  'speex16',
  'speex32',
  'ilbc',
  'g722',
  'siren7',
  'siren14',
  'testlaw',
  'g719',
  'opus',
  'jpeg',
  'png',
  'h261',
  'h263',
  'h263p',
  'h264',
  'h265',
  'mpeg4',
  'vp8',
  'vp9',
  'red',
  't140',
  't38',
  'none',
  'silk8',
  'silk12',
  'silk16',
  'silk24',
];

const CODEC_SET: ReadonlySet<string> = new Set(SIP_CODEC_NAMES);

export interface CodecListResult {
  /** `ast_format_cap_update_by_allow_disallow` returned an error. */
  error: boolean;
  /** Names it did not know (after `!` and `:ms` were removed). */
  unknown: string[];
  /** Items with a bad `:packetization` value. */
  badPacketization: string[];
}

/**
 * Port of `ast_format_cap_update_by_allow_disallow()` (main/format_cap.c) as far
 * as errors go: an empty `disallow` is fine; otherwise one enclosing `(...)` is
 * dropped, the list is split on `,` and `|`, each item trimmed, a leading `!`
 * inverts it, `name:ms` sets packetization (a non-number or negative ms is an
 * error), and each name must be `all` or a known format. An empty item (`allow=`,
 * `allow=ulaw,`) is an unknown format.
 */
export function parseCodecList(value: string, allowing: boolean): CodecListResult {
  const res: CodecListResult = { error: false, unknown: [], badPacketization: [] };
  if (!allowing && value === '') return res;
  let parse = value;
  if (parse.length >= 1 && parse[0] === '(' && parse[parse.length - 1] === ')') {
    parse = parse.slice(1, -1);
  }
  for (const item of parse.split(/[,|]/)) {
    let thisName = cStrip(item);
    if (thisName.startsWith('!')) thisName = thisName.slice(1);
    const colon = thisName.lastIndexOf(':');
    if (colon >= 0) {
      const psize = thisName.slice(colon + 1);
      thisName = thisName.slice(0, colon);
      const r = scanInt(psize, 0, 30);
      /* `!sscanf(...)` is false for EOF (empty size): that is accepted */
      if ((!r && !scanfEof(psize)) || (r && r.value < 0)) {
        res.error = true;
        res.badPacketization.push(item);
        continue;
      }
    }
    if (ieq(thisName, 'all')) continue;
    if (!CODEC_SET.has(lc(thisName))) {
      res.error = true;
      res.unknown.push(thisName);
    }
  }
  return res;
}

/* ------------------------------------------------------------------------ */
/* addresses / ACLs                                                           */
/* ------------------------------------------------------------------------ */

/** glibc `inet_aton` forms accepted by getaddrinfo(AI_NUMERICHOST): a, a.b, a.b.c, a.b.c.d. */
function isNumericIPv4(s: string): boolean {
  if (s === '') return false;
  const parts = s.split('.');
  if (parts.length > 4) return false;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(p)) v = parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = parseInt(p, 10);
    else return false;
    vals.push(v);
  }
  for (let i = 0; i < vals.length - 1; i++) if (vals[i]! > 255) return false;
  const lastMax = 2 ** (8 * (5 - vals.length)) - 1;
  return vals[vals.length - 1]! <= lastMax;
}

function isDottedQuad(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

function isNumericIPv6(s0: string): boolean {
  let s = s0;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (pct === s.length - 1) return false;
    s = s.slice(0, pct);
  }
  if (!s.includes(':')) return false;
  let groups = 0;
  let tail = s;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    if (!isDottedQuad(last)) return false;
    groups += 2;
    tail = s.slice(0, lastColon + 1);
    if (tail.endsWith('::')) {
      /* fine */
    } else if (tail.endsWith(':')) {
      tail = tail.slice(0, -1);
    }
  }
  const dbl = tail.indexOf('::');
  if (dbl >= 0 && tail.indexOf('::', dbl + 1) >= 0) return false;
  const pieces = (dbl >= 0 ? [tail.slice(0, dbl), tail.slice(dbl + 2)] : [tail]).filter((p) => p !== '');
  for (const piece of pieces) {
    for (const g of piece.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return false;
      groups++;
    }
  }
  return dbl >= 0 ? groups <= 7 : groups === 8;
}

type AddrKind = 'v4' | 'v6' | null;

/** Kind of a numeric host, IPv4-mapped IPv6 counting as IPv4 (ast_sockaddr_ipv4_mapped). */
function numericHostKind(host: string): AddrKind {
  if (isNumericIPv4(host)) return 'v4';
  if (isNumericIPv6(host)) {
    return /^(::|(0{1,4}:){5})ffff:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/i.test(host) ? 'v4' : 'v6';
  }
  return null;
}

/**
 * `ast_sockaddr_split_hostport(str, &host, &port, 0)` (main/netsock2.c): never
 * fails; `[h]:p`, `h:p` with exactly one colon, or the whole string as host.
 */
function splitHostPort(str: string): { host: string; port: string | null } {
  if (str.startsWith('[')) {
    const close = str.indexOf(']');
    if (close < 0) return { host: str.slice(1), port: null };
    const rest = str.slice(close + 1);
    return { host: str.slice(1, close), port: rest.startsWith(':') ? rest.slice(1) : null };
  }
  const first = str.indexOf(':');
  if (first >= 0 && str.indexOf(':', first + 1) < 0) {
    return { host: str.slice(0, first), port: str.slice(first + 1) };
  }
  return { host: str, port: null };
}

/** `ast_sockaddr_parse(addr, str, flags)` success for numeric addresses. */
function sockaddrParse(str: string, port: 'forbid' | 'optional'): AddrKind {
  const { host, port: p } = splitHostPort(str);
  if (p !== null) {
    if (port === 'forbid') return null;
    if (!/^[0-9]+$/.test(p) || Number(p) > 65535) return null;
  }
  return numericHostKind(host);
}

/** `parse_cidr_mask()`: `%30d` prefix length 0-32 (IPv4) or 0-128 (IPv6). */
function cidrOk(mask: string, v4: boolean): boolean {
  const n = scans(mask);
  if (n === null) return false;
  return n >= 0 && n <= (v4 ? 32 : 128);
}

/** One item of `ast_append_ha()`: `[!]address[/mask]`. */
function haItemOk(item: string): boolean {
  const slash = item.indexOf('/');
  let address = slash >= 0 ? item.slice(0, slash) : item;
  const mask = slash >= 0 ? item.slice(slash + 1) : null;
  if (address.startsWith('!')) address = address.slice(1);
  /* lenient about trailing blanks before '/', which getaddrinfo may or may not accept */
  const kind = sockaddrParse(cStrip(address), 'forbid');
  if (!kind) return false;
  if (mask === null) return true;
  if (mask.includes(':') || mask.includes('.')) {
    const mk = sockaddrParse(cStrip(mask), 'forbid');
    return mk !== null && mk === kind;
  }
  return cidrOk(mask, kind === 'v4');
}

/**
 * `ast_append_acl()` for permit/deny (not named ACLs): split on `,`, leading
 * blanks skipped, every item must parse, else `ha_error`.
 */
export function aclListOk(value: string): boolean {
  for (const raw of value.split(',')) {
    if (!haItemOk(skipBlanks(raw))) return false;
  }
  return true;
}

/* ------------------------------------------------------------------------ */
/* outboundproxy (sip_parse_host / proxy_from_config)                         */
/* ------------------------------------------------------------------------ */

function outboundProxyMessages(value: string, line: number): SipMessage[] {
  const out: SipMessage[] = [];
  if (value === '') {
    out.push({ level: 'WARNING', text: `no value given for outbound proxy on line ${line} of sip.conf` });
    return out;
  }
  let mutable = skipBlanks(value);
  const comma = mutable.indexOf(',');
  if (comma >= 0) mutable = mutable.slice(0, comma);
  /* sip_parse_host() */
  let name: string | null = null;
  if (mutable !== '') {
    let hostname: string;
    const sep = mutable.indexOf('://');
    if (sep >= 0) {
      hostname = mutable.slice(sep + 3);
      if (!ieqn(mutable, 'tcp', 3) && !ieqn(mutable, 'tls', 3) && !ieqn(mutable, 'udp', 3)) {
        out.push({
          level: 'NOTICE',
          text: `'${mutable.slice(0, 3)}' is not a valid transport type on line ${line} of sip.conf. defaulting to udp.`,
        });
      }
    } else {
      hostname = mutable;
    }
    const at = hostname.lastIndexOf('@');
    const hp = splitHostPort(at >= 0 ? hostname.slice(at + 1) : hostname);
    name = hp.host;
    if (hp.port !== null && scans(hp.port, 5) === null && !scanfEof(hp.port)) {
      out.push({
        level: 'NOTICE',
        text: `'${hp.port}' is not a valid port number on line ${line} of sip.conf. using default.`,
      });
    }
  }
  if (name === null || name === '') {
    out.push({ level: 'WARNING', text: `failure parsing the outbound proxy on line ${line} of sip.conf.` });
  }
  return out;
}

/* ------------------------------------------------------------------------ */
/* checkSipOption                                                             */
/* ------------------------------------------------------------------------ */

const DTMF_MODES = ['inband', 'rfc2833', 'info', 'shortinfo', 'auto'];
const STMODES = ['accept', 'originate', 'refuse'];
const STREFRESHERS = ['uac', 'uas'];
/** chan_sip's DEFAULT_MIN_SE */
const DEFAULT_MIN_SE = 90;
/** AST_DEFAULT_WEBSOCKET_WRITE_TIMEOUT (ms) */
const DEFAULT_WEBSOCKET_WRITE_TIMEOUT = 100;
/** chan_sip's DEFAULT_TIMER_T1 (ms) */
const DEFAULT_TIMER_T1 = 500;
/** chan_sip's DEFAULT_T1MIN (ms) */
const DEFAULT_T1MIN = 100;

/** `strtol(arg, &end, 0)` consuming the whole (non-empty) string, as `ast_parse_arg(PARSE_INT32)`. */
function parseInt32Strict(s: string): number | null {
  const m = /^[ \t\n\r\v\f]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const body = m[2]!;
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body, 8);
  else v = parseInt(body, 10);
  if (m[1] === '-') v = -v;
  if (v < -2147483648 || v > 2147483647) return null;
  return v;
}

/** Messages of `handle_common_options()` and `handle_t38_options()`; `null` = not one of theirs. */
function commonOptionMessages(name: string, value: string, line: number): SipMessage[] | null {
  const out: SipMessage[] = [];
  switch (name) {
    case 'trustrpid':
    case 'supportpath':
    case 'sendrpid':
    case 'rpid_update':
    case 'rpid_immediate':
    case 'g726nonstandard':
    case 'useclientcode':
    case 'progressinband':
    case 'promiscredir':
    case 'videosupport':
    case 'textsupport':
    case 'allowoverlap':
    case 'allowsubscribe':
    case 'ignoresdpversion':
    case 'rfc2833compensate':
    case 'buggymwi':
    case 'rtcp_mux':
    case 't38pt_usertpsource':
      return out;
    case 'trust_id_outbound':
      if (!ieq(value, 'legacy') && !isTrue(value) && !isFalse(value)) {
        out.push({
          level: 'WARNING',
          text: `Unknown trust_id_outbound mode '${value}' on line ${line}, using legacy`,
        });
      }
      return out;
    case 'dtmfmode':
      if (!DTMF_MODES.some((m) => ieq(value, m))) {
        out.push({ level: 'WARNING', text: `Unknown dtmf mode '${value}' on line ${line}, using rfc2833` });
      }
      return out;
    case 'nat':
      if (natOf(value).deprecatedYes) out.push({ level: 'WARNING', text: NAT_YES_DEPRECATED });
      return out;
    case 'directmedia':
    case 'canreinvite':
      if (!isTrue(value) && !isFalse(value)) {
        for (const word of strsepComma(value.slice(0, 63))) {
          if (!ieq(word, 'update') && !ieq(word, 'nonat') && !ieq(word, 'outgoing')) {
            out.push({ level: 'WARNING', text: `Unknown directmedia mode '${value}' on line ${line}` });
          }
        }
      }
      return out;
    case 'insecure': {
      const n = insecureOf(value).warnings;
      for (let i = 0; i < n; i++) {
        out.push({ level: 'WARNING', text: `Unknown insecure mode '${value}' on line ${line}` });
      }
      return out;
    }
    case 'faxdetect':
      if (!isTrue(value) && !isFalse(value)) {
        for (const word of strsepComma(value)) {
          if (!ieq(word, 'cng') && !ieq(word, 't38')) {
            out.push({ level: 'WARNING', text: `Unknown faxdetect mode '${word}' on line ${line}.` });
          }
        }
      }
      return out;
    case 't38pt_udptl':
      for (const word of strsepComma(value)) {
        if (ieqn(word, 'maxdatagram=', 12) && word.length >= 12 && scans(word.slice(12)) === null) {
          out.push({ level: 'WARNING', text: `Invalid maxdatagram '${value}' at line ${line} of sip.conf` });
        }
      }
      return out;
    default:
      return null;
  }
}

function codecMessages(option: string, value: string, line: number): SipMessage[] {
  const allowing = lc(option) === 'allow';
  if (!parseCodecList(value, allowing).error) return [];
  return [{ level: 'WARNING', text: `Codec configuration errors found in line ${line} : ${option} = ${value}` }];
}

function fromdomainMessages(value: string): SipMessage[] {
  const colon = value.indexOf(':');
  if (colon < 0) return [];
  const p = value.slice(colon + 1);
  if (portStr2int(p)) return [];
  return [{ level: 'NOTICE', text: `'${p}' is not a valid port number for fromdomain.` }];
}

function sessionTimerMessages(name: string, value: string, line: number): SipMessage[] | null {
  switch (name) {
    case 'session-timers':
      return STMODES.some((m) => ieq(value, m))
        ? []
        : [{ level: 'WARNING', text: `Invalid session-timers '${value}' at line ${line} of sip.conf` }];
    case 'session-expires':
      return scans(value) === null
        ? [{ level: 'WARNING', text: `Invalid session-expires '${value}' at line ${line} of sip.conf` }]
        : [];
    case 'session-minse': {
      const n = scans(value);
      if (n === null) {
        return [{ level: 'WARNING', text: `Invalid session-minse '${value}' at line ${line} of sip.conf` }];
      }
      if (n < DEFAULT_MIN_SE) {
        return [
          {
            level: 'WARNING',
            text: `session-minse '${value}' at line ${line} of sip.conf is not allowed to be < ${DEFAULT_MIN_SE} secs`,
          },
        ];
      }
      return [];
    }
    case 'session-refresher':
      return STREFRESHERS.some((m) => ieq(value, m))
        ? []
        : [{ level: 'WARNING', text: `Invalid session-refresher '${value}' at line ${line} of sip.conf` }];
    default:
      return null;
  }
}

function rtpTimeMessages(name: string, value: string, line: number): SipMessage[] | null {
  if (name === 'rtptimeout' || name === 'rtpholdtimeout') {
    const n = scans(value);
    return n === null || n < 0
      ? [{ level: 'WARNING', text: `'${value}' is not a valid RTP hold time at line ${line}.  Using default.` }]
      : [];
  }
  if (name === 'rtpkeepalive') {
    const n = scans(value);
    return n === null || n < 0
      ? [{ level: 'WARNING', text: `'${value}' is not a valid RTP keepalive time at line ${line}.  Using default.` }]
      : [];
  }
  if (name === 'maxforwards') {
    const n = scans(value);
    return n === null || n < 1 || n > 255
      ? [{ level: 'WARNING', text: `'${value}' is not a valid maxforwards value at line ${line}.  Using default.` }]
      : [];
  }
  if (name === 'qualifyfreq') {
    return scans(value) === null
      ? [{ level: 'WARNING', text: `Invalid qualifyfreq number '${value}' at line ${line} of sip.conf` }]
      : [];
  }
  return null;
}

/** `yes` / `no` / `%30d` options (qualify, keepalive). */
function yesNoMs(value: string): boolean {
  return ieq(value, 'no') || ieq(value, 'yes') || scans(value) !== null;
}

function deviceMessages(option: string, name: string, value: string, ctx: SipOptionContext): SipMessage[] {
  const line = ctx.line;
  const out: SipMessage[] = [];
  switch (name) {
    case 'transport':
      for (const raw of strsepComma(value)) {
        const trans = skipBlanks(raw);
        if (ieqn(trans, 'udp', 3) || ieqn(trans, 'wss', 3) || ieqn(trans, 'ws', 2)) continue;
        if (ieqn(trans, 'tcp', 3) && ctx.tcpEnabled) continue;
        if (ieqn(trans, 'tls', 3) && ctx.tlsEnabled) continue;
        if (ieqn(trans, 'tcp', 3) || ieqn(trans, 'tls', 3)) {
          const t3 = trans.slice(0, 3);
          out.push({
            level: 'WARNING',
            text: `'${t3}' is not a valid transport type when ${t3}enable=no. If no other is specified, the defaults from general will be used.`,
          });
        } else {
          out.push({
            level: 'NOTICE',
            text: `'${trans}' is not a valid transport type. if no other is specified, the defaults from general will be used.`,
          });
        }
      }
      return out;
    case 'type':
      if (!ieq(value, 'peer') && !ieq(value, 'user') && !ieq(value, 'friend')) {
        out.push({ level: 'WARNING', text: `Unknown type '${value}' for '${ctx.peer}' in sip.conf`, dropsPeer: true });
      }
      return out;
    case 'auth': {
      if (value === '') return out;
      const at = value.lastIndexOf('@');
      const user = at >= 0 ? value.slice(0, at) : value;
      const realm = at >= 0 ? value.slice(at + 1) : '';
      if (user === '' || realm === '') {
        out.push({
          level: 'WARNING',
          text: `Format for authentication entry is user[:secret]@realm at line ${line}`,
        });
      }
      return out;
    }
    case 'fromdomain':
      return fromdomainMessages(value);
    case 'outboundproxy':
      return outboundProxyMessages(value, line);
    case 'permit':
    case 'deny':
    case 'contactpermit':
    case 'contactdeny':
      if (value !== '' && !aclListOk(value)) {
        out.push({
          level: 'ERROR',
          text: `Bad ACL entry in configuration line ${line} : ${value}. Deleting peer`,
          dropsPeer: true,
        });
      }
      return out;
    case 'directmediapermit':
    case 'directmediadeny':
      if (!aclListOk(value)) {
        out.push({
          level: 'ERROR',
          text: `Bad directmedia ACL entry in configuration line ${line} : ${value}. Deleting peer`,
          dropsPeer: true,
        });
      }
      return out;
    case 'port':
      if (!portStr2int(value)) {
        out.push({ level: 'WARNING', text: `Invalid peer port configuration at line ${line} : ${value}` });
      }
      return out;
    case 'username':
      out.push({
        level: 'NOTICE',
        text: `The 'username' field for sip peers has been deprecated in favor of the term 'defaultuser'`,
        oncePerLoad: true,
      });
      return out;
    case 'allow':
    case 'disallow':
      return codecMessages(option, value, line);
    case 'timert1': {
      const n = scans(value);
      if (n === null || n < 200 || n < DEFAULT_T1MIN) {
        out.push({ level: 'WARNING', text: `'${value}' is not a valid T1 time at line ${line}.  Using default.` });
      }
      return out;
    }
    case 'timerb': {
      const n = scans(value);
      if (n === null || n < 200) {
        out.push({ level: 'WARNING', text: `'${value}' is not a valid Timer B time at line ${line}.  Using default.` });
      }
      return out;
    }
    case 'qualify':
      if (!yesNoMs(value)) {
        out.push({
          level: 'WARNING',
          text: `Qualification of peer '${ctx.peer}' should be 'yes', 'no', or a number of milliseconds at line ${line} of sip.conf`,
        });
      }
      return out;
    case 'keepalive':
      if (!yesNoMs(value)) {
        out.push({
          level: 'WARNING',
          text: `Keep alive of peer '${ctx.peer}' should be 'yes', 'no', or a number of milliseconds at line ${line} of sip.conf`,
        });
      }
      return out;
    default: {
      const st = sessionTimerMessages(name, value, line) ?? rtpTimeMessages(name, value, line);
      return st ?? out;
    }
  }
}

function addrMessage(value: string, text: string): SipMessage[] {
  return sockaddrParse(value, 'optional') ? [] : [{ level: 'WARNING', text }];
}

function generalMessages(option: string, name: string, value: string, ctx: SipOptionContext): SipMessage[] {
  const line = ctx.line;
  const out: SipMessage[] = [];
  switch (name) {
    case 'tlsverifyclient':
      out.push({ level: 'WARNING', text: `Ignoring unsupported option 'tlsverifyclient'` });
      return out;
    case 'sdpowner':
      if (value.includes(' ')) {
        out.push({ level: 'WARNING', text: `'${value}' must not contain spaces at line ${line}.  Using default.` });
      }
      return out;
    case 'timerb':
      if (cAtoiLocal(value) < 500) {
        const t1 = ctx.timerT1 ?? DEFAULT_TIMER_T1;
        out.push({
          level: 'WARNING',
          text: `Invalid value for timerb ('${value}').  Setting to default ('${t1 * 64}').`,
        });
      }
      return out;
    case 'transport': {
      let transports = 0;
      let primary = 0;
      const UDP = 1;
      const TCP = 2;
      const TLS = 4;
      const WS = 8;
      const WSS = 16;
      for (const raw of strsepComma(value)) {
        const trans = skipBlanks(raw);
        if (ieqn(trans, 'udp', 3)) transports |= UDP;
        else if (ieqn(trans, 'tcp', 3)) transports |= TCP;
        else if (ieqn(trans, 'tls', 3)) transports |= TLS;
        else if (ieqn(trans, 'wss', 3)) transports |= WSS;
        else if (ieqn(trans, 'ws', 2)) transports |= WS;
        else {
          out.push({
            level: 'NOTICE',
            text: `'${trans}' is not a valid transport type. if no other is specified, udp will be used.`,
          });
        }
        if (primary === 0) primary = transports;
      }
      if (!ctx.tcpEnabled && transports & TCP) {
        out.push({
          level: 'WARNING',
          text: `Cannot use 'tcp' transport with tcpenable=no. Removing from available transports.`,
        });
        primary &= ~TCP;
        transports &= ~TCP;
      }
      if (!ctx.tlsEnabled && transports & TLS) {
        out.push({
          level: 'WARNING',
          text: `Cannot use 'tls' transport with tlsenable=no. Removing from available transports.`,
        });
        primary &= ~TLS;
        transports &= ~TLS;
      }
      if (!transports) {
        out.push({ level: 'WARNING', text: `No valid transports available, falling back to 'udp'.` });
      } else if (!primary) {
        out.push({ level: 'WARNING', text: `No valid default transport. Selecting 'udp' as default.` });
      }
      return out;
    }
    case 'contactpermit':
    case 'contactdeny':
      if (!aclListOk(value)) {
        out.push({
          level: 'ERROR',
          text: `Bad ACL entry in configuration line ${line} : ${value}. Failing to load chan_sip.so`,
        });
      }
      return out;
    case 'tonezone':
      return out; /* depends on indications.conf */
    case 'fromdomain':
      return fromdomainMessages(value);
    case 'outboundproxy':
      return outboundProxyMessages(value, line);
    case 'tcpauthtimeout':
    case 'tcpauthlimit': {
      const n = parseInt32Strict(value);
      if (value === '' || n === null || n < 1) {
        out.push({ level: 'WARNING', text: `Invalid ${option} '${value}' at line ${line} of sip.conf` });
      }
      return out;
    }
    case 'bindaddr':
    case 'udpbindaddr':
      return addrMessage(value, `Invalid address: ${value}`);
    case 'localnet':
      if (!aclListOk(value)) {
        out.push({ level: 'ERROR', text: `Bad localnet configuration value line ${line} : ${value}` });
      }
      return out;
    case 'media_address':
      return addrMessage(value, `Invalid address for media_address keyword: ${value}`);
    case 'rtpbindaddr':
      return addrMessage(value, `Invalid address for rtpbindaddr keyword: ${value}`);
    case 'externaddr':
    case 'externip':
      return addrMessage(value, `Invalid address for externaddr keyword: ${value}`);
    case 'externrefresh':
      if (scans(value) === null) {
        out.push({
          level: 'WARNING',
          text: `Invalid externrefresh value '${value}', must be an integer >0 at line ${line}`,
        });
      }
      return out;
    case 'externtcpport':
    case 'externtlsport':
      if (!portStr2int(value)) {
        out.push({
          level: 'WARNING',
          text: `Invalid ${name} value, must be a positive integer between 1 and 65535 at line ${line}`,
        });
      }
      return out;
    case 'allow':
    case 'disallow':
      return codecMessages(option, value, line);
    case 'domain': {
      const comma = value.indexOf(',');
      const domain = comma >= 0 ? value.slice(0, comma) : value;
      if (domain === '') out.push({ level: 'WARNING', text: `Empty domain specified at line ${line}` });
      else if (cStrip(domain) === '') out.push({ level: 'WARNING', text: `Zero length domain.` });
      return out;
    }
    case 'register': {
      const r = parseRegisterLine(value, line);
      for (const w of r.warnings) out.push({ level: w.level, text: w.text });
      if (!r.ok) out.push({ level: 'WARNING', text: r.error });
      return out;
    }
    case 'bindport':
      if (scans(value, 5) === null) {
        out.push({ level: 'WARNING', text: `Invalid port number '${value}' at line ${line} of sip.conf` });
      }
      return out;
    case 'qualify':
      if (!yesNoMs(value)) {
        out.push({
          level: 'WARNING',
          text: `Qualification default should be 'yes', 'no', or a number of milliseconds at line ${line} of sip.conf`,
        });
      }
      return out;
    case 'keepalive':
      if (!yesNoMs(value)) {
        out.push({
          level: 'WARNING',
          text: `Keep alive default should be 'yes', 'no', or a number of milliseconds at line ${line} of sip.conf`,
        });
      }
      return out;
    case 'storesipcause':
      if (isTrue(value)) {
        out.push({ level: 'WARNING', text: `Usage of SIP_CAUSE is deprecated.  Please use HANGUPCAUSE instead.` });
      }
      return out;
    case 'qualifygap': {
      const n = scans(value);
      if (n === null || n < 0) {
        out.push({ level: 'WARNING', text: `Invalid qualifygap '${value}' at line ${line} of sip.conf` });
      }
      return out;
    }
    case 'qualifypeers':
      if (scans(value) === null) {
        out.push({ level: 'WARNING', text: `Invalid pokepeers '${value}' at line ${line} of sip.conf` });
      }
      return out;
    case 'shrinkcallerid':
      if (!isTrue(value) && !isFalse(value)) {
        out.push({ level: 'WARNING', text: `shrinkcallerid value ${value} is not valid at line ${line}.` });
      }
      return out;
    case 'subscribe_network_change_event':
      if (!isTrue(value) && !isFalse(value)) {
        out.push({
          level: 'WARNING',
          text: `subscribe_network_change_event value ${value} is not valid at line ${line}.`,
        });
      }
      return out;
    case 'websocket_write_timeout': {
      const n = scans(value);
      if (n === null || n < 0) {
        out.push({
          level: 'WARNING',
          text: `'${value}' is not a valid websocket_write_timeout value at line ${line}. Using default '${DEFAULT_WEBSOCKET_WRITE_TIMEOUT}'.`,
        });
      }
      return out;
    }
    default: {
      const st = sessionTimerMessages(name, value, line) ?? rtpTimeMessages(name, value, line);
      return st ?? out;
    }
  }
}

function cAtoiLocal(s: string): number {
  const r = scanInt(s, 0, Number.MAX_SAFE_INTEGER);
  return r ? r.value : 0;
}

/**
 * The option names the checks below can say something about (every `case` of commonOptionMessages,
 * deviceMessages, generalMessages, sessionTimerMessages and the names rtpTimeMessages compares): any other option
 * gets no message whatever its value, so a device's other lines (secret, callerid, mailbox…) skip the checks.
 * test/unit/sip-options.test.ts keeps this list equal to those cases.
 */
export const CHECKED_SIP_OPTIONS: ReadonlySet<string> = new Set([
  'allow', 'allowoverlap', 'allowsubscribe', 'auth', 'bindaddr', 'bindport', 'buggymwi', 'canreinvite',
  'contactdeny', 'contactpermit', 'deny', 'directmedia', 'directmediadeny', 'directmediapermit', 'disallow',
  'domain', 'dtmfmode', 'externaddr', 'externip', 'externrefresh', 'externtcpport', 'externtlsport', 'faxdetect',
  'fromdomain', 'g726nonstandard', 'ignoresdpversion', 'insecure', 'keepalive', 'localnet', 'maxforwards',
  'media_address', 'nat', 'outboundproxy', 'permit', 'port', 'progressinband', 'promiscredir', 'qualify',
  'qualifyfreq', 'qualifygap', 'qualifypeers', 'register', 'rfc2833compensate', 'rpid_immediate', 'rpid_update',
  'rtcp_mux', 'rtpbindaddr', 'rtpholdtimeout', 'rtpkeepalive', 'rtptimeout', 'sdpowner', 'sendrpid',
  'session-expires', 'session-minse', 'session-refresher', 'session-timers', 'shrinkcallerid', 'storesipcause',
  'subscribe_network_change_event', 'supportpath', 't38pt_udptl', 't38pt_usertpsource', 'tcpauthlimit',
  'tcpauthtimeout', 'textsupport', 'timerb', 'timert1', 'tlsverifyclient', 'tonezone', 'transport',
  'trust_id_outbound', 'trustrpid', 'type', 'udpbindaddr', 'useclientcode', 'username', 'videosupport',
  'websocket_write_timeout',
]);

/**
 * The messages real chan_sip (Asterisk 20) logs while loading one option of
 * `sip.conf`, in order. `option` is the key as written (matched
 * case-insensitively; it appears verbatim in a few texts), `value` the text
 * after `=` (see {@link configValue}). `line N` inside the texts is `ctx.line`.
 *
 * Unknown options give no messages (chan_sip ignores unknown keys). Things that
 * depend on other files or the network are not checked: DNS for `host`/
 * `defaultip`/`externhost`, named ACLs (`acl=`), `tonezone`, TOS/COS values,
 * DTLS and jitter-buffer options. A few texts depend on the whole section:
 * `type` is judged by chan_sip on the *last* `type` of the section, the
 * `[general] transport` fallback warnings use `ctx.tcpEnabled`/`ctx.tlsEnabled`,
 * and `username`'s deprecation NOTICE is logged once per load
 * (`oncePerLoad`). `amaflags` never warns in Asterisk 20: unknown words
 * silently become "none" (`ast_channel_string2amaflag` never fails), so the
 * `Invalid AMA Flags` text is unreachable.
 */
export function checkSipOption(option: string, value: string, ctx: SipOptionContext): SipMessage[] {
  const name = lc(option.trim());
  if (!CHECKED_SIP_OPTIONS.has(name)) return [];
  const v = configValue(value);
  const common = commonOptionMessages(name, v, ctx.line);
  if (common) return common;
  return ctx.section === 'general' ? generalMessages(option.trim(), name, v, ctx) : deviceMessages(option.trim(), name, v, ctx);
}

/* ------------------------------------------------------------------------ */
/* option catalogue (hovers / completion)                                     */
/* ------------------------------------------------------------------------ */

export interface SipOptionInfo {
  /** Option name as documented (lower case). */
  name: string;
  /** One-line meaning. */
  meaning: string;
  /** Allowed keywords (case-insensitive), when the value is an enumeration. */
  values?: readonly string[];
  /** The value is a comma-separated list of `values`. */
  list?: boolean;
  /** chan_sip's default. */
  default?: string;
  /** Where chan_sip reads it. */
  sections: readonly ('general' | 'device')[];
  /** Other name for the same option. */
  aliasOf?: string;
  /** Replacement when deprecated. */
  deprecated?: string;
}

const BOTH = ['general', 'device'] as const;
const DEV = ['device'] as const;
const GEN = ['general'] as const;
const BOOL = ['yes', 'no'] as const;

function info(
  name: string,
  meaning: string,
  sections: readonly ('general' | 'device')[],
  extra: Partial<Omit<SipOptionInfo, 'name' | 'meaning' | 'sections'>> = {},
): [string, SipOptionInfo] {
  return [name, { name, meaning, sections, ...extra }];
}

/**
 * Known chan_sip options with a one-line meaning, allowed values and default,
 * keyed by lower-case name.
 */
export const SIP_OPTION_VALUES: Readonly<Record<string, SipOptionInfo>> = Object.fromEntries([
  info('type', 'Device role: peer (matched by IP), user (matched by name), friend (both).', DEV, {
    values: ['friend', 'peer', 'user'],
  }),
  info('host', "Device address: 'dynamic' (learned from REGISTER) or a host name/IP.", DEV, {
    values: ['dynamic'],
  }),
  info('port', 'SIP port of the device (1-65535).', DEV, { default: '5060' }),
  info('secret', 'Password for inbound authentication (and outbound if no remotesecret).', DEV),
  info('md5secret', 'MD5 of user:realm:secret; used instead of secret.', DEV),
  info('remotesecret', 'Password used when Asterisk authenticates to the device.', DEV),
  info('defaultuser', 'User part used to call the device before it registers.', DEV),
  info('username', "Deprecated name of 'defaultuser'.", DEV, { aliasOf: 'defaultuser', deprecated: 'defaultuser' }),
  info('fromuser', 'User in the From header of outbound calls.', BOTH),
  info('fromdomain', 'Domain[:port] in the From header of outbound calls.', BOTH),
  info('context', 'Dialplan context for incoming calls.', BOTH, { default: 'default' }),
  info('subscribecontext', 'Context searched for SUBSCRIBE hints.', BOTH),
  info('callerid', 'Caller ID presented for calls from this device: "Name" <number>.', BOTH),
  info('insecure', 'Relax matching: port (match by IP only), invite (no INVITE authentication).', BOTH, {
    values: ['port', 'invite', 'no'],
    list: true,
    default: 'no',
  }),
  info('nat', 'NAT handling: force_rport, comedia, auto_force_rport, auto_comedia; yes/no.', BOTH, {
    values: ['no', 'force_rport', 'comedia', 'auto_force_rport', 'auto_comedia', 'yes'],
    list: true,
    default: 'auto_force_rport',
  }),
  info('qualify', "Send OPTIONS to check reachability: 'yes' (2000 ms), 'no', or max ms.", BOTH, {
    values: ['yes', 'no'],
    default: 'no',
  }),
  info('qualifyfreq', 'Seconds between qualify checks.', BOTH, { default: '60' }),
  info('keepalive', "Send keep-alive packets: 'yes', 'no', or interval.", BOTH, { values: ['yes', 'no'] }),
  info('dtmfmode', 'How DTMF is sent/received.', BOTH, {
    values: ['rfc2833', 'inband', 'info', 'shortinfo', 'auto'],
    default: 'rfc2833',
  }),
  info('directmedia', 'Let media flow directly between endpoints (re-INVITE).', BOTH, {
    values: ['yes', 'no', 'nonat', 'update', 'outgoing'],
    list: true,
    default: 'yes',
  }),
  info('canreinvite', "Old name of 'directmedia'.", BOTH, {
    values: ['yes', 'no', 'nonat', 'update', 'outgoing'],
    list: true,
    aliasOf: 'directmedia',
    deprecated: 'directmedia',
  }),
  info('transport', 'Allowed transports; the first is used for outbound requests.', BOTH, {
    values: ['udp', 'tcp', 'tls', 'ws', 'wss'],
    list: true,
    default: 'udp',
  }),
  info('allow', 'Codecs to allow, in order of preference (or all).', BOTH, {
    values: ['all', ...SIP_CODEC_NAMES],
    list: true,
  }),
  info('disallow', 'Codecs to remove (usually all, before allow=).', BOTH, {
    values: ['all', ...SIP_CODEC_NAMES],
    list: true,
  }),
  info('permit', 'Network/mask allowed to use this device.', DEV),
  info('deny', 'Network/mask refused for this device.', DEV),
  info('acl', 'Named ACL from acl.conf.', DEV),
  info('contactpermit', 'Network/mask allowed in REGISTER Contact.', BOTH),
  info('contactdeny', 'Network/mask refused in REGISTER Contact.', BOTH),
  info('directmediapermit', 'Network/mask allowed for direct media.', DEV),
  info('directmediadeny', 'Network/mask refused for direct media.', DEV),
  info('callbackextension', 'Register to this device and route its calls to this extension.', DEV),
  info('regexten', 'Extension created in regcontext while the device is registered.', DEV),
  info('mailbox', 'Voicemail box(es) for MWI: box[@context][,...].', DEV),
  info('defaultip', 'IP used for a dynamic device before it registers.', DEV),
  info('outboundproxy', 'Proxy for outbound requests: [transport://]host[:port][,force].', BOTH),
  info('maxforwards', 'Max-Forwards header value (1-255).', BOTH, { default: '70' }),
  info('rtptimeout', 'Hang up after this many seconds without RTP (0 = off).', BOTH, { default: '0' }),
  info('rtpholdtimeout', 'Hang up a held call after this many seconds without RTP.', BOTH, { default: '0' }),
  info('rtpkeepalive', 'Seconds between RTP keep-alive packets.', BOTH, { default: '0' }),
  info('session-timers', 'SIP session timers mode.', BOTH, {
    values: ['accept', 'originate', 'refuse'],
    default: 'accept',
  }),
  info('session-expires', 'Maximum session refresh interval (seconds).', BOTH, { default: '1800' }),
  info('session-minse', 'Minimum session refresh interval (seconds, >= 90).', BOTH, { default: '90' }),
  info('session-refresher', 'Which side refreshes the session.', BOTH, { values: ['uas', 'uac'], default: 'uas' }),
  info('amaflags', 'CDR AMA flag (unknown words silently become none).', BOTH, {
    values: ['default', 'omit', 'billing', 'documentation'],
  }),
  info('accountcode', 'CDR account code.', BOTH),
  info('language', 'Default language for prompts.', BOTH),
  info('trustrpid', 'Trust Remote-Party-ID/P-Asserted-Identity from the device.', BOTH, {
    values: BOOL,
    default: 'no',
  }),
  info('sendrpid', 'Send caller identity headers.', BOTH, { values: ['no', 'yes', 'rpid', 'pai'], default: 'no' }),
  info('trust_id_outbound', 'Send private identification to this device.', BOTH, {
    values: ['legacy', 'yes', 'no'],
    default: 'legacy',
  }),
  info('progressinband', 'Generate in-band ringing.', BOTH, { values: ['yes', 'no', 'never'], default: 'no' }),
  info('videosupport', 'Enable video.', BOTH, { values: ['yes', 'no', 'always'], default: 'no' }),
  info('textsupport', 'Enable T.140 real-time text.', BOTH, { values: BOOL, default: 'no' }),
  info('allowoverlap', 'Overlap dialling (484 on partial matches).', BOTH, {
    values: ['yes', 'no', 'dtmf'],
    default: 'yes',
  }),
  info('allowsubscribe', 'Accept SUBSCRIBE requests.', BOTH, { values: BOOL, default: 'yes' }),
  info('allowtransfer', 'Allow REFER transfers.', BOTH, { values: BOOL, default: 'yes' }),
  info('faxdetect', 'Detect faxes: yes/no or cng,t38.', BOTH, {
    values: ['yes', 'no', 'cng', 't38'],
    list: true,
    default: 'no',
  }),
  info('t38pt_udptl', 'T.38 over UDPTL: yes/no, fec, redundancy, none, maxdatagram=N.', BOTH, {
    values: ['yes', 'no', 'fec', 'redundancy', 'none'],
    list: true,
    default: 'no',
  }),
  info('call-limit', 'Maximum simultaneous calls (0 = unlimited).', DEV),
  info('callcounter', 'Count calls for device state.', BOTH, { values: BOOL }),
  info('busylevel', 'Calls at which the device is reported busy.', DEV),
  info('callgroup', 'Call groups (numbers 0-63).', DEV),
  info('pickupgroup', 'Pickup groups (numbers 0-63).', DEV),
  info('setvar', 'Channel variable VAR=value set on calls from/to the device.', DEV),
  info('mohinterpret', 'Music on hold class played when the far end holds.', BOTH),
  info('mohsuggest', 'Music on hold class suggested to the far end.', BOTH),
  info('timert1', 'SIP timer T1 in ms (>= 200).', BOTH, { default: '500' }),
  info('timerb', 'SIP timer B (INVITE timeout) in ms.', BOTH, { default: '32000' }),
  info('encryption', 'Require SRTP.', DEV, { values: BOOL, default: 'no' }),
  info('auth', 'Credentials for a realm: user[:secret]@realm or user#md5@realm.', DEV),
  info('register', 'Outbound registration: [peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry].', GEN),
  info('allowguest', 'Accept calls from unknown devices (into [general] context).', GEN, {
    values: BOOL,
    default: 'yes',
  }),
  info('alwaysauthreject', 'Answer unknown users like wrong passwords.', GEN, { values: BOOL, default: 'yes' }),
  info('tcpenable', 'Listen on TCP.', GEN, { values: BOOL, default: 'no' }),
  info('tlsenable', 'Listen on TLS.', GEN, { values: BOOL, default: 'no' }),
  info('bindaddr', 'Address[:port] to listen on (UDP).', GEN, { default: '0.0.0.0' }),
  info('bindport', 'UDP port to listen on.', GEN, { default: '5060' }),
  info('udpbindaddr', 'Address[:port] to listen on (UDP).', GEN),
  info('tcpbindaddr', 'Address[:port] to listen on (TCP).', GEN),
  info('externaddr', 'Public IP[:port] put in SIP/SDP for NATed peers (numeric).', GEN),
  info('externip', "Old name of 'externaddr'.", GEN, { aliasOf: 'externaddr' }),
  info('externhost', 'Public host name resolved for NAT (see externrefresh).', GEN),
  info('externrefresh', 'Seconds between externhost lookups.', GEN, { default: '10' }),
  info('localnet', 'Local network/mask (not NATed).', GEN),
  info('media_address', 'IP address put in SDP.', GEN),
  info('rtpbindaddr', 'Address RTP binds to.', GEN),
  info('srvlookup', 'Use DNS SRV for outbound calls.', GEN, { values: BOOL, default: 'yes' }),
  info('domain', 'Local SIP domain[,context].', GEN),
  info('autodomain', 'Add local host names/IPs as domains.', GEN, { values: BOOL, default: 'no' }),
  info('allowexternaldomains', 'Accept requests for non-local domains.', GEN, { values: BOOL, default: 'yes' }),
  info('defaultexpiry', 'Default registration expiry (seconds).', GEN, { default: '120' }),
  info('minexpiry', 'Minimum registration expiry (seconds).', GEN, { default: '60' }),
  info('maxexpiry', 'Maximum registration expiry (seconds).', GEN, { default: '3600' }),
  info('registertimeout', 'Seconds before retrying a registration.', GEN, { default: '20' }),
  info('registerattempts', 'Registration attempts before giving up (0 = forever).', GEN, { default: '0' }),
  info('useragent', 'User-Agent header.', GEN),
  info('realm', 'Realm for digest authentication.', GEN, { default: 'asterisk' }),
  info('sdpowner', 'Owner name in SDP o= line (no spaces).', GEN),
  info('tcpauthtimeout', 'Seconds a TCP session may stay unauthenticated.', GEN, { default: '30' }),
  info('tcpauthlimit', 'Maximum unauthenticated TCP sessions.', GEN, { default: '100' }),
  info('storesipcause', 'Deprecated: set SIP_CAUSE (use HANGUPCAUSE).', GEN, { values: BOOL, default: 'no' }),
  info('shrinkcallerid', 'Remove (, ), - and . from caller numbers.', GEN, { values: BOOL, default: 'yes' }),
  info('qualifygap', 'Milliseconds between qualify groups.', GEN, { default: '100' }),
  info('qualifypeers', 'Peers qualified per group.', GEN, { default: '1' }),
  info('websocket_write_timeout', 'Websocket write timeout (ms).', GEN, { default: '100' }),
  info('tlsverifyclient', 'Not supported by chan_sip (ignored with a warning).', GEN),
]);
