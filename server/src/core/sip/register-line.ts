/**
 * `register =>` lines of chan_sip's sip.conf `[general]` section.
 *
 * Port of `sip_parse_register_line()` (channels/sip/config_parser.c, Asterisk
 * branch 20), including the quirks of the helpers it relies on:
 * `AST_NONSTANDARD_RAW_ARGS` / `__ast_app_separate_args()` (main/app.c: a
 * delimiter inside `"..."`, `(...)` or `[...]` does not split, a backslash
 * protects the next character, the last field takes the rest of the string),
 * `port_str2int()` (`sscanf("%30d")`, 1..65535, else 0), `atoi()` for the expiry
 * and `ast_strip_quoted()` (trim blanks, then drop one pair of surrounding `"`).
 *
 * Grammar (SPEC §4):
 * `[peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry]`
 * and the domain-port form `user@domain:PORT:secret:authuser@host`.
 *
 * All offsets are UTF-16 offsets into the `value` passed in (half-open).
 */

/** A half-open range of `value`. */
export interface Span {
  start: number;
  end: number;
}

/** A message chan_sip would log for this line, with the offending part of `value`. */
export interface RegisterWarning extends Span {
  /** Exact log text (without the `WARNING[..]: file:` prefix). */
  text: string;
  /** Log level Asterisk uses for it. */
  level: 'WARNING' | 'NOTICE';
}

export type RegisterTransport = 'udp' | 'tcp' | 'tls';

/** What chan_sip stores in its `sip_registry` for the line. */
export interface RegisterEntry {
  /** `peer?` prefix (the peer whose settings are used), when not empty. */
  peer?: string;
  transport: RegisterTransport;
  /** User part of the From/To URI (`username`). May be empty in odd lines. */
  user: string;
  /** `user@domain` domain (`regdomain`), when not empty. */
  domain?: string;
  /** Domain port of the `user@domain:PORT:secret:authuser` form, when valid. */
  domainPort?: number;
  secret?: string;
  authuser?: string;
  /** Registrar host (`hostname`). */
  host: string;
  /** Registrar port: the given one, else 5060 (5061 for tls). */
  port: number;
  /** Callback extension (`callback`), default `s`. */
  extension: string;
  /** Requested expiry in seconds (`atoi`, so garbage gives 0), default `defaultexpiry`. */
  expiry: number;
}

/** Field names reported in {@link RegisterParseResult.fields}. */
export type RegisterFieldName =
  | 'peer'
  | 'transport'
  | 'user'
  | 'domain'
  | 'domainPort'
  | 'secret'
  | 'authuser'
  | 'host'
  | 'port'
  | 'extension'
  | 'expiry';

export type RegisterFields = Partial<Record<RegisterFieldName, Span>>;

export type RegisterParseResult =
  | { ok: true; reg: RegisterEntry; warnings: RegisterWarning[]; fields: RegisterFields }
  | {
      ok: false;
      /** Exact WARNING text chan_sip logs; the line is ignored. */
      error: string;
      /** Range of `value` the error is about (the whole value). */
      start: number;
      end: number;
      warnings: RegisterWarning[];
      fields: RegisterFields;
    };

/** chan_sip's `DEFAULT_DEFAULT_EXPIRY` (`defaultexpiry` in `[general]`). */
export const DEFAULT_REGISTER_EXPIRY = 120;
const STANDARD_SIP_PORT = 5060;
const STANDARD_TLS_PORT = 5061;
/** `char buf[256]` + `ast_copy_string`: longer values are cut to 255 characters. */
const REGISTER_BUF_CHARS = 255;

export const REGISTER_FORMAT_ERROR_PREFIX =
  'Format for registration is [peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry] at line ';

/** A piece of the value; `null` models a C NULL pointer (field absent). */
type Seg = Span | null;

/**
 * Port of `__ast_app_separate_args(buf, delim, remove_chars = 0, array, arraylen)`
 * (main/app.c) applied to `text.slice(seg.start, seg.end)`.
 * Returns `arraylen` entries (absent ones are `null`) and `argc`.
 */
export function separateArgs(
  text: string,
  seg: Seg,
  delim: string,
  arraylen: number,
): { args: Seg[]; argc: number } {
  const args: Seg[] = new Array<Seg>(arraylen).fill(null);
  if (!seg) return { args, argc: 0 };
  const end = seg.end;
  let scan = seg.start;
  let paren = 0;
  let quote = false;
  let bracket = 0;
  let wasdelim = -1;
  let argc = 0;
  for (argc = 0; scan < end && argc < arraylen - 1; argc++) {
    const argStart = scan;
    let argEnd = -1;
    for (; scan < end; scan++) {
      const c = text[scan];
      if (c === '(') {
        paren++;
      } else if (c === ')') {
        if (paren) paren--;
      } else if (c === '[') {
        bracket++;
      } else if (c === ']') {
        if (bracket) bracket--;
      } else if (c === '"' && delim !== '"') {
        quote = !quote;
      } else if (c === '\\') {
        scan++; /* skip the protected character */
      } else if (c === delim && !paren && !quote && !bracket) {
        wasdelim = scan;
        argEnd = scan;
        scan++;
        break;
      }
    }
    if (scan > end) scan = end; /* a trailing backslash would run off the end in C */
    args[argc] = { start: argStart, end: argEnd >= 0 ? argEnd : scan };
  }
  /* If the last character was the delimiter there is one more (empty) argument. */
  if (scan < end || (scan > seg.start && scan - 1 === wasdelim)) {
    args[argc++] = { start: scan, end };
  }
  return { args, argc };
}

