/**
 * Asterisk's comment and line handling (main/config.c `config_text_file_load`),
 * ported character for character, in source offsets:
 * - `;` ends the line (whitespace before it is trimmed later);
 * - `\;` is a literal `;` (the backslash is removed);
 * - `;--` opens a block comment unless a third `-` follows; blocks nest (128 deep);
 * - `--;` closes one level; the text after it joins the text before the opener
 *   on the same line (`x=1;--c--;y` is `x=1y`);
 * - a `--;` outside any block still decrements the nesting counter, so every
 *   following line is ignored until a `;--` brings it back to zero;
 * - a line of 8,191 bytes or more is skipped; a UTF-8 BOM is dropped; a NUL ends
 *   the line (C strings).
 * The result is one logical line per physical line that Asterisk would process,
 * already trimmed, with a map back to source offsets.
 */
import { Buffer } from 'node:buffer';

export const MAX_NESTED_COMMENTS = 128;
export const MAX_LINE_BYTES = 8191;

export interface LogicalLine {
  /** 1-based physical line number (Asterisk's `lineno`). */
  lineNo: number;
  /** Processed and trimmed text. */
  text: string;
  /** Source offset of text[0] when the line is one segment; see `toSource`. */
  start: number;
  /** Segments as flat triplets [textIndex, sourceOffset, length]; undefined when the line is one segment. */
  segs?: number[];
}

