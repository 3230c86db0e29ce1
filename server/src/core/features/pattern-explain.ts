/**
 * What a dialplan extension means, as Asterisk's default matcher reads it
 * (main/pbx.c `_extension_match_core`, SPEC §3): each pattern element, how
 * many characters it takes, a few numbers it matches and a near miss with the
 * reason, the well-known shape it has (NANP, international, N11, …), and the
 * meaning of literal and special extensions (s, i, t, T, h, e, a, o, …).
 *
 * Every example and near miss is checked with {@link extensionMatchCore}, the
 * same function Simulate dial uses, so the explanation can never contradict it.
 * Pure module: no I/O, no editor or LSP dependencies.
 */
import { extensionMatchCore, normalizeExtensionName } from '../dialplan/pattern';
import { code, ordinal } from './docs/markdown';

export type PatternElementKind = 'literal' | 'class' | 'set' | 'dot' | 'bang' | 'broken';

export interface PatternElement {
  kind: PatternElementKind;
  /** As written (a whole `[...]` set, one class letter, one literal character). */
  text: string;
  /** Half-open offsets in the stored name (spaces and dashes outside `[]` removed). */
  start: number;
  end: number;
  /** Characters one position accepts, in ascending order (literal, class, set). */
  chars?: string;
  /** "a digit 2–9", "one of 1, 5–7", … */
  description: string;
}

export interface PatternExplanation {
  /** The extension part as given (without the `/cid` part). */
  exten: string;
  /** The caller-ID pattern after `/`, if any (`''` = only callers without a number). */
  cid?: string;
  isPattern: boolean;
  /** Meaning of a special extension (s, i, t, T, h, e, a, o, fax, talk). */
  special?: string;
  elements: PatternElement[];
  /** Characters taken: at least `min`; `max` undefined when `.` or `!` leaves it open. */
  min: number;
  max?: number;
  /** Name of a well-known shape (NANP 10-digit, N11 service codes, …). */
  shape?: string;
  /** Numbers it matches (checked with extensionMatchCore). */
  examples: string[];
  /** A close number it does not match, and why. */
  nearMiss?: { number: string; reason: string };
  /** Pitfalls worth knowing (text after `.`, discouraged `_.`, broken sets, …). */
  notes: string[];
}

/** The special extensions Asterisk itself jumps to (SPEC §3.6), by exact (case-sensitive) name. */
export const SPECIAL_EXTENSIONS: Readonly<Record<string, string>> = {
  s: "**start**: used when a call enters the dialplan with no extension — analog lines, a SIP request with an empty user part, a `register =>` line without `/extension`, and `Macro()` (which always starts at `s`).",
  i: '**invalid**: Asterisk jumps here when the caller dials digits that match nothing in the context (after `Background`/`WaitExten`), or a Goto targets a missing extension. `${INVALID_EXTEN}` holds what was dialed. Without `i` (or `e`) the call is hung up.',
  t: '**response timeout**: the caller dialed nothing within the response timeout after `Background()`/`WaitExten()` (`TIMEOUT(response)`, default 10 s). Digits that stop before matching anything go to `i` instead.',
  T: '**absolute timeout**: the call exceeded `TIMEOUT(absolute)`.',
  h: '**hangup**: runs after the caller hangs up, for cleanup and logging (`${HANGUPCAUSE}`, `${DIALSTATUS}`). Applications that need a live channel fail here. Hangup handlers (`CHANNEL(hangup_handler_push)`, Asterisk 11+) are the more precise tool.',
  e: '**exception**: catches an invalid extension, a response timeout or an absolute timeout when `i`, `t` or `T` is not defined; `${EXCEPTION(reason)}` tells which (INVALID, RESPONSETIMEOUT, ABSOLUTETIMEOUT).',
  a: '**assistant**: `VoiceMail()` jumps here when the caller presses `*` during the greeting.',
  o: '**operator**: `VoiceMail()` jumps here when the caller presses `0` during the greeting.',
  fax: '**fax**: a channel with fax detection (sip.conf `faxdetect=yes`) is sent here when a fax tone (CNG) or T.38 re-INVITE is detected.',
  talk: '**talk**: `BackgroundDetect()` jumps here when it hears the caller speak.',
};

