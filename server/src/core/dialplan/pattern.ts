/**
 * Extension patterns of extensions.conf, as Asterisk 20's DEFAULT ("old")
 * matcher sees them (`extenpatternmatchnew=no`). See SPEC.md §2–§3.
 *
 * Faithful ports of main/pbx.c:
 * - `_extension_match_core`      → {@link extensionMatchCore}
 * - `ext_cmp` and its helpers     → {@link extCmp}
 * - `matchcid`                    → {@link matchCid}
 * - `ext_strncpy`                 → {@link normalizeExtensionName}
 * and of main/callerid.c `ast_shrink_phone_number` → {@link shrinkCallerIdPattern}.
 *
 * {@link ExtensionIndex} answers "which extensions of a context match this
 * number, in the order `pbx_find_extension` walks them" with a hash table of
 * literals and a trie over pattern elements, so a lookup costs about the
 * length of the number rather than the number of extensions.
 *
 * Strings are handled as C sees them: UTF-8 bytes, cut at the first NUL. Where
 * pbx.c compares plain `char`s by value (literal ordering, `[a-b]` ranges) the
 * bytes are signed, as on x86-64; where it uses `unsigned char` they are not.
 *
 * Pure module: no I/O, no editor or LSP dependencies.
 */

/** `E_MATCH` (exists/spawn), `E_CANMATCH`, `E_MATCHMORE` of pbx.c. */
export type MatchMode = 'match' | 'canmatch' | 'matchmore';

/** Raw `_extension_match_core` result: 0 no match, 1 match, 2 early match (`!`). */
export type MatchResult = 0 | 1 | 2;

// ---------------------------------------------------------------------------
// C strings

const NUL = 0x00;
const BANG = 0x21;
const DASH = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const UNDERSCORE = 0x5f;
const DIGIT_0 = 0x30;
const DIGIT_1 = 0x31;
const DIGIT_2 = 0x32;
const DIGIT_9 = 0x39;

/** A C string: bytes 1..255, the terminating NUL implied by `length`. */
type CString = ArrayLike<number>;

let utf8Encoder: InstanceType<typeof TextEncoder> | undefined;

/** The bytes a C function would receive for `s`: UTF-8, cut at the first NUL. */
function toCString(s: string): CString {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === NUL) return out;
    if (c > 0x7f) return utf8CString(s);
    out.push(c);
  }
  return out;
}

function utf8CString(s: string): CString {
  const nul = s.indexOf('\0');
  utf8Encoder ??= new TextEncoder();
  return utf8Encoder.encode(nul < 0 ? s : s.slice(0, nul));
}

/** `s[i]`, or NUL past the end (reading a C string). */
function byteAt(s: CString, i: number): number {
  return i < s.length ? s[i] : NUL;
}

/** A byte read through a plain (signed, x86-64) `char`. */
function signedChar(b: number): number {
  return (b << 24) >> 24;
}