function segText(text: string, seg: Seg): string | null {
  return seg ? text.slice(seg.start, seg.end) : null;
}

function isEmpty(seg: Seg): boolean {
  return !seg || seg.end <= seg.start;
}

const isCSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/**
 * Port of `ast_strip_quoted(s, "\"", "\"")` (main/utils.c) on a segment:
 * trim C whitespace on both sides, then drop one pair of enclosing `"`.
 */
export function stripQuotedSeg(text: string, seg: Span): Span {
  let s = seg.start;
  let e = seg.end;
  while (s < e && isCSpace(text[s])) s++;
  while (e > s && isCSpace(text[e - 1])) e--;
  if (s < e && text[s] === '"' && text[e - 1] === '"') {
    if (e - 1 === s) return { start: s + 1, end: s + 1 };
    return { start: s + 1, end: e - 1 };
  }
  return { start: s, end: e };
}

/**
 * C `sscanf(s, "%<width>d")` for the first conversion: skips leading white
 * space, reads an optional sign and digits (at most `width` characters
 * including the sign). Returns `null` on a matching failure or empty input.
 */
export function scanInt(s: string, pos = 0, width = 30): { value: number; next: number } | null {
  let i = pos;
  while (i < s.length && isCSpace(s[i])) i++;
  const start = i;
  let neg = false;
  if (i < s.length && (s[i] === '+' || s[i] === '-') && i - start < width) {
    neg = s[i] === '-';
    i++;
  }
  const digitsStart = i;
  while (i < s.length && i - start < width && s[i]! >= '0' && s[i]! <= '9') i++;
  if (i === digitsStart) return null;
  let value = Number(s.slice(digitsStart, i));
  if (neg) value = -value;
  /* int overflow: glibc stores the truncated value; clamp to keep it out of range */
  if (value > 2147483647) value = 2147483647;
  if (value < -2147483648) value = -2147483648;
  return { value, next: i };
}

/** C `atoi()`: leading blanks, sign, digits; 0 when there is no number. */
export function cAtoi(s: string): number {
  const r = scanInt(s, 0, Number.MAX_SAFE_INTEGER);
  return r ? r.value : 0;
}

/** Port of `port_str2int(pt, 0)` (channels/sip/utils.c): 1..65535 or 0. */
export function portStr2int(pt: string | null): number {
  if (pt === null || pt === '') return 0;
  const r = scanInt(pt, 0, 30);
  if (!r || r.value < 1 || r.value > 65535) return 0;
  return r.value;
}

function strncasecmp3(s: string, word: string): boolean {
  return s.slice(0, 3).toLowerCase() === word;
}

/**
 * Parse the value of a `register =>` line exactly as chan_sip's
 * `sip_parse_register_line()` does (Asterisk 20).
 *
 * @param value the value after `register =>` (already trimmed by the config loader)
 * @param line the line number used in the messages (chan_sip uses 0 for
 *   registrations it builds itself, e.g. from `callbackextension`)
 * @param defaultExpiry `[general] defaultexpiry` (120 unless configured)
 */