/** What the `hint` priority means (shown by hovers on priorities and extensions). */
export const HINT_MEANING =
  '`hint` is not a step: it ties the extension to device state (`exten => 100,hint,SIP/alice`, or several devices joined with `&`). Phones subscribe to it (BLF lamps) and `${EXTENSION_STATE()}` / `${HINT()}` read it. Hints on non-pattern extensions have `${...}` expanded at load.';

/** Well-known literal numbers. */
const KNOWN_LITERALS: Readonly<Record<string, string>> = {
  '911': 'emergency number (US/Canada)',
  '933': 'E911 address readback test (US carriers)',
  '112': 'emergency number (Europe, GSM networks)',
  '999': 'emergency number (UK, Ireland, Hong Kong, …)',
  '000': 'emergency number (Australia)',
  '211': 'N11 code: community information (US/Canada)',
  '311': 'N11 code: non-emergency city services (US/Canada)',
  '411': 'N11 code: directory assistance (US/Canada)',
  '511': 'N11 code: traffic information (US/Canada)',
  '611': 'N11 code: carrier repair service (US/Canada)',
  '711': 'N11 code: relay service for the deaf (US/Canada)',
  '811': 'N11 code: call before you dig (US/Canada)',
};

interface Shape {
  key: string;
  name: string;
  examples?: string[];
  nearMiss?: string;
}

/** Canonical element strings (classes upper-cased, dashes removed) of well-known shapes. */
const SHAPES: Shape[] = [
  { key: 'NXXNXXXXXX', name: 'NANP 10-digit number (area code + exchange + line, US/Canada)', examples: ['2223334444', '5552345678', '8005550199'], nearMiss: '1234567890' },
  { key: '1NXXNXXXXXX', name: 'NANP 11-digit number with the leading 1 (long distance, US/Canada)', examples: ['12223334444', '18005550199'], nearMiss: '11234567890' },
  { key: 'NXXXXXX', name: '7-digit local number (NANP)', examples: ['5551212', '2345678'], nearMiss: '1551212' },
  { key: 'N11', name: 'N11 service codes (211 info, 311 city, 411 directory, 511 traffic, 611 repair, 711 relay, 811 dig-safe, 911 emergency)', examples: ['411', '611', '911'], nearMiss: '111' },
  { key: '911', name: 'emergency number (US/Canada)', examples: ['911'] },
  { key: '112', name: 'emergency number (Europe)', examples: ['112'] },
  { key: '999', name: 'emergency number (UK)', examples: ['999'] },
  { key: '1800NXXXXXX', name: 'toll-free 1-800 number (NANP)', examples: ['18002223333'] },
  { key: '1900NXXXXXX', name: 'premium-rate 1-900 number (NANP): often blocked', examples: ['19002223333'] },
  { key: '011.', name: 'international call from NANP (011 + country code + number)', examples: ['011442079460000', '01133123456789'], nearMiss: '011' },
  { key: '00.', name: 'international call (00 + country code + number; most countries outside NANP)', examples: ['00442079460000', '0033123456789'], nearMiss: '00' },
  { key: '+.', name: 'E.164 number with a leading +', examples: ['+442079460000', '+12223334444'], nearMiss: '+' },
  { key: '+X.', name: 'E.164 number with a leading +', examples: ['+442079460000', '+12223334444'], nearMiss: '+4' },
  { key: 'X.', name: 'catch-all: anything of two or more characters that starts with a digit' },
  { key: 'X!', name: 'catch-all: anything that starts with a digit (early match, no waiting for more digits)' },
  { key: '.', name: 'catch-all of one or more characters, including the special extensions s, i, t and h (discouraged)' },
  { key: '!', name: 'catch-all of zero or more characters, including the special extensions (discouraged)' },
];

const SHAPES_BY_KEY = new Map<string, Shape>();
for (const s of SHAPES) if (!SHAPES_BY_KEY.has(s.key)) SHAPES_BY_KEY.set(s.key, s);

const DIGITS = '0123456789';

