/**
 * Time-restricted includes of extensions.conf:
 * `include => ctx[,times[,weekdays[,mdays[,months[,tz]]]]]`.
 *
 * Ports of:
 * - `include_alloc()` (main/pbx_include.c): the context name ends at the first
 *   `|` of the value if it has one, otherwise at its first `,`; the rest is the
 *   time spec (an empty rest means "no time restriction").
 * - `ast_build_timing()`, `get_timerange()`, `get_range()`, `lookup_name()`
 *   (main/pbx_timing.c), with their exact warning texts.
 * - `ast_check_timing2()` (main/pbx_timing.c) as {@link timingMatches}.
 *
 * All offsets are UTF-16 offsets into the value passed to {@link parseIncludeValue}.
 */

export interface Span {
  start: number;
  end: number;
}

/** A WARNING `ast_build_timing` logs while reading the include (the include is kept). */
export interface TimingWarning extends Span {
  text: string;
}

/** Parsed time spec, the same masks `struct ast_timing` holds. */
export interface IncludeTiming {
  /** 48 words of 30 bits: bit `m % 30` of word `floor(minuteOfDay / 30)`. */
  minmask: number[];
  /** Bit 0 = Sunday … bit 6 = Saturday. */
  dowmask: number;
  /** Bit 0 = 1st … bit 30 = 31st. */
  daymask: number;
  /** Bit 0 = January … bit 11 = December. */
  monthmask: number;
  /**
   * Time zone name; set only when the time spec has exactly 5 comma-separated
   * fields (4 commas), and then it is everything after the last comma.
   */
  timezone?: string;
  /** Where each field sits in the include value (absent fields are absent). */
  spans: {
    times?: Span;
    weekdays?: Span;
    mdays?: Span;
    months?: Span;
    timezone?: Span;
  };
}