/** `strchr(s + from, c)` as an index, or -1. */
function indexOfByte(s: CString, c: number, from: number): number {
  for (let i = from; i < s.length; i++) if (s[i] === c) return i;
  return -1;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Literal (non-pattern) extensions: ext_cmp_exten_strlen, ext_cmp_exten_partial, ext_cmp_exten

/** Port of `ext_cmp_exten_strlen`: length ignoring `-`. */
function extCmpExtenStrlen(s: CString): number {
  let len = 0;
  for (let i = 0; i < s.length; i++) if (s[i] !== DASH) len++;
  return len;
}

/** Port of `ext_cmp_exten_partial`: 0 when `right` (dashes ignored) is a prefix of `left`. */
function extCmpExtenPartial(left: CString, right: CString): number {
  let l = 0;
  let r = 0;
  for (;;) {
    while (byteAt(left, l) === DASH) l++;
    while (byteAt(right, r) === DASH) r++;
    if (byteAt(right, r) === NUL) return 0;
    const cmp = signedChar(byteAt(left, l)) - signedChar(byteAt(right, r));
    if (cmp) return cmp;
    l++;
    r++;
  }
}

/** Port of `ext_cmp_exten`: byte order (signed chars), dashes ignored. */
function extCmpExten(left: CString, right: CString): number {
  let l = 0;
  let r = 0;
  for (;;) {
    while (byteAt(left, l) === DASH) l++;
    while (byteAt(right, r) === DASH) r++;
    const lc = byteAt(left, l);
    const cmp = signedChar(lc) - signedChar(byteAt(right, r));
    if (cmp) return cmp;
    if (lc === NUL) return 0;
    l++;
    r++;
  }
}

// ---------------------------------------------------------------------------
// Pattern ordering: ext_cmp_pattern_pos, ext_cmp_pattern, ext_cmp

/** Weights returned by `ext_cmp_pattern_pos` for the special positions. */
export const PATTERN_WEIGHT = {
  dot: 0x18000,
  bang: 0x28000,
  end: 0x30000,
  brokenSet: 0x40000,
} as const;

/** A read position in a C string; `p === -1` is the NULL pointer. */
interface Cursor {
  readonly s: CString;
  p: number;
}

/**
 * Port of `ext_cmp_pattern_pos`: reads one pattern position at `cur`, fills
 * `bitwise` (a 256-bit set, most significant bit first) and returns its
 * weight: k·0x100 + lowest char for a set of k distinct characters (a literal
 * is a set of one), or one of {@link PATTERN_WEIGHT}. Empty sets are skipped.
 */
function extCmpPatternPos(cur: Cursor, bitwise: Uint8Array): number {
  const s = cur.s;
  for (;;) {
    let c: number;
    do {
      c = byteAt(s, cur.p++);
    } while (c === DASH);

    switch (c) {
      case 0x6e: // n
      case 0x4e: // N
        bitwise[6] = 0x3f;
        bitwise[7] = 0xc0;
        return 0x0800 | DIGIT_2;
      case 0x78: // x
      case 0x58: // X
        bitwise[6] = 0xff;
        bitwise[7] = 0xc0;
        return 0x0a00 | DIGIT_0;
      case 0x7a: // z
      case 0x5a: // Z
        bitwise[6] = 0x7f;
        bitwise[7] = 0xc0;
        return 0x0900 | DIGIT_1;
      case DOT:
        return PATTERN_WEIGHT.dot;
      case BANG:
        return PATTERN_WEIGHT.bang;
      case NUL:
        cur.p = -1;
        return PATTERN_WEIGHT.end;
      case LBRACKET:
        break;
      default:
        bitwise[c >> 3] = 1 << (7 - (c & 7));
        return 0x0100 | c;
    }

    const end = indexOfByte(s, RBRACKET, cur.p);
    if (end < 0) {
      // ast_log(LOG_WARNING, "Wrong usage of [] in the extension")
      return PATTERN_WEIGHT.brokenSet;
    }
    let count = 0;
    let cmin = 0xff;
    for (; cur.p < end; cur.p++) {
      let c1 = s[cur.p];
      let c2 = c1;
      if (cur.p + 2 < end && s[cur.p + 1] === DASH) {
        c2 = s[cur.p + 2];
        cur.p += 2;
      }
      if (c1 < cmin) cmin = c1;
      // (unsigned char loop; C would never end for c2 == 0xff, impossible in UTF-8)
      for (; c1 <= c2 && c1 <= 0xff; c1++) {
        const mask = 1 << (7 - (c1 & 7));
        if (!(bitwise[c1 >> 3] & mask)) {
          bitwise[c1 >> 3] |= mask;
          count += 0x100;
        }
      }
    }
    cur.p++;
    if (count) return count | cmin;
  }
}

function memcmp(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Port of `ext_cmp_pattern` on the text after the leading `_` of both patterns. */
function extCmpPattern(left: CString, leftStart: number, right: CString, rightStart: number): number {
  const l: Cursor = { s: left, p: leftStart };
  const r: Cursor = { s: right, p: rightStart };
  for (;;) {
    const lBits = new Uint8Array(32);
    const rBits = new Uint8Array(32);
    const lPos = extCmpPatternPos(l, lBits);
    const rPos = extCmpPatternPos(r, rBits);
    let cmp = lPos - rPos;
    if (!cmp) cmp = memcmp(rBits, lBits); // swapped on purpose, as in pbx.c
    if (cmp) return cmp;
    if (l.p < 0) return 0;
  }
}

function extCmpBytes(left: CString, right: CString): number {
  if (byteAt(left, 0) !== UNDERSCORE) {
    if (byteAt(right, 0) === UNDERSCORE) return -1;
    return extCmpExten(left, right);
  }
  if (byteAt(right, 0) !== UNDERSCORE) return 1;
  return extCmpPattern(left, 1, right, 1);
}

/**
 * Port of `ext_cmp` (as `ast_extension_cmp`: -1, 0 or 1): the order in which
 * extensions of a context are kept and searched. Literals sort before
 * patterns; literals by bytes with `-` ignored; patterns position by position
 * by weight (SPEC §3.3). 0 means "the same extension".
 * Compares the names as given; Asterisk compares the stored names, see
 * {@link normalizeExtensionName}.
 */
export function extCmp(a: string, b: string): number {
  return sign(extCmpBytes(toCString(a), toCString(b)));
}

/**
 * The `ext_cmp_pattern_pos` weight of each position of a `_` pattern, ending
 * with {@link PATTERN_WEIGHT.end}. Empty for a non-pattern.
 */
export function patternWeights(pattern: string): number[] {
  const s = toCString(pattern);
  if (byteAt(s, 0) !== UNDERSCORE) return [];
  const cur: Cursor = { s, p: 1 };
  const weights: number[] = [];
  while (cur.p >= 0) weights.push(extCmpPatternPos(cur, new Uint8Array(32)));
  return weights;
}

/**
 * A string key whose plain (UTF-16 code unit) order is the `ext_cmp` order:
 * `sign(extCmp(a, b)) === sign(compare(extCmpKey(a), extCmpKey(b)))`, and
 * equal keys mean the same extension.
 *
 * Literal: marker 0, then each byte but `-` as its signed value + 129, then
 * 129 for the NUL. Pattern: marker 1, then per position the weight (two
 * units) followed, for character sets, by the members in ascending order
 * (equal weights imply equally many members, and the set holding the lowest
 * differing character sorts first, as the swapped memcmp does).
 */
function extCmpKey(s: CString): string {
  return byteAt(s, 0) === UNDERSCORE ? patternKey(s, 1) : literalKey(s);
}

const NUL_KEY_UNIT = 129;

function literalKey(s: CString): string {
  const units: number[] = [0];
  for (let i = 0; i < s.length; i++) if (s[i] !== DASH) units.push(signedChar(s[i]) + NUL_KEY_UNIT);
  units.push(NUL_KEY_UNIT);
  return unitsToString(units);
}

function patternKey(s: CString, start: number): string {
  const units: number[] = [1];
  const cur: Cursor = { s, p: start };
  const bits = new Uint8Array(32);
  while (cur.p >= 0) {
    bits.fill(0);
    const weight = extCmpPatternPos(cur, bits);
    units.push(weight >>> 16, weight & 0xffff);
    if (weight < PATTERN_WEIGHT.dot) pushMembers(bits, units);
  }
  return unitsToString(units);
}

/** `String.fromCharCode(...units)` without the argument-count limit. */
function unitsToString(units: number[]): string {
  if (units.length <= 4096) return String.fromCharCode.apply(null, units); // nearly always: no copy of the units
  let out = '';
  for (let i = 0; i < units.length; i += 4096) out += String.fromCharCode(...units.slice(i, i + 4096));
  return out;
}

function pushMembers(bits: Uint8Array, out: number[]): void {
  for (let byte = 0; byte < 32; byte++) {
    const v = bits[byte];
    if (!v) continue;
    for (let bit = 0; bit < 8; bit++) if (v & (0x80 >> bit)) out.push(byte * 8 + bit);
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Matching: _extension_match_core

/** Port of the non-pattern branch of `_extension_match_core`. */
function matchLiteral(pattern: CString, data: CString, mode: MatchMode): MatchResult {
  const lp = extCmpExtenStrlen(pattern);
  const ld = extCmpExtenStrlen(data);
  if (lp < ld) return 0;
  if (mode === 'match') return extCmpExten(pattern, data) === 0 ? 1 : 0;
  if (ld === 0 || extCmpExtenPartial(pattern, data) === 0) {
    return mode === 'matchmore' ? (lp > ld ? 1 : 0) : 1;
  }
  return 0;
}

/** `*data` against the set `pattern[from..end)` the way `_extension_match_core` scans it. */
function setContains(pattern: CString, from: number, end: number, dc: number): boolean {
  for (let p = from; p < end; p++) {
    if (p + 2 < end && pattern[p + 1] === DASH) {
      const d = signedChar(dc);
      if (d >= signedChar(pattern[p]) && d <= signedChar(pattern[p + 2])) return true;
      p += 2;
    } else if (dc === pattern[p]) {
      return true;
    }
  }
  return false;
}

/** The outcome once the dialed string is used up, with the pattern at `pc`. */
function resultAtEndOfData(pc: number, mode: MatchMode): MatchResult {
  if (pc === NUL || pc === SLASH) return mode === 'matchmore' ? 0 : 1; // exact match
  if (pc === BANG) return 2; // early match
  return mode === 'match' ? 0 : 1; // partial match
}

function matchCoreBytes(pattern: CString, data: CString, mode: MatchMode): MatchResult {
  if (byteAt(pattern, 0) !== UNDERSCORE) return matchLiteral(pattern, data, mode);
  if (mode === 'match' && byteAt(data, 0) === UNDERSCORE && extCmpPattern(pattern, 1, data, 1) === 0) {
    return 1; // "if this test is left out, then _x. will not match _x. !!!"
  }
  let p = 1;
  let d = 0;
  for (;;) {
    while (byteAt(data, d) === DASH) d++;
    while (byteAt(pattern, p) === DASH) p++;
    const dc = byteAt(data, d);
    const pc = byteAt(pattern, p);
    if (dc === NUL || pc === NUL || pc === SLASH) break;

    switch (pc) {
      case LBRACKET: {
        const end = indexOfByte(pattern, RBRACKET, p + 1);
        if (end < 0) return 0; // "Wrong usage of [] in the extension"
        if (end === p + 1) {
          p = end + 1; // empty set: ignored
          continue;
        }
        if (!setContains(pattern, p + 1, end, dc)) return 0;
        p = end;
        break;
      }
      case 0x6e: // n
      case 0x4e: // N
        if (dc < DIGIT_2 || dc > DIGIT_9) return 0;
        break;
      case 0x78: // x
      case 0x58: // X
        if (dc < DIGIT_0 || dc > DIGIT_9) return 0;
        break;
      case 0x7a: // z
      case 0x5a: // Z
        if (dc < DIGIT_1 || dc > DIGIT_9) return 0;
        break;
      case DOT:
        return 1; // must match, even with more digits
      case BANG:
        return 2; // early match
      default:
        if (dc !== pc) return 0;
    }
    d++;
    p++;
  }
  if (byteAt(data, d) !== NUL) return 0; // data longer than pattern
  return resultAtEndOfData(byteAt(pattern, p), mode);
}

/**
 * Port of `_extension_match_core(pattern, data, mode)`: 0 no match, 1 match,
 * 2 early match (a `!` was reached).
 *
 * - Not starting with `_`: a literal, compared case-sensitively, `-` ignored
 *   on both sides; CANMATCH/MATCHMORE accept a prefix of it.
 * - `_` pattern: X/x, Z/z, N/n, `[...]` sets, `.` (succeeds as soon as it is
 *   reached with input left), `!`, `-` ignored, `/` ends the pattern; any
 *   other character is compared literally. A `[` without `]` fails
 *   (see {@link hasBrokenCharSet}).
 * - E_MATCH of a dialed string starting with `_` first compares the two as
 *   patterns with `ext_cmp`, so `_X.` "matches" `_X.`.
 */
export function extensionMatchCore(pattern: string, dialed: string, mode: MatchMode): MatchResult {
  return matchCoreBytes(toCString(pattern), toCString(dialed), mode);
}

/**
 * `extension_match_core(...) != 0`, i.e. `ast_extension_match` for
 * `'match'` and `ast_extension_close` otherwise. An early match (2) counts as
 * true here; `pbx_find_extension` alone turns it into "stop, no match" under
 * MATCHMORE.
 */
export function extensionMatches(pattern: string, dialed: string, mode: MatchMode = 'match'): boolean {
  return extensionMatchCore(pattern, dialed, mode) !== 0;
}

/**
 * True when a `_` pattern has a `[` (where a pattern element starts) with no
 * `]` after it: pbx.c logs "Wrong usage of [] in the extension" when it gets
 * there, and the pattern cannot match anything from that point.
 */
export function hasBrokenCharSet(pattern: string): boolean {
  const s = toCString(pattern);
  if (byteAt(s, 0) !== UNDERSCORE) return false;
  for (let p = 1; p < s.length; p++) {
    if (s[p] !== LBRACKET) continue;
    const end = indexOfByte(s, RBRACKET, p + 1);
    if (end < 0) return true;
    p = end;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Caller ID: matchcid, ast_shrink_phone_number

/**
 * Port of `matchcid`. `undefined` is "no CID pattern" (matches every caller);
 * `''` (as in `exten => 100/,...`) matches only a caller without a number. An
 * empty or missing caller number matches only the empty CID pattern;
 * otherwise the CID pattern is matched like an extension (E_MATCH), so a
 * pattern needs its own `_`.
 */
export function matchCid(cidPattern: string | undefined, callerNum: string | undefined): boolean {
  if (cidPattern === undefined) return true;
  return matchCidBytes(toCString(cidPattern), toCString(callerNum ?? ''));
}

function matchCidBytes(cidPattern: CString, callerNum: CString): boolean {
  if (callerNum.length === 0) return cidPattern.length === 0;
  return matchCoreBytes(cidPattern, callerNum, 'match') !== 0;
}

/**
 * Port of main/callerid.c `ast_shrink_phone_number`, applied by pbx_config to
 * the `/CID` part of an extension: drops `(`, `)`, spaces, `-` outside
 * brackets and every `.` that is not the last character.
 */
export function shrinkCallerIdPattern(cid: string): string {
  let out = '';
  let bracketed = 0; // a counter, as in C: a stray ']' makes it non-zero too
  for (let x = 0; x < cid.length; x++) {
    const ch = cid[x];
    switch (ch) {
      case '[':
        bracketed++;
        out += ch;
        break;
      case ']':
        bracketed--;
        out += ch;
        break;
      case '-':
        if (bracketed) out += ch;
        break;
      case '.':
        if (x === cid.length - 1) out += ch;
        break;
      default:
        if (ch !== '(' && ch !== ' ' && ch !== ')') out += ch;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Stored names: ext_strncpy

/** Both names `ast_add_extension2` stores for an extension (or CID) as written. */
export interface NormalizedExtensionName {
  /** Spaces outside `[]` removed: the name Asterisk shows (hints keep their dashes). */
  name: string;
  /** Also every `-` outside `[]` removed: the copy used for matching and ordering. */
  match: string;
}

/**
 * Port of `ext_strncpy(dst, src, size, nofluff)` for both values of
 * `nofluff`. Only a name starting with `_` has bracket sections; in a literal
 * every space (and, for `match`, every dash) goes.
 */
export function normalizeExtensionName(raw: string): NormalizedExtensionName {
  if (raw.indexOf(' ') < 0 && raw.indexOf('-') < 0) return { name: raw, match: raw };
  return { name: extStrncpy(raw, false), match: extStrncpy(raw, true) };
}

function extStrncpy(src: string, nofluff: boolean): string {
  const isPattern = src[0] === '_';
  let inSquares = false;
  let out = '';
  for (const ch of src) {
    if (ch === '\0') break;
    if (ch === '[') {
      if (isPattern) inSquares = true;
    } else if (ch === ']') {
      inSquares = false;
    } else if (ch === ' ' && !inSquares) {
      continue;
    } else if (ch === '-' && !inSquares && nofluff) {
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * Could ExtensionIndex.lookup(dialed, callerId, 'match') return the extension stored as `name`, caller ID aside? A
 * pattern may; a literal only when its key is the dialed string's (`dialedKey`, see dialedMatchKey). What an index
 * would say of a literal, without building one (see simulate/find.ts `mayMatchOwn`).
 */
export function mayMatchExactly(name: string, dialedKey: string): boolean {
  const key = literalKeyOf(name);
  return key === undefined || key === dialedKey;
}

/** The key of the extension stored as `name` among the literals (as ExtensionIndex files it); undefined for a pattern. */
function literalKeyOf(name: string): string | undefined {
  const m = matchName(name);
  return m.charCodeAt(0) === UNDERSCORE ? undefined : byteKey(m);
}

/**
 * ExtensionIndex.lookup(dialed, callerId, 'match') of `entries` built without an index, when none is a pattern:
 * the literals whose key is the dialed string's and whose CID pattern takes the caller, in the index's order
 * (only they are sorted). undefined when an entry is a pattern. For a context asked once or twice, where building
 * its index would cost more than the questions (see simulate/find.ts).
 */
export function literalMatches<T>(entries: readonly ExtensionEntry<T>[], dialed: string, callerId: string | undefined): ExtensionEntry<T>[] | undefined {
  const key = byteKey(dialed);
  let hits: ExtensionEntry<T>[] | undefined;
  for (const e of entries) {
    const own = literalKeyOf(e.exten);
    if (own === undefined) return undefined;
    if (own !== key) continue;
    if (e.cid !== undefined && !matchCid(matchName(e.cid), callerId)) continue;
    (hits ??= []).push(e);
  }
  if (!hits) return [];
  if (hits.length > 1) hits.sort(compareExtensionEntries); // stable: entries equal in order keep theirs, as in the index
  return hits;
}

/** The key E_MATCH looks a dialed string up by among the literal extensions (see mayMatchExactly). */
export function dialedMatchKey(dialed: string): string {
  return byteKey(dialed);
}

/** The matching copy of a name (cheap when there is nothing to remove). */
function matchName(raw: string): string {
  return normalizeExtensionName(raw).match;
}

// ---------------------------------------------------------------------------
// Sort order of (extension, CID) pairs: ast_add_extension2_lockopt

/** An extension as stored in a context: name and optional caller-ID pattern. */
export interface ExtensionLike {
  readonly exten: string;
  /** `undefined`: no CID pattern. `''`: the empty CID pattern of `100/`. */
  readonly cid?: string;
}

/**
 * The order `ast_add_extension2_lockopt` keeps extensions in: `ext_cmp` on
 * the stored names, then, for the same extension, one with a CID pattern
 * before one without, and CID patterns among themselves by `ext_cmp`.
 * 0 means the same extension (Asterisk would merge them).
 * Names are normalized first as {@link normalizeExtensionName} does.
 */
export function compareExtensionEntries(a: ExtensionLike, b: ExtensionLike): number {
  const byExten = extCmp(matchName(a.exten), matchName(b.exten));
  if (byExten) return byExten;
  return compareCidPresence(a.cid, b.cid) ?? extCmp(matchName(a.cid ?? ''), matchName(b.cid ?? ''));
}

/** The CID rule of `ast_add_extension2_lockopt`, or `undefined` when both have a CID pattern. */
function compareCidPresence(a: string | undefined, b: string | undefined): number | undefined {
  if (a === undefined) return b === undefined ? 0 : 1;
  return b === undefined ? -1 : undefined;
}

/**
 * A string identifying an (extension, CID) pair the way
 * `ast_add_extension2_lockopt` does: two pairs get the same key exactly when
 * {@link compareExtensionEntries} says 0 (`_XXX/_1.` and `_[0-9]XX/_[1].`
 * are one extension; `100`, `100/` and `100/1` are three).
 */
export function extensionIdentityKey(exten: string, cid: string | undefined): string {
  const extenKey = extCmpKey(toCString(matchName(exten)));
  const cidKey = cid === undefined ? '' : `/${extCmpKey(toCString(matchName(cid)))}`;
  return `${extenKey.length}:${extenKey}${cidKey}`;
}

interface SortRecord<E> {
  readonly item: E;
  readonly index: number;
  /** The extension's matching name as a C string (what the index stores it by). */
  readonly name: CString;
  readonly extenKey: string;
  readonly cidKey: string | undefined;
}

function sortRecordOf<E extends ExtensionLike>(item: E, index: number): SortRecord<E> {
  const name = toCString(matchName(item.exten));
  return {
    item,
    index,
    name,
    extenKey: extCmpKey(name),
    cidKey: item.cid === undefined ? undefined : extCmpKey(toCString(matchName(item.cid))),
  };
}

function compareSortRecords<E>(a: SortRecord<E>, b: SortRecord<E>): number {
  return (
    compareKeys(a.extenKey, b.extenKey) ||
    (compareCidPresence(a.cidKey, b.cidKey) ?? compareKeys(a.cidKey ?? '', b.cidKey ?? '')) ||
    a.index - b.index
  );
}

function sortedRecords<E extends ExtensionLike>(items: Iterable<E>): SortRecord<E>[] {
  const records = Array.from(items, sortRecordOf);
  records.sort(compareSortRecords);
  return records;
}

/**
 * A copy of `items` in context order ({@link compareExtensionEntries});
 * entries that compare equal keep their input order (the first definition
 * is the one Asterisk keeps).
 */
export function sortExtensions<E extends ExtensionLike>(items: Iterable<E>): E[] {
  return sortedRecords(items).map((r) => r.item);
}

// ---------------------------------------------------------------------------
// Compiled patterns: what _extension_match_core does, element by element

/** How a compiled pattern ends, and what that means in `_extension_match_core`. */
type Terminal = 'end' | 'dot' | 'bang' | 'broken';

type Element =
  | { readonly kind: 'char'; readonly byte: number }
  | { readonly kind: 'set'; readonly key: string; readonly table: Uint8Array }
  | { readonly kind: 'skip' }; // an empty `[]`: consumes nothing but still counts as "more pattern"

interface CompiledPattern {
  readonly elements: Element[];
  readonly terminal: Terminal;
}

/** N, X or Z: the same element as the equivalent `[...]` set. */
function digitSet(first: number): Element {
  const table = new Uint8Array(256);
  let key = '';
  for (let c = first; c <= DIGIT_9; c++) {
    table[c] = 1;
    key += String.fromCharCode(c);
  }
  return { kind: 'set', key, table };
}

const SET_N = digitSet(DIGIT_2);
const SET_X = digitSet(DIGIT_0);
const SET_Z = digitSet(DIGIT_1);

/** The set `pattern[from..end)` as a byte table (same scan as {@link setContains}). */
function compileSet(pattern: CString, from: number, end: number): Element {
  const table = new Uint8Array(256);
  for (let p = from; p < end; p++) {
    if (p + 2 < end && pattern[p + 1] === DASH) {
      for (let v = signedChar(pattern[p]); v <= signedChar(pattern[p + 2]); v++) table[v & 0xff] = 1;
      p += 2;
    } else {
      table[pattern[p]] = 1;
    }
  }
  table[NUL] = 0;
  const members: number[] = [];
  for (let c = 1; c < 256; c++) if (table[c]) members.push(c);
  if (members.length === 1) return { kind: 'char', byte: members[0] };
  return { kind: 'set', key: unitsToString(members), table };
}

/** A `_` pattern, read exactly as the loop of `_extension_match_core` reads it. */
function compilePattern(pattern: CString): CompiledPattern {
  const elements: Element[] = [];
  let p = 1;
  for (;;) {
    while (byteAt(pattern, p) === DASH) p++;
    const pc = byteAt(pattern, p);
    switch (pc) {
      case NUL:
      case SLASH:
        return { elements, terminal: 'end' };
      case DOT:
        return { elements, terminal: 'dot' };
      case BANG:
        return { elements, terminal: 'bang' };
      case LBRACKET: {
        const end = indexOfByte(pattern, RBRACKET, p + 1);
        if (end < 0) return { elements, terminal: 'broken' };
        elements.push(end === p + 1 ? { kind: 'skip' } : compileSet(pattern, p + 1, end));
        p = end + 1;
        continue;
      }
      case 0x6e: // n
      case 0x4e: // N
        elements.push(SET_N);
        break;
      case 0x78: // x
      case 0x58: // X
        elements.push(SET_X);
        break;
      case 0x7a: // z
      case 0x5a: // Z
        elements.push(SET_Z);
        break;
      default:
        elements.push({ kind: 'char', byte: pc });
    }
    p++;
  }
}

// ---------------------------------------------------------------------------
// ExtensionIndex

/** One extension of a context, with whatever the caller attaches to it. */
export interface ExtensionEntry<T> extends ExtensionLike {
  readonly value: T;
}

/** A lookup hit. */
export interface ExtensionMatch<T> {
  readonly entry: ExtensionEntry<T>;
  /** Raw `_extension_match_core` result: 1 match, 2 early match (`!`). */
  readonly result: 1 | 2;
  /** Position of the entry in the context's sorted order. */
  readonly rank: number;
}

// The pattern trie. A node is reached after a sequence of pattern elements;
// entries hang on the node where their elements run out, by terminal kind.

interface TrieNode {
  /** Children by literal byte (parallel arrays: few children, scanned). */
  charBytes: number[] | undefined;
  charNodes: TrieNode[] | undefined;
  sets: SetEdge[] | undefined;
  skip: TrieNode | undefined;
  /** Entry ranks ending here, by terminal kind. */
  end: number[] | undefined;
  dot: number[] | undefined;
  bang: number[] | undefined;
  broken: number[] | undefined;
  /** Ranks of every entry strictly below this node (computed on demand). */
  below: number[] | undefined;
  /** For nodes with many sets: the set children accepting a byte (computed on demand). */
  setsByByte: Map<number, TrieNode[]> | undefined;
}

interface SetEdge {
  readonly key: string;
  readonly table: Uint8Array;
  readonly node: TrieNode;
}

/** Above this many set children, a node caches which of them accept each byte. */
const SETS_SCANNED = 4;

function newNode(): TrieNode {
  return {
    charBytes: undefined,
    charNodes: undefined,
    sets: undefined,
    skip: undefined,
    end: undefined,
    dot: undefined,
    bang: undefined,
    broken: undefined,
    below: undefined,
    setsByByte: undefined,
  };
}

function childFor(node: TrieNode, el: Element): TrieNode {
  switch (el.kind) {
    case 'char': {
      const at = node.charBytes?.indexOf(el.byte) ?? -1;
      if (at >= 0) return node.charNodes![at];
      const child = newNode();
      (node.charBytes ??= []).push(el.byte);
      (node.charNodes ??= []).push(child);
      return child;
    }
    case 'set': {
      node.sets ??= [];
      let edge = node.sets.find((e) => e.key === el.key);
      if (!edge) node.sets.push((edge = { key: el.key, table: el.table, node: newNode() }));
      return edge.node;
    }
    case 'skip':
      return (node.skip ??= newNode());
  }
}

function addTerminal(node: TrieNode, terminal: Terminal, rank: number): void {
  (node[terminal] ??= []).push(rank);
}

function forEachChild(node: TrieNode, fn: (child: TrieNode) => void): void {
  node.charNodes?.forEach(fn);
  node.sets?.forEach((e) => fn(e.node));
  if (node.skip) fn(node.skip);
}

/** The set children of `node` accepting byte `b`, cached per byte. */
function setSuccessors(node: TrieNode, sets: SetEdge[], b: number): TrieNode[] {
  node.setsByByte ??= new Map();
  let list = node.setsByByte.get(b);
  if (!list) {
    list = [];
    for (const edge of sets) if (edge.table[b]) list.push(edge.node);
    node.setsByByte.set(b, list);
  }
  return list;
}

/** Ranks of every entry strictly below `node` (iterative: names can be very long). */
function ranksBelow(node: TrieNode): number[] {
  if (node.below) return node.below;
  const out: number[] = [];
  const stack: TrieNode[] = [];
  forEachChild(node, (child) => stack.push(child));
  for (let n = stack.pop(); n; n = stack.pop()) {
    for (const list of [n.end, n.dot, n.bang, n.broken]) if (list) for (const rank of list) out.push(rank);
    forEachChild(n, (child) => stack.push(child));
  }
  return (node.below = out);
}

/** Hits are collected as `rank * 4 + result`, so a numeric sort orders them by rank. */
function pushHits(out: number[], ranks: number[] | undefined, result: MatchResult): void {
  if (!ranks || !result) return;
  for (const rank of ranks) out.push(rank * 4 + result);
}

/**
 * A C string with every `-` removed, as a JS string of one code unit per
 * byte: how the dialed string is walked, and the key of a literal extension.
 * Plain ASCII without `-` comes back as is.
 */
function byteKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === NUL || c === DASH || c > 0x7f) return byteKeyOf(toCString(s));
  }
  return s;
}

function byteKeyOf(bytes: CString): string {
  const kept: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== DASH) kept.push(bytes[i]);
  return unitsToString(kept);
}

/**
 * Literal (non-`_`) extensions. `_extension_match_core` compares them with
 * `-` ignored on both sides, so on dash-free keys: E_MATCH is equality,
 * E_CANMATCH "the dialed key is a prefix", E_MATCHMORE "a proper prefix".
 */
class LiteralTable {
  private readonly byKey = new Map<string, number[]>();
  /** Distinct keys in code-unit order (built on the first prefix query). */
  private sortedKeys: string[] | undefined;

  add(key: string, rank: number): void {
    const ranks = this.byKey.get(key);
    if (ranks) ranks.push(rank);
    else this.byKey.set(key, [rank]);
    this.sortedKeys = undefined;
  }

  collect(data: string, mode: MatchMode, out: number[]): void {
    if (mode === 'match') {
      pushHits(out, this.byKey.get(data), 1);
      return;
    }
    const keys = (this.sortedKeys ??= [...this.byKey.keys()].sort(compareKeys));
    for (let i = lowerBound(keys, data); i < keys.length && keys[i].startsWith(data); i++) {
      if (mode === 'canmatch' || keys[i].length > data.length) pushHits(out, this.byKey.get(keys[i]), 1);
    }
  }
}

/** The first index of sorted `keys` whose key is not below `key`. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface IndexedEntry<T> {
  readonly entry: ExtensionEntry<T>;
  readonly cid: CString | undefined;
}

/**
 * The extensions of one context, searchable as the default matcher of
 * `pbx_find_extension` walks them. Entries should already be de-duplicated
 * (extensions Asterisk refuses at load left out); entries that compare equal
 * keep their input order.
 *
 * Names and CID patterns are stored as `ast_add_extension2` stores them
 * (spaces and `-` outside `[]` removed, see {@link normalizeExtensionName});
 * CID patterns are expected to be already shrunk by pbx_config
 * ({@link shrinkCallerIdPattern}).
 *
 * Literal extensions sit in a hash table (plus a sorted key list for prefix
 * queries), patterns in a trie of pattern elements: a lookup costs about the
 * length of the number plus the number of hits, whatever the size of the
 * context. Each entry's rank in the sorted order is computed once, so only the
 * hits are sorted.
 */
export class ExtensionIndex<T> {
  private readonly ordered: IndexedEntry<T>[] = [];
  private readonly literals = new LiteralTable();
  private readonly root: TrieNode = newNode();
  /** Patterns by `ext_cmp` key, for the E_MATCH rule on dialed strings starting with `_`. */
  private readonly patternsByKey = new Map<string, number[]>();
  private hasCidPatterns = false;
  /** Scratch stacks of {@link walk}, reused between lookups. */
  private readonly stackNodes: TrieNode[] = [];
  private readonly stackPositions: number[] = [];

  constructor(entries: Iterable<ExtensionEntry<T>>) {
    for (const record of sortedRecords(entries)) this.add(record);
  }

  /** Number of entries. */
  get size(): number {
    return this.ordered.length;
  }

  /** All entries in context order. */
  sorted(): ExtensionEntry<T>[] {
    return this.ordered.map((e) => e.entry);
  }

  /**
   * Every entry whose extension matches `dialed` in `mode` and whose CID
   * pattern (if any) matches `callerId` ({@link matchCid}), in the order
   * `pbx_find_extension` tries them. Results are raw: under MATCHMORE, a first
   * hit with result 2 means `pbx_find_extension` stops with "no match".
   */
  lookup(dialed: string, callerId: string | undefined, mode: MatchMode = 'match'): ExtensionMatch<T>[] {
    const data = byteKey(dialed);
    let hits: number[] = [];
    this.literals.collect(data, mode, hits);
    this.walk(data, mode, hits);
    if (mode === 'match' && dialed.charCodeAt(0) === UNDERSCORE) hits = this.applyPatternEquality(dialed, hits);
    if (this.hasCidPatterns) hits = this.filterByCallerId(hits, callerId);
    if (hits.length > 1) hits.sort((a, b) => a - b);
    return hits.map((h) => {
      const rank = Math.floor(h / 4);
      return { entry: this.ordered[rank].entry, result: (h % 4) as 1 | 2, rank };
    });
  }

  /** The first entry {@link lookup} returns, if any. */
  first(dialed: string, callerId: string | undefined, mode: MatchMode = 'match'): ExtensionMatch<T> | undefined {
    return this.lookup(dialed, callerId, mode)[0];
  }

  private add(record: SortRecord<ExtensionEntry<T>>): void {
    const rank = this.ordered.length;
    const entry = record.item;
    const name = record.name;
    this.ordered.push({ entry, cid: entry.cid === undefined ? undefined : toCString(matchName(entry.cid)) });
    if (entry.cid !== undefined) this.hasCidPatterns = true;

    if (byteAt(name, 0) !== UNDERSCORE) {
      this.literals.add(byteKeyOf(name), rank);
      return;
    }
    const compiled = compilePattern(name);
    let node = this.root;
    for (const el of compiled.elements) node = childFor(node, el);
    addTerminal(node, compiled.terminal, rank);

    const list = this.patternsByKey.get(record.extenKey);
    if (list) list.push(rank);
    else this.patternsByKey.set(record.extenKey, [rank]);
  }

  /**
   * Collects every pattern that `_extension_match_core` accepts for `data`
   * (one code unit per byte, dashes removed): a depth-first walk of the trie
   * paths consistent with the input (iterative: names can be very long).
   */
  private walk(data: string, mode: MatchMode, out: number[]): void {
    const nodes = this.stackNodes;
    const positions = this.stackPositions;
    let top = 0;
    nodes[top] = this.root;
    positions[top++] = 0;
    while (top > 0) {
      const node = nodes[--top];
      const pos = positions[top];
      if (pos === data.length) {
        this.collectAtEndOfData(node, mode, out);
        continue;
      }
      // Input left: `.` matches, `!` early-matches; an end or a broken `[` fails.
      if (node.dot) pushHits(out, node.dot, 1);
      if (node.bang) pushHits(out, node.bang, 2);
      if (node.skip) {
        nodes[top] = node.skip;
        positions[top++] = pos;
      }
      const b = data.charCodeAt(pos);
      const chars = node.charBytes;
      if (chars) {
        const at = chars.indexOf(b);
        if (at >= 0) {
          nodes[top] = node.charNodes![at];
          positions[top++] = pos + 1;
        }
      }
      const sets = node.sets;
      if (!sets) continue;
      if (sets.length <= SETS_SCANNED) {
        for (const edge of sets) {
          if (!edge.table[b]) continue;
          nodes[top] = edge.node;
          positions[top++] = pos + 1;
        }
      } else {
        for (const child of setSuccessors(node, sets, b)) {
          nodes[top] = child;
          positions[top++] = pos + 1;
        }
      }
    }
  }

  /** `resultAtEndOfData` for every entry at or below `node`. */
  private collectAtEndOfData(node: TrieNode, mode: MatchMode, out: number[]): void {
    const partial: MatchResult = mode === 'match' ? 0 : 1;
    pushHits(out, node.end, mode === 'matchmore' ? 0 : 1);
    pushHits(out, node.bang, 2);
    if (!partial) return;
    pushHits(out, node.dot, partial);
    pushHits(out, node.broken, partial);
    pushHits(out, ranksBelow(node), partial);
  }

  private filterByCallerId(hits: number[], callerId: string | undefined): number[] {
    let caller: CString | undefined;
    return hits.filter((h) => {
      const cid = this.ordered[Math.floor(h / 4)].cid;
      if (cid === undefined) return true;
      caller ??= toCString(callerId ?? '');
      return matchCidBytes(cid, caller);
    });
  }

  /** E_MATCH of a dialed `_...`: patterns `ext_cmp`-equal to it match with result 1. */
  private applyPatternEquality(dialed: string, hits: number[]): number[] {
    const equal = this.patternsByKey.get(patternKey(toCString(dialed), 1));
    if (!equal) return hits;
    const ranks = new Set(equal);
    const out = hits.filter((h) => !ranks.has(Math.floor(h / 4)));
    for (const rank of equal) out.push(rank * 4 + 1);
    return out;
  }
}