/** Parse the elements of a `_` pattern (the text after `_`, up to `/`) as the matcher reads them. */
function parseElements(ext: string, notes: string[]): PatternElement[] {
  const out: PatternElement[] = [];
  let i = 1; // after '_'
  while (i < ext.length) {
    const c = ext[i]!;
    if (c === '-' || c === ' ') {
      i++;
      continue;
    }
    if (c === '/') break;
    const start = i;
    switch (c) {
      case 'N':
      case 'n':
        out.push({ kind: 'class', text: c, start, end: i + 1, chars: '23456789', description: 'a digit 2–9' });
        break;
      case 'X':
      case 'x':
        out.push({ kind: 'class', text: c, start, end: i + 1, chars: DIGITS, description: 'a digit 0–9' });
        break;
      case 'Z':
      case 'z':
        out.push({ kind: 'class', text: c, start, end: i + 1, chars: '123456789', description: 'a digit 1–9' });
        break;
      case '.': {
        out.push({ kind: 'dot', text: c, start, end: i + 1, description: 'one or more further characters (any character, not only digits); the match ends here' });
        const rest = ext.slice(i + 1).split('/')[0]!.replace(/[- ]/g, '');
        if (rest) notes.push(`Everything after \`.\` (${code(rest)}) is ignored: the match succeeds as soon as \`.\` is reached with input left (\`_1.2\` matches 19).`);
        return out;
      }
      case '!': {
        out.push({ kind: 'bang', text: c, start, end: i + 1, description: 'zero or more further characters; an early match: Asterisk stops waiting for more digits here' });
        const rest = ext.slice(i + 1).split('/')[0]!.replace(/[- ]/g, '');
        if (rest) notes.push(`Everything after \`!\` (${code(rest)}) is ignored.`);
        return out;
      }
      case '[': {
        const close = ext.indexOf(']', i + 1);
        if (close === -1) {
          out.push({ kind: 'broken', text: ext.slice(i), start, end: ext.length, description: "a `[` without `]`: Asterisk logs 'Wrong usage of [] in the extension' and nothing matches from here" });
          notes.push('The `[` has no closing `]`: this pattern matches nothing from that point on.');
          return out;
        }
        const body = ext.slice(i + 1, close);
        i = close + 1;
        if (body === '') {
          notes.push('An empty `[]` is skipped.');
          continue;
        }
        const { chars, text } = parseSet(body, notes);
        out.push({ kind: 'set', text: `[${body}]`, start, end: close + 1, chars, description: text });
        continue;
      }
      default:
        out.push({ kind: 'literal', text: c, start, end: i + 1, chars: c, description: /\d/.test(c) ? `the digit ${c}` : /[a-z]/i.test(c) ? `the letter ${code(c)} (case-sensitive)` : `the character ${code(c)}` });
    }
    i++;
  }
  return out;
}

/** A `[...]` body the way `_extension_match_core` scans it: `a-b` is a range only when a character follows the `-`. */
function parseSet(body: string, notes: string[]): { chars: string; text: string } {
  const set = new Set<number>();
  let backwards = false;
  for (let p = 0; p < body.length; p++) {
    if (p + 2 < body.length && body[p + 1] === '-') {
      const a = body.charCodeAt(p);
      const b = body.charCodeAt(p + 2);
      if (a > b) backwards = true;
      for (let c = a; c <= b; c++) set.add(c);
      p += 2;
    } else set.add(body.charCodeAt(p));
  }
  if (backwards) notes.push(`The range in ${code('[' + body + ']')} runs backwards: that part matches nothing.`);
  if (set.has(0x2d)) notes.push(`The \`-\` in ${code('[' + body + ']')} is literal (no character after it), but dialed dashes are skipped, so it never matches.`);
  const sorted = [...set].sort((a, b) => a - b);
  const chars = String.fromCharCode(...sorted);
  return { chars, text: describeChars(chars) };
}