export interface IncludeValue {
  /** The included context name (raw text before the separator). */
  context: string;
  /** Offset where the context name ends (the separator, or the value length). */
  contextEnd: number;
  /** Set when the include has a (non-empty) time spec. */
  timing: IncludeTiming | undefined;
  warnings: TimingWarning[];
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** Names accepted for weekdays (`sun`..`sat`, or 1-7 with 1 = Sunday). */
export const WEEKDAY_NAMES: readonly string[] = DAYS;
/** Names accepted for months (`jan`..`dec`, or 1-12). */
export const MONTH_NAMES: readonly string[] = MONTHS;

const ALL_MINUTES = 0x3fffffff;

const isCSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** `sscanf(s + pos, "%<width>d")`: blanks skipped, sign counts toward the width. */
function scanInt(s: string, pos: number, width: number): { value: number; next: number } | null {
  let i = pos;
  while (i < s.length && isCSpace(s[i])) i++;
  const start = i;
  let neg = false;
  if (i < s.length && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  const digits = i;
  while (i < s.length && i - start < width && isDigit(s[i])) i++;
  if (i === digits) return null;
  const v = Number(s.slice(digits, i));
  return { value: neg ? -v : v, next: i };
}

/** `sscanf(s, "%2d:%2d", &h, &m) == 2`. */
function scanHourMinute(s: string): { h: number; m: number } | null {
  const a = scanInt(s, 0, 2);
  if (!a) return null;
  if (s[a.next] !== ':') return null;
  const b = scanInt(s, a.next + 1, 2);
  if (!b) return null;
  return { h: a.value, m: b.value };
}

const bit = (n: number): number => 2 ** n;
const or32 = (a: number, b: number): number => (a | b) >>> 0;
/** Is bit `n` (0..31) set in the unsigned 32-bit `mask`? */
const has = (mask: number, n: number): boolean => n >= 0 && n < 32 && Math.floor((mask >>> 0) / bit(n)) % 2 === 1;

/** Port of `lookup_name()`: a name (if `names` and the text starts above '9') or 1..max. */
function lookupName(s: string, names: readonly string[] | null, max: number): number {
  if (names && s.length > 0 && s[0]! > '9') {
    const lower = s.toLowerCase();
    const idx = names.indexOf(lower);
    if (idx >= 0) return idx;
  }
  const r = scanInt(s, 0, 2);
  if (r && r.value >= 1 && r.value <= max) return r.value - 1;
  return -1;
}

/** Split `[start,end)` of `text` like repeated `strsep(&p, delims)`. */
function strsepAll(text: string, start: number, end: number, delims: string): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (delims.includes(text[i]!)) {
      out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  out.push({ start: s, end });
  return out;
}

/** Port of `get_range()`. */
function getRange(
  text: string,
  field: Span,
  max: number,
  names: readonly string[] | null,
  msg: string,
  warnings: TimingWarning[],
): number {
  const src = text.slice(field.start, field.end);
  if (src === '' || src === '*') return (bit(max) - 1) >>> 0;
  let mask = 0;
  for (const part of strsepAll(text, field.start, field.end, '&')) {
    const partText = text.slice(part.start, part.end);
    const dash = partText.indexOf('-');
    const startText = dash >= 0 ? partText.slice(0, dash) : partText;
    const start = lookupName(startText, names, max);
    if (start < 0) {
      warnings.push({
        text: `Invalid ${msg} '${startText}', skipping element`,
        start: part.start,
        end: part.start + startText.length,
      });
      continue;
    }
    let end = start;
    if (dash >= 0) {
      const endText = partText.slice(dash + 1);
      end = lookupName(endText, names, max);
      if (end < 0) {
        warnings.push({
          text: `Invalid end ${msg} '${endText}', skipping element`,
          start: part.start + dash + 1,
          end: part.end,
        });
        continue;
      }
    }
    /* ranges are cyclic */
    let s = start;
    mask = or32(mask, bit(end));
    while (s !== end) {
      mask = or32(mask, bit(s));
      if (++s >= max) s = 0;
    }
  }
  return mask;
}

/** Port of `get_timerange()`. */
function getTimerange(text: string, field: Span, warnings: TimingWarning[]): number[] {
  const minmask = new Array<number>(48).fill(0);
  const times = text.slice(field.start, field.end);
  if (times === '' || times === '*') {
    return minmask.fill(ALL_MINUTES);
  }
  for (const part of strsepAll(text, field.start, field.end, '&')) {
    const partText = text.slice(part.start, part.end);
    const dash = partText.indexOf('-');
    if (dash < 0) {
      const t = scanHourMinute(partText);
      if (!t || t.h < 0 || t.h > 23 || t.m < 0 || t.m > 59) {
        warnings.push({ text: `${partText} isn't a valid time.`, start: part.start, end: part.end });
        continue;
      }
      const idx = t.h * 2 + (t.m >= 30 ? 1 : 0);
      minmask[idx] = or32(minmask[idx]!, bit(t.m % 30));
      continue;
    }
    const startText = partText.slice(0, dash);
    /* "why skip non digits? Mostly to skip spaces" */
    let e = dash + 1;
    while (e < partText.length && !isDigit(partText[e])) e++;
    if (e >= partText.length) {
      warnings.push({
        text: `Invalid time range starting with '${startText}-'.`,
        start: part.start,
        end: part.end,
      });
      continue;
    }
    const st = scanHourMinute(startText);
    if (!st || st.h < 0 || st.h > 23 || st.m < 0 || st.m > 59) {
      warnings.push({
        text: `'${startText}' isn't a valid start time.`,
        start: part.start,
        end: part.start + dash,
      });
      continue;
    }
    const endText = partText.slice(e);
    const en = scanHourMinute(endText);
    if (!en || en.h < 0 || en.h > 23 || en.m < 0 || en.m > 59) {
      warnings.push({ text: `'${endText}' isn't a valid end time.`, start: part.start + e, end: part.end });
      continue;
    }
    const minuteStart = st.h * 60 + st.m;
    const minuteEnd = en.h * 60 + en.m;
    let x = minuteStart;
    for (; x !== minuteEnd; x = (x + 1) % (24 * 60)) {
      minmask[Math.floor(x / 30)] = or32(minmask[Math.floor(x / 30)]!, bit(x % 30));
    }
    minmask[Math.floor(x / 30)] = or32(minmask[Math.floor(x / 30)]!, bit(x % 30));
  }
  return minmask;
}

/**
 * Port of `ast_build_timing()` on the time spec `text.slice(start)`.
 * Returns `undefined` for an empty spec (Asterisk: `hastime = 0`).
 */
function buildTiming(text: string, start: number, warnings: TimingWarning[]): IncludeTiming | undefined {
  const end = text.length;
  if (start >= end) return undefined;
  /* count the fields: only ',' counts here, although '|' also separates them below */
  let numFields = 1;
  let lastSep = -1;
  for (let j = start; j < end; j++) {
    if (text[j] === ',') {
      lastSep = j;
      numFields++;
    }
  }
  const timing: IncludeTiming = {
    minmask: [],
    dowmask: 0x7f,
    daymask: 0x7fffffff,
    monthmask: 0xfff,
    spans: {},
  };
  if (numFields === 5) {
    timing.timezone = text.slice(lastSep + 1, end);
    timing.spans.timezone = { start: lastSep + 1, end };
  }
  /* strsep(&info, "|,") four times; anything after the 4th field is ignored */
  const fields = strsepAll(text, start, end, '|,');
  const times = fields[0]!;
  timing.spans.times = times;
  timing.minmask = getTimerange(text, times, warnings);
  if (fields.length > 1) {
    timing.spans.weekdays = fields[1]!;
    timing.dowmask = getRange(text, fields[1]!, 7, DAYS, 'day of week', warnings);
  }
  if (fields.length > 2) {
    timing.spans.mdays = fields[2]!;
    timing.daymask = getRange(text, fields[2]!, 31, null, 'day', warnings);
  }
  if (fields.length > 3) {
    timing.spans.months = fields[3]!;
    timing.monthmask = getRange(text, fields[3]!, 12, MONTHS, 'month', warnings);
  }
  return timing;
}

/**
 * Parse the value of an `include =>` line (after variable substitution) the way
 * pbx_config/`include_alloc()` + `ast_build_timing()` do.
 *
 * The context name ends at the first `|` if the value contains one, else at
 * the first `,` (so `a,b|c` names context `a,b`). A time zone is taken only when
 * the time spec has exactly five comma-separated fields.
 */
export function parseIncludeValue(value: string): IncludeValue {
  const warnings: TimingWarning[] = [];
  let sep = value.indexOf('|');
  if (sep < 0) sep = value.indexOf(',');
  // Every result has the same fields (timing undefined when absent): a field added later gives these short-lived
  // objects a shape that dies between checks, and the optimized dialplan build that stored it would be dropped.
  if (sep < 0) return { context: value, contextEnd: value.length, warnings, timing: undefined };
  return { context: value.slice(0, sep), contextEnd: sep, warnings, timing: buildTiming(value, sep + 1, warnings) };
}

/** Broken-down time as `ast_localtime` fills `struct ast_tm`. */
export interface TimeParts {
  /** 0 = January. */
  month: number;
  /** 1..31. */
  mday: number;
  /** 0 = Sunday. */
  wday: number;
  hour: number;
  minute: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * Break `when` down in time zone `tz`.
 * - no `tz` (or an empty one): the local time of this process, like Asterisk's
 *   default `/etc/localtime`;
 * - a zone `Intl` knows (IANA names such as `Europe/Paris`): that zone;
 * - anything else: UTC. Asterisk loads the zone file, then tries it as a POSIX
 *   TZ string (e.g. `EST5EDT`, which we do not interpret), and otherwise falls
 *   back to GMT — so UTC is right for garbage but not for POSIX TZ strings.
 */
export function timeParts(when: Date, tz?: string): TimeParts {
  if (tz === undefined || tz === '') {
    return {
      month: when.getMonth(),
      mday: when.getDate(),
      wday: when.getDay(),
      hour: when.getHours(),
      minute: when.getMinutes(),
    };
  }
  let fmt: Intl.DateTimeFormat | undefined;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    fmt = undefined;
  }
  if (!fmt) {
    return {
      month: when.getUTCMonth(),
      mday: when.getUTCDate(),
      wday: when.getUTCDay(),
      hour: when.getUTCHours(),
      minute: when.getUTCMinutes(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(when)) parts[p.type] = p.value;
  return {
    month: Number(parts.month) - 1,
    mday: Number(parts.day),
    wday: WEEKDAY_INDEX[parts.weekday ?? 'Sun'] ?? 0,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/**
 * Port of `ast_check_timing2()` (main/pbx_timing.c): is the include active at
 * `when`? Evaluated in `t.timezone` when set (see {@link timeParts} for how the
 * zone is resolved), otherwise in the local time zone of this process.
 */
export function timingMatches(t: IncludeTiming, when: Date): boolean {
  const tm = timeParts(when, t.timezone);
  if (!has(t.monthmask, tm.month)) return false;
  if (!has(t.daymask, tm.mday - 1)) return false;
  if (!has(t.dowmask, tm.wday)) return false;
  if (tm.hour < 0 || tm.hour > 23) return false;
  const word = t.minmask[tm.hour * 2 + (tm.minute >= 30 ? 1 : 0)] ?? 0;
  return has(word, tm.minute >= 30 ? tm.minute - 30 : tm.minute);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Can the include ever be active? False when no minute, weekday, month or
 * valid (month, day) pair is left — e.g. `*,*,31,feb` or `*,*,30,feb` never
 * match. Every (month, day) that exists, 29 February included, falls on every
 * weekday over the years, so weekdays only matter when none is left.
 */
export function timingCanEverMatch(t: IncludeTiming): boolean {
  if (!t.minmask.some((w) => w !== 0)) return false;
  if ((t.dowmask & 0x7f) === 0) return false;
  for (let m = 0; m < 12; m++) {
    if (!has(t.monthmask, m)) continue;
    for (let d = 1; d <= DAYS_IN_MONTH[m]!; d++) {
      if (has(t.daymask, d - 1)) return true;
    }
  }
  return false;
}