export interface ScanProblem {
  code: string;
  start: number;
  end: number;
  /** Exact text Asterisk logs, when it logs something. */
  asterisk?: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

/**
 * The logical lines of a file as parallel arrays of numbers (no object or
 * string per line: a megabyte dialplan has tens of thousands of lines, the
 * parser makes each line's node directly from these and then drops them). The
 * arrays are typed: their memory comes from the allocator, which hands the
 * same memory back parse after parse, where arrays of that length would be
 * new large objects of the JS heap every time, each page of them a page fault.
 */
export interface LineTable {
  /** The file's text. */
  source: string;
  /** How many lines the table holds (the arrays may be longer). */
  count: number;
  lineNo: Int32Array;
  /** Source offset of text[0] (see LogicalLine.start). */
  start: Int32Array;
  /** For a line of one segment, the source offset after its text (the text is source[start, end)). */
  end: Int32Array;
  /** Segments of the few lines made of several pieces (see LogicalLine.segs), by line index. */
  segs: Map<number, number[]>;
  /** The texts of those lines (their pieces joined), by line index. */
  joined: Map<number, string>;
}

/** The text of line i of a table. */
export function lineText(t: LineTable, i: number): string {
  return t.joined.size > 0 && t.joined.has(i) ? t.joined.get(i)! : t.source.slice(t.start[i]!, t.end[i]!);
}

/** Line i of a table as a LogicalLine object. */
export function lineAt(t: LineTable, i: number): LogicalLine {
  const line: LogicalLine = { lineNo: t.lineNo[i]!, text: lineText(t, i), start: t.start[i]! };
  const segs = t.segs.get(i);
  if (segs) line.segs = segs;
  return line;
}

export interface CommentScan {
  lines: LineTable;
  /** Source ranges [start, end) of comment text, for folding and highlighting. */
  comments: number[];
  problems: ScanProblem[];
  /**
   * Every logical line is its physical line, trimmed and cut at its first
   * unescaped ';': no block comment marker, no NUL, no line skipped for its
   * length. (The parser then lexes the source text itself.)
   */
  plain: boolean;
}

/** Map an index into a logical line's text (0..text.length) to a source offset. */
export function toSource(line: Pick<LogicalLine, 'start' | 'segs'>, index: number): number {
  const segs = line.segs;
  if (!segs) return line.start + index;
  let i = 0;
  while (i + 3 < segs.length && segs[i + 3]! <= index) i += 3;
  // An index at a segment boundary belongs to the later segment, except the very end.
  if (index >= segs[i]! + segs[i + 2]! && i + 3 >= segs.length) return segs[i + 1]! + segs[i + 2]!;
  return segs[i + 1]! + (index - segs[i]!);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function utf8Length(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Reused by firstNul: a file's text as Latin-1 bytes (kept while it is at most NUL_SCRATCH_MAX bytes). */
let nulScratch: Buffer | undefined;
const NUL_SCRATCH_MAX = 8 * 1024 * 1024;

/**
 * Where a whole file's first NUL is (-1: none). A text with a character past Latin-1 is stored as UTF-16, and there
 * V8's indexOf('\0') and split('\0') test every character (0.8 ms a megabyte); written out as Latin-1 bytes (a
 * character past Latin-1 keeps its low byte) the text is searched by memchr, 0.1 ms a megabyte for either kind of
 * text. A zero byte is a NUL only if the character there is one (U+0100, U+2000… also leave a zero byte).
 */
function firstNul(text: string): number {
  const n = text.length;
  let bytes = nulScratch;
  if (bytes === undefined || bytes.length < n) {
    bytes = Buffer.allocUnsafe(n);
    if (n <= NUL_SCRATCH_MAX) nulScratch = bytes;
  }
  bytes.write(text, 0, n, 'latin1');
  const view = bytes.subarray(0, n);
  for (let i = view.indexOf(0); i !== -1; i = view.indexOf(0, i + 1)) if (text.charCodeAt(i) === 0) return i;
  return -1;
}

/**
 * text.indexOf(char, from) when it is before `to`, else -1: a few edited lines of a large file are searched
 * without reading on to the end of the text (which has no NUL and may have no ';' after them).
 */
function indexIn(text: string, char: string, from: number, to: number): number {
  if (char === '\0' && from === 0 && to === text.length && to > 4096) return firstNul(text);
  if (to - from > 4096) {
    const i = text.indexOf(char, from);
    return i < to ? i : -1;
  }
  const c = char.charCodeAt(0);
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

/**
 * Scan `text`, or only its physical lines in [from, to) (`from` a line start,
 * `to` the end of the text or a '\n'; numbered from `firstLineNo`), which is
 * what the incremental reparse does between lines it can keep.
 */
export function scanLines(text: string, from = 0, to = text.length, firstLineNo = 1): CommentScan {
  // Room for a line per 32 characters to begin with (a dialplan's lines are longer), doubled when full.
  const room = Math.max(64, ((to - from) >> 5) + 1);
  const lines: LineTable = { source: text, count: 0, lineNo: new Int32Array(room), start: new Int32Array(room), end: new Int32Array(room), segs: new Map(), joined: new Map() };
  const comments: number[] = [];
  const problems: ScanProblem[] = [];
  let comment = 0;
  const nestStarts: number[] = [];
  const nestLines: number[] = [];
  let blockStart = -1; // offset of the outermost open ";--"
  let strayAt = -1; // offset of a "--;" that sent the counter below zero
  let strayIgnored = 0;
  let lineNo = firstLineNo - 1;
  let ls = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
  const n = to;
  let nextNul = indexIn(text, '\0', from, to);
  let nextSemi = indexIn(text, ';', from, to);
  let plain = nextNul === -1 || nextNul >= to;

  while (ls < n) {
    lineNo++;
    let nl = text.indexOf('\n', ls);
    if (nl === -1 || nl > n) nl = n;
    let le = nl;
    if (nextNul !== -1 && nextNul < ls) nextNul = indexIn(text, '\0', ls, to);
    if (nextNul !== -1 && nextNul < le) le = nextNul;

    // 8192-byte fgets buffer: such a line is skipped before comment processing.
    if (nl - ls >= MAX_LINE_BYTES / 4 && utf8Length(text, ls, nl) >= MAX_LINE_BYTES) {
      const head = text.slice(ls, Math.min(ls + 32, nl));
      problems.push({
        code: 'line-too-long',
        start: ls,
        end: Math.min(nl, ls + 80),
        severity: 'error',
        asterisk: `Line ${lineNo} too long, skipping. It begins with: ${head}...`,
        message: `Line ${lineNo} is ${utf8Length(text, ls, nl)} bytes long; Asterisk reads at most 8,190 bytes per line and skips this line entirely.`,
      });
      ls = nl + 1;
      continue;
    }

    if (nextSemi !== -1 && nextSemi < ls) nextSemi = indexIn(text, ';', ls, to);
    if (nextSemi === -1 || nextSemi >= le) {
      // Fast path: no ';' on this line, so nothing but trimming can happen.
      if (comment === 0) {
        let a = ls;
        let b = le;
        while (a < b && isSpace(text.charCodeAt(a))) a++;
        while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
        if (a < b) addLine(lineNo, a, b, undefined, undefined);
      } else if (comment < 0 && hasNonSpace(text, ls, le)) strayIgnored++;
      ls = nl + 1;
      continue;
    }

    // The process buffer as [start, end) source pairs; `tail` is the open last one.
    const startedIgnored = comment < 0;
    let active = comment === 0;
    const segs: number[] = [];
    let tail = active ? ls : -1;
    let pos = ls; // Asterisk's new_buf

    for (;;) {
      // Positions only grow, so one forward search per semicolon keeps this linear.
      if (nextSemi !== -1 && nextSemi < pos) nextSemi = indexIn(text, ';', pos, to);
      const i = nextSemi;
      if (i === -1 || i >= le) break;
      if (i > pos && text.charCodeAt(i - 1) === 92 /* backslash */) {
        // "\\;" is a literal semicolon: the backslash disappears.
        if (tail !== -1) {
          segs.push(tail, i - 1);
          tail = i;
        }
        pos = i + 1;
      } else if (i + 2 < le && text.charCodeAt(i + 1) === 45 && text.charCodeAt(i + 2) === 45 && text.charCodeAt(i + 3) !== 45) {
        // ";--" opens a block comment.
        plain = false;
        pos = i + 3;
        if (comment >= MAX_NESTED_COMMENTS) {
          problems.push({
            code: 'comment-nesting-too-deep',
            start: i,
            end: i + 3,
            severity: 'error',
            asterisk: `Maximum nest limit of ${MAX_NESTED_COMMENTS} reached.`,
            message: `Block comments nest at most ${MAX_NESTED_COMMENTS} deep; Asterisk misreads the rest of this file.`,
          });
          continue;
        }
        if (tail !== -1) {
          segs.push(tail, i);
          tail = -1;
        }
        comment++;
        if (comment === 1) blockStart = i;
        else if (comment === 0) finishStray(); // back from a stray "--;": the next line is read again
        nestStarts[comment - 1] = i;
        nestLines[comment - 1] = lineNo;
      } else if (i >= pos + 2 && text.charCodeAt(i - 1) === 45 && text.charCodeAt(i - 2) === 45) {
        // "--;" closes one level; text after it joins the text before the opener.
        plain = false;
        comment--;
        pos = i + 1;
        if (comment === 0) {
          if (blockStart !== -1) comments.push(blockStart, i + 1);
          blockStart = -1;
          active = true;
          tail = i + 1;
        } else if (comment === -1) {
          strayAt = i - 2;
          strayIgnored = 0;
        }
      } else if (comment === 0) {
        // A plain ";" ends the line.
        if (tail !== -1) {
          segs.push(tail, i);
          tail = -1;
        }
        comments.push(i, le);
        break;
      } else {
        pos = i + 1;
      }
    }
    if (tail !== -1) segs.push(tail, le);
    if (startedIgnored && comment < 0 && hasNonSpace(text, ls, le)) strayIgnored++;
    if (active) pushLine(segs);
    ls = nl + 1;
  }

  if (strayAt !== -1) finishStray();
  if (comment > 0) {
    const at = nestStarts[comment - 1]!;
    problems.push({
      code: 'unterminated-block-comment',
      start: at,
      end: at + 3,
      severity: 'warning',
      asterisk: `Unterminated comment detected beginning on line ${nestLines[comment - 1]}`,
      message: `This ';--' block comment is never closed with '--;': everything after it to the end of the file is a comment.`,
    });
    if (blockStart !== -1) comments.push(blockStart, n);
  }
  return { lines, comments, problems, plain: plain && problems.length === 0 };

  function finishStray(): void {
    const lost = strayIgnored;
    problems.push({
      code: 'stray-block-comment-end',
      start: strayAt,
      end: strayAt + 3,
      severity: 'warning',
      message:
        `'--;' outside a block comment: Asterisk keeps it as text here but then silently ignores every following line until a ';--' appears` +
        (lost > 0 ? ` (${lost} non-blank line${lost === 1 ? '' : 's'} ignored).` : '.') +
        ` Write '\\;' for a literal semicolon.`,
    });
    strayAt = -1;
  }

  function pushLine(segs: number[]): void {
    let raw: string;
    let flat: number[] | undefined;
    if (segs.length === 2) raw = text.slice(segs[0], segs[1]);
    else {
      raw = '';
      flat = [];
      for (let k = 0; k < segs.length; k += 2) {
        if (segs[k + 1]! <= segs[k]!) continue;
        flat.push(raw.length, segs[k]!, segs[k + 1]! - segs[k]!);
        raw += text.slice(segs[k], segs[k + 1]);
      }
    }
    // ast_strip
    let a = 0;
    let b = raw.length;
    while (a < b && isSpace(raw.charCodeAt(a))) a++;
    while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
    if (a === b) return;
    if (!flat) {
      addLine(lineNo, segs[0]! + a, segs[0]! + b, undefined, undefined);
      return;
    }
    const out: number[] = [];
    for (let k = 0; k < flat.length; k += 3) {
      const ts = flat[k]!;
      const s = Math.max(ts, a);
      const e = Math.min(ts + flat[k + 2]!, b);
      if (e > s) out.push(s - a, flat[k + 1]! + (s - ts), e - s);
    }
    // A text of one piece is the source's [start, start + length); one of several is kept as it is.
    addLine(lineNo, out[1]!, out[1]! + (b - a), out.length > 3 ? out : undefined, out.length > 3 ? raw.slice(a, b) : undefined);
  }

  /** A line whose text is source[start, end) (or `joined`, of the pieces `lineSegs`). */
  function addLine(no: number, start: number, end: number, lineSegs: number[] | undefined, joined: string | undefined): void {
    const i = lines.count;
    if (i === lines.start.length) grow(lines);
    if (lineSegs) lines.segs.set(i, lineSegs);
    if (joined !== undefined) lines.joined.set(i, joined);
    lines.lineNo[i] = no;
    lines.start[i] = start;
    lines.end[i] = end;
    lines.count = i + 1;
  }
}

/** Twice the room for lines. */
function grow(t: LineTable): void {
  const double = (a: Int32Array): Int32Array => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  t.lineNo = double(t.lineNo);
  t.start = double(t.start);
  t.end = double(t.end);
}

function hasNonSpace(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}