/** "a digit 2–9", "one of 1, 5–7", "one of *, #". */
function describeChars(chars: string): string {
  if (chars === '') return 'nothing (an empty range)';
  if (chars === DIGITS) return 'a digit 0–9';
  if (chars.length === 1) return /\d/.test(chars) ? `the digit ${chars}` : `the character ${code(chars)}`;
  const codes = [...chars].map((c) => c.charCodeAt(0));
  const parts: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    const a = String.fromCharCode(codes[i]!);
    const b = String.fromCharCode(codes[j]!);
    if (j - i >= 2) parts.push(`${a}–${b}`);
    else for (let k = i; k <= j; k++) parts.push(String.fromCharCode(codes[k]!));
    i = j + 1;
  }
  const allDigits = /^\d+$/.test(chars);
  if (allDigits && parts.length === 1) return `a digit ${parts[0]}`;
  return `one of ${parts.join(', ')}`;
}

/** The canonical element string used to recognise shapes. */
function canonical(elements: PatternElement[]): string {
  return elements.map((e) => (e.kind === 'class' ? e.text.toUpperCase() : e.kind === 'set' ? e.text : e.text)).join('');
}

function shapeOf(elements: PatternElement[]): Shape | undefined {
  const key = canonical(elements);
  const known = SHAPES_BY_KEY.get(key);
  if (known) return known;
  // A literal dial-out prefix (9, 0, 8…) before a known shape.
  for (let n = 1; n <= 2 && n < elements.length; n++) {
    const head = elements.slice(0, n);
    if (!head.every((e) => e.kind === 'literal' && /\d/.test(e.text))) break;
    const rest = SHAPES_BY_KEY.get(canonical(elements.slice(n)));
    if (rest && !rest.key.startsWith('.') && !rest.key.startsWith('!')) {
      const prefix = head.map((e) => e.text).join('');
      return { key, name: `${prefix} + ${rest.name} — ${prefix} is an outside-line prefix; \`\${EXTEN:${n}}\` drops it` };
    }
  }
  if (elements.length && elements[0]!.kind === 'literal' && (elements[0]!.text === '*' || elements[0]!.text === '#')) return { key, name: 'feature code (star code)' };
  // An extension range: digits only, fixed length 2–6, a first position of consecutive digits, then X.
  const fixed = elements.every((e) => e.kind === 'literal' || e.kind === 'class' || e.kind === 'set');
  if (fixed && elements.length >= 2 && elements.length <= 6 && elements.every((e) => /^\d+$/.test(e.chars ?? ''))) {
    let lead = 0;
    while (lead < elements.length && elements[lead]!.kind === 'literal') lead++;
    const first = elements[lead];
    const rest = elements.slice(lead + 1);
    if (first && rest.every((e) => e.chars === DIGITS) && isConsecutive(first.chars!)) {
      const prefix = elements.slice(0, lead).map((e) => e.text).join('');
      const lo = prefix + first.chars![0] + '0'.repeat(rest.length);
      const hi = prefix + first.chars![first.chars!.length - 1] + '9'.repeat(rest.length);
      return { key, name: `${elements.length}-digit numbers ${lo}–${hi} (typically internal extensions)` };
    }
  }
  return undefined;
}

function isConsecutive(chars: string): boolean {
  for (let i = 1; i < chars.length; i++) if (chars.charCodeAt(i) !== chars.charCodeAt(i - 1) + 1) return false;
  return true;
}

/** Preferred digits per position for the generated examples (2223334444 for a NANP shape). */
const PREFERRED = ['2223334444555666777888999000111', '3125550142738492016578', '9876543210987654321098'];
const TAILS: Record<'dot' | 'bang', string[]> = { dot: ['123', '5551234', '0'], bang: ['', '123', '5551234'] };

function pick(chars: string, preferred: string): string {
  if (chars.includes(preferred)) return preferred;
  const digits = [...chars].filter((c) => /\d/.test(c));
  if (digits.length) return digits.find((d) => d > preferred) ?? digits[0]!;
  return chars[0]!;
}

function generate(elements: PatternElement[], variant: number): string | undefined {
  let out = '';
  const pref = PREFERRED[variant]!;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (e.kind === 'dot' || e.kind === 'bang') return out + TAILS[e.kind][variant]!;
    if (e.kind === 'broken' || !e.chars) return undefined;
    out += pick(e.chars, pref[i % pref.length]!);
  }
  return out;
}