export function parseRegisterLine(
  value: string,
  line = 0,
  defaultExpiry = DEFAULT_REGISTER_EXPIRY,
): RegisterParseResult {
  const text = value.length > REGISTER_BUF_CHARS ? value.slice(0, REGISTER_BUF_CHARS) : value;
  const warnings: RegisterWarning[] = [];
  const fields: RegisterFields = {};
  const formatError = (): RegisterParseResult => ({
    ok: false,
    error: `${REGISTER_FORMAT_ERROR_PREFIX}${line}`,
    start: 0,
    end: value.length,
    warnings,
    fields,
  });

  /* userpart => [peer?][transport://]user[@domain][:secret[:authuser]]
   * hostpart => host[:port][/extension][~expiry]  (split at the LAST '@') */
  const at = text.lastIndexOf('@');
  let userpart: Seg = null;
  let hostpart: Seg = null;
  if (at >= 0) {
    userpart = { start: 0, end: at };
    hostpart = { start: at + 1, end: text.length };
  }
  if (isEmpty(userpart) || isEmpty(hostpart)) {
    return formatError();
  }

  /* pre1: peer ? userpart */
  const pre1 = separateArgs(text, userpart, '?', 2);
  let pre1Peer = pre1.args[0] ?? null;
  let pre1User = pre1.args[1] ?? null;
  if (isEmpty(pre1User)) {
    pre1User = pre1Peer;
    pre1Peer = null;
  }

  /* pre2: transport / blank / userpart ("tcp://x" -> "tcp:", "", "x") */
  const pre2 = separateArgs(text, pre1User, '/', 3);
  let pre2Transport = pre2.args[0] ?? null;
  const pre2Blank = pre2.args[1] ?? null;
  let pre2User = pre2.args[2] ?? null;
  if (isEmpty(pre2User)) {
    pre2User = pre2Transport;
    pre2Transport = null;
  } else if (pre2Transport) {
    /* Remove the trailing ':' (whatever the last character is). */
    if (pre2Transport.end > pre2Transport.start) {
      pre2Transport = { start: pre2Transport.start, end: pre2Transport.end - 1 };
    }
  }
  if (!isEmpty(pre2Blank)) {
    return formatError();
  }

  /* user1: userpart : secret : authuser */
  const user1 = separateArgs(text, pre2User, ':', 3);
  const user1User = user1.args[0] ?? null;
  let secret = user1.args[1] ?? null;
  const user1Auth = user1.args[2] ?? null;

  /* host1: hostpart ~ expiry; host2: hostpart / extension; host3: host : port */
  const host1 = separateArgs(text, hostpart, '~', 2);
  const expirySeg = host1.args[1] ?? null;
  const host2 = separateArgs(text, host1.args[0] ?? null, '/', 2);
  const extensionSeg = host2.args[1] ?? null;
  const host3 = separateArgs(text, host2.args[0] ?? null, ':', 2);
  const hostSeg = host3.args[0] ?? null;
  const portSeg = host3.args[1] ?? null;

  /* user2: user @ domain */
  const user2 = separateArgs(text, user1User, '@', 2);
  const userSeg = user2.args[0] ?? null;
  const domainSeg = user2.args[1] ?? null;

  /* user3: authuser : domainport, reordered for user@domain:PORT:secret:authuser */
  const user3 = separateArgs(text, user1Auth, ':', 2);
  let authuser = user3.args[0] ?? null;
  let domainportSeg = user3.args[1] ?? null;
  if (user3.argc === 2) {
    const reorder = domainportSeg;
    domainportSeg = secret;
    secret = authuser;
    authuser = reorder;
  }

  let portnum = 0;
  let domainport = 0;
  if (portSeg) {
    const p = segText(text, portSeg)!;
    portnum = portStr2int(p);
    if (!portnum) {
      warnings.push({
        level: 'NOTICE',
        text: `'${p}' is not a valid port number on line ${line} of sip.conf. using default.`,
        start: portSeg.start,
        end: portSeg.end,
      });
    }
  }
  if (domainportSeg) {
    const p = segText(text, domainportSeg)!;
    domainport = portStr2int(p);
    if (!domainport) {
      warnings.push({
        level: 'NOTICE',
        text: `'${p}' is not a valid domain port number on line ${line} of sip.conf. using default.`,
        start: domainportSeg.start,
        end: domainportSeg.end,
      });
    }
  }

  let transport: RegisterTransport = 'udp';
  if (pre2Transport) {
    const t = segText(text, pre2Transport)!;
    if (strncasecmp3(t, 'tcp')) transport = 'tcp';
    else if (strncasecmp3(t, 'tls')) transport = 'tls';
    else if (strncasecmp3(t, 'udp')) transport = 'udp';
    else {
      transport = 'udp';
      warnings.push({
        level: 'NOTICE',
        text: `'${t.slice(0, 3)}' is not a valid transport type on line ${line} of sip.conf. defaulting to udp.`,
        start: pre2Transport.start,
        end: pre2Transport.end,
      });
    }
    fields.transport = pre2Transport;
  }
  if (!portnum) {
    portnum = transport === 'tls' ? STANDARD_TLS_PORT : STANDARD_SIP_PORT;
  }

  /* copy into the registry object, stripping quotes */
  const strip = (seg: Seg, name: RegisterFieldName): string => {
    if (!seg) return '';
    const s = stripQuotedSeg(text, seg);
    fields[name] = s;
    return text.slice(s.start, s.end);
  };
  /* S_OR(host2.extension, "s") is applied before the quotes are stripped */
  const extension = isEmpty(extensionSeg) ? 's' : strip(extensionSeg, 'extension');
  const user = strip(userSeg, 'user');
  const host = strip(hostSeg, 'host');
  const authuserText = strip(authuser, 'authuser');
  const secretText = strip(secret, 'secret');
  const peer = strip(pre1Peer, 'peer');
  const domain = strip(domainSeg, 'domain');
  if (portSeg) fields.port = portSeg;
  if (domainportSeg) fields.domainPort = domainportSeg;
  let expiry = defaultExpiry;
  if (expirySeg) {
    const e = stripQuotedSeg(text, expirySeg);
    fields.expiry = e;
    expiry = cAtoi(text.slice(e.start, e.end));
  }

  const reg: RegisterEntry = {
    transport,
    user,
    host,
    port: portnum,
    extension,
    expiry,
  };
  if (peer !== '') reg.peer = peer;
  if (domain !== '') reg.domain = domain;
  if (domainport) reg.domainPort = domainport;
  if (secretText !== '') reg.secret = secretText;
  if (authuserText !== '') reg.authuser = authuserText;
  return { ok: true, reg, warnings, fields };
}