const matches = (match: string, number: string): boolean => extensionMatchCore(match, number, 'match') !== 0;

/** Why `number` does not match the extension (undefined when it does). */
export function mismatchReason(exten: string, number: string): string | undefined {
  const match = normalizeExtensionName(exten.split('/')[0]!).match;
  if (matches(match, number)) return undefined;
  const dialed = number.replace(/-/g, '');
  if (!match.startsWith('_')) {
    return `a literal extension matches only ${code(match)} exactly (case-sensitive, dashes ignored)`;
  }
  const elements = parseElements(match, []);
  const fixed = elements.filter((e) => e.kind !== 'dot' && e.kind !== 'bang' && e.kind !== 'broken').length;
  const tail = elements[elements.length - 1];
  const unit = (s: string) => (/^\d*$/.test(s) ? 'digit' : 'character');
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (e.kind === 'broken') return 'the pattern has a `[` without `]` and matches nothing from there';
    if (e.kind === 'dot') return i >= dialed.length ? `too short: \`.\` needs at least one more character after the first ${i}` : undefined;
    if (e.kind === 'bang') return undefined;
    if (i >= dialed.length) {
      return `too short: ${dialed.length} ${unit(dialed)}${dialed.length === 1 ? '' : 's'}, the pattern needs ${tail && (tail.kind === 'dot' || tail.kind === 'bang') ? 'at least' : 'exactly'} ${tail?.kind === 'dot' ? fixed + 1 : fixed}`;
    }
    const c = dialed[i]!;
    if (!e.chars!.includes(c)) {
      const what = /\d/.test(c) ? 'digit' : 'character';
      const where = `${ordinal(i + 1)} ${what} ${/\d/.test(c) ? c : code(c)}`;
      if (e.kind === 'literal') return `${where}: the pattern wants ${/\d/.test(e.text) ? e.text : code(e.text)} there`;
      if (e.kind === 'class') return `${where}: ${e.text.toUpperCase()} excludes ${/\d/.test(c) ? c : code(c)} (${e.text.toUpperCase()} is ${e.description.replace(/^a digit /, '')})`;
      return `${where}: ${code(e.text)} excludes it (${e.description})`;
    }
  }
  if (dialed.length > fixed) return `too long: ${dialed.length} ${unit(dialed)}s, the pattern takes exactly ${fixed}`;
  return 'no match';
}

/** The near miss: change one restricted position (classes and sets first), else the length. */
function nearMissOf(match: string, elements: PatternElement[], example: string | undefined): { number: string; reason: string } | undefined {
  if (!example) return undefined;
  const tryNumber = (n: string): { number: string; reason: string } | undefined => {
    if (n === '' || matches(match, n)) return undefined;
    const reason = mismatchReason(match, n);
    return reason ? { number: n, reason } : undefined;
  };
  const positions = elements.map((e, i) => ({ e, i })).filter(({ e }) => e.chars !== undefined);
  const ordered = [...positions.filter(({ e }) => e.kind !== 'literal'), ...positions.filter(({ e }) => e.kind === 'literal')];
  for (const { e, i } of ordered) {
    const excluded = [...DIGITS].filter((d) => !e.chars!.includes(d));
    if (!excluded.length) continue;
    const choice = excluded.includes('1') && e.kind !== 'literal' ? '1' : e.kind === 'literal' ? excluded.find((d) => d > e.text) ?? excluded[0]! : excluded[0]!;
    const found = tryNumber(example.slice(0, i) + choice + example.slice(i + 1));
    if (found) return found;
  }
  const fixed = elements.filter((e) => e.chars !== undefined).length;
  const tail = elements[elements.length - 1];
  if (tail?.kind === 'dot') return tryNumber(example.slice(0, fixed));
  if (!tail || tail.chars !== undefined) {
    return tryNumber(example.slice(0, Math.max(1, fixed - 1))) ?? tryNumber(example.slice(0, fixed) + '0');
  }
  // All positions take any digit and the tail is open: a non-digit start.
  return tryNumber('*' + example.slice(1));
}

/**
 * The elements of an extension as the matcher reads them (`_` patterns), or
 * one literal element per character (literals, dashes removed). Used to compare
 * extensions (which numbers two patterns both match).
 */
export function patternElements(exten: string): PatternElement[] {
  const match = normalizeExtensionName(exten.split('/')[0]!).match;
  if (!match.startsWith('_')) return [...match].map((c, i) => ({ kind: 'literal' as const, text: c, start: i, end: i + 1, chars: c, description: c }));
  return parseElements(match, []);
}

/**
 * Explain an extension as written in `exten =>` (the `/cid` part, if any, is
 * split off). Literal extensions get their meaning (special ones included).
 */
export function explainPattern(written: string): PatternExplanation {
  const slash = written.indexOf('/');
  const exten = slash === -1 ? written : written.slice(0, slash);
  const cid = slash === -1 ? undefined : written.slice(slash + 1);
  const match = normalizeExtensionName(exten).match;
  const notes: string[] = [];
  const isPattern = match.startsWith('_');
  const out: PatternExplanation = { exten, cid, isPattern, elements: [], min: 0, examples: [], notes };

  if (!isPattern) {
    out.elements = [...match].map((c, i) => ({ kind: 'literal' as const, text: c, start: i, end: i + 1, chars: c, description: c }));
    out.min = out.max = match.length;
    out.examples = [match];
    const special = SPECIAL_EXTENSIONS[match];
    if (special) out.special = special;
    else if (KNOWN_LITERALS[match]) out.shape = KNOWN_LITERALS[match];
    if (match === 'hint') notes.push(`\`hint\` is special only as the priority of a line: ${HINT_MEANING}`);
    if (!special && ['S', 'I', 'H', 'E', 'A', 'O'].includes(match)) notes.push(`Extension names are case-sensitive: ${code(match)} is not the special ${code(match.toLowerCase())} extension.`);
    if (/[NXZnxz.!\[]/.test(match) && !special && /^[0-9NXZnxz.![\]-]+$/.test(match) && /[NXZnxz.!]/.test(match)) {
      notes.push(`Without a leading \`_\` this is a literal: it matches only the text ${code(match)}. Write ${code('_' + match)} for a pattern.`);
    }
    if (match !== exten) notes.push('Dashes and spaces are ignored: Asterisk stores it as ' + code(match) + '.');
    return out;
  }

  if (match === '_.' || match === '_!') {
    notes.push(`${code(match)} also matches the special extensions s, i, t, h and T, which can loop or swallow hangups: Asterisk warns at load. Use ${code('_X' + match[1])}.`);
  }
  out.elements = parseElements(match, notes);
  const fixed = out.elements.filter((e) => e.chars !== undefined).length;
  const tail = out.elements[out.elements.length - 1];
  if (tail?.kind === 'dot') out.min = fixed + 1;
  else if (tail?.kind === 'bang') out.min = fixed;
  else {
    out.min = fixed;
    out.max = tail?.kind === 'broken' ? undefined : fixed;
  }
  const shape = shapeOf(out.elements.filter((e) => e.kind !== 'broken'));
  if (shape && tail?.kind !== 'broken') out.shape = shape.name;

  const candidates = [...(shape?.examples ?? []), generate(out.elements, 0), generate(out.elements, 1), generate(out.elements, 2)];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === undefined || c === '' || seen.has(c)) continue;
    seen.add(c);
    if (matches(match, c)) out.examples.push(c);
    if (out.examples.length === 3) break;
  }
  if (shape?.nearMiss && !matches(match, shape.nearMiss)) {
    const reason = mismatchReason(match, shape.nearMiss);
    if (reason) out.nearMiss = { number: shape.nearMiss, reason };
  }
  out.nearMiss ??= nearMissOf(match, out.elements, out.examples[0]);
  if (!out.examples.length && tail?.kind !== 'broken') notes.push('No number can match this pattern.');
  return out;
}

/** "exactly 10 digits", "at least 4 characters". */
export function lengthText(e: PatternExplanation): string {
  const digitsOnly = e.elements.some((x) => x.chars !== undefined) && e.elements.every((x) => x.kind === 'dot' || x.kind === 'bang' || /^\d+$/.test(x.chars ?? ''));
  const unit = (n: number) => (digitsOnly ? (n === 1 ? 'digit' : 'digits') : n === 1 ? 'character' : 'characters');
  if (e.max !== undefined && e.max === e.min) return `exactly ${e.min} ${unit(e.min)}`;
  return `at least ${e.min} ${unit(e.min)}`;
}

/** Group runs of equal elements: `XXX` → one row "three digits 0–9". */
function rows(elements: PatternElement[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < elements.length; ) {
    let j = i;
    const e = elements[i]!;
    while (j + 1 < elements.length && e.kind !== 'literal' && elements[j + 1]!.kind === e.kind && elements[j + 1]!.text.toUpperCase() === e.text.toUpperCase()) j++;
    if (e.kind === 'literal') {
      while (j + 1 < elements.length && elements[j + 1]!.kind === 'literal') j++;
      const text = elements.slice(i, j + 1).map((x) => x.text).join('');
      out.push(`${code(text)} — ${text.length === 1 ? e.description : `literally ${/^\d+$/.test(text) ? text : code(text)}`}`);
    } else {
      const n = j - i + 1;
      const text = elements.slice(i, j + 1).map((x) => x.text).join('');
      const desc = n === 1 ? e.description : e.kind === 'class' ? `${n} ${e.description.replace(/^a digit/, 'digits')}` : `${n} × ${e.description}`;
      out.push(`${code(text)} — ${desc}`);
    }
    i = j + 1;
  }
  return out;
}

/** `N = 2-9, X = 0-9` for the digit classes a pattern uses (before any `/` caller-ID part). */
function legendOf(exten: string): string {
  const body = exten.split('/')[0]!.replace(/\[[^\]]*\]/g, '');
  const classes: [string, string][] = [
    ['N', '2-9'],
    ['X', '0-9'],
    ['Z', '1-9'],
  ];
  const used = classes.filter(([c]) => body.slice(1).toUpperCase().includes(c)).map(([c, r]) => `${c} = ${r}`);
  return used.length ? used.join(', ') : '';
}

/** The explanation as Markdown (used by hover). */
export function explanationMarkdown(e: PatternExplanation): string {
  const lines: string[] = [];
  if (!e.isPattern) {
    if (e.special) {
      lines.push(`**Special extension** ${code(e.exten)} — ${e.special}`);
    } else {
      lines.push(`**Extension** ${code(e.exten)} — a literal: matches exactly ${code(e.examples[0] ?? e.exten)} (case-sensitive; dashes are ignored on both sides).` + (e.shape ? ` This is the ${e.shape}.` : ''));
    }
  } else {
    lines.push(`**Pattern** ${code(e.exten)}` + (e.shape ? ` — ${e.shape}` : ''));
    const legend = legendOf(e.exten);
    if (legend) lines.push('', legend);
    lines.push('');
    lines.push('`_` marks a pattern. Then:');
    for (const r of rows(e.elements)) lines.push(`- ${r}`);
    lines.push('');
    if (e.elements.some((x) => x.kind === 'broken')) lines.push('Matches nothing: the `[` has no closing `]`.');
    else lines.push(`Takes ${lengthText(e)}.`);
    if (e.examples.length) {
      let s = `Matches e.g. ${e.examples.map(code).join(', ')}.`;
      if (e.nearMiss) s += ` Not ${code(e.nearMiss.number)}: ${e.nearMiss.reason}.`;
      lines.push(s);
    } else if (e.nearMiss) lines.push(`Does not match ${code(e.nearMiss.number)}: ${e.nearMiss.reason}.`);
  }
  if (e.cid !== undefined) {
    lines.push('');
    lines.push(e.cid === '' ? 'Only for callers **without** a caller number (`/` with an empty caller-ID pattern).' : `Only for callers whose number matches ${code(e.cid)}${e.cid.startsWith('_') ? '' : ' exactly (the caller-ID part needs its own `_` to be a pattern)'}.`);
  }
  for (const n of e.notes) {
    lines.push('');
    lines.push(`⚠ ${n}`);
  }
  return lines.join('\n');
}
