/**
 * Chevrotain tokens for config lines. Asterisk's `process_text_line` decides
 * what a line is by its first character — '[' a section, '#' a directive,
 * anything else a `name = value` line — and then reads the rest with plain
 * string rules (buildNode in parser.ts). So tokens are whole lines of a kind
 * (Chevrotain's performance guide: fewer, larger tokens; custom matchers with
 * start-character hints). Two lexers:
 * - `sourceLexer` reads the file text itself: a token per section or
 *   directive line and per run of assignment lines (its payload counts them);
 *   blank and comment-only lines are skipped, leading blanks belong to the
 *   line. It serves files whose lines are their own logical lines (no block
 *   comments, no NUL, no overlong lines: see CommentScan.plain), nearly all.
 * - `lineLexer` reads the logical lines after comment removal (comments.ts),
 *   joined by '\n', a token per line, for the rest.
 * Neither can fail: every character belongs to some token.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type ILexingResult, type TokenType } from 'chevrotain';
import { keepShape } from '../shapes';

/** A token from a line's first character to the end of the line; `first` restricts that character. */
function wholeLine(first?: number): CustomPatternMatcherFunc {
  // Chevrotain reads match[0] at once and keeps only the string: one array serves every match.
  const match = [''] as unknown as RegExpExecArray;
  return (text, offset) => {
    const c = text.charCodeAt(offset);
    if (first !== undefined ? c !== first : c === 91 || c === 35 || c === 10) return null;
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    match[0] = text.slice(offset, end);
    return match;
  };
}

/** Line separator; skipped (the parser sees one token per line). */
export const NL = createToken({ name: 'NL', pattern: '\n', line_breaks: true, group: Lexer.SKIPPED });

/** `[name](options) junk` — the whole line. */
export const SectionLine = createToken({ name: 'SectionLine', pattern: { exec: wholeLine(91) }, line_breaks: false, start_chars_hint: ['['] });
/** `#include "file"` — the whole line. */
export const DirectiveLine = createToken({ name: 'DirectiveLine', pattern: { exec: wholeLine(35) }, line_breaks: false, start_chars_hint: ['#'] });
/** `name = value`, `exten => …`, `name += more`, `\;name = …`, or a line without '=' — the whole line. */
export const AssignmentLine = createToken({ name: 'AssignmentLine', pattern: { exec: wholeLine() }, line_breaks: false, start_chars_hint: assignmentStartChars() });

/** Every character but '\n', '[' and '#' starts an assignment line (for the first-char optimization). */
function assignmentStartChars(): string[] {
  const out: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (c !== 10 && c !== 91 && c !== 35) out.push(String.fromCharCode(c));
  return out;
}

/* Lines of the source text ------------------------------------------------ */

const BLANK = 0;
const SECTION = 1;
const DIRECTIVE = 2;
const ASSIGNMENT = 3;

/** C isspace() without the newline. */
function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

// The kind of the line at lastOffset of the text being tokenized (see tokenizeSource): the matchers tried at one
// line start share it.
let lastOffset = -1;
let lastKind = BLANK;

/** What the physical line at `offset` is to Asterisk (remembered for the other matchers tried there). */
function sourceLineKind(text: string, offset: number): number {
  if (offset === lastOffset) return lastKind;
  lastOffset = offset;
  lastKind = lineKindAt(text, offset);
  return lastKind;
}

/** What the physical line starting at `offset` is to Asterisk, by its first non-blank character. */
function lineKindAt(text: string, offset: number): number {
  let i = offset;
  let c = text.charCodeAt(i);
  while (isBlankChar(c)) c = text.charCodeAt(++i);
  // A line that is empty after its blanks (c is '\n' or NaN at the end), or starts with ';', is no line to Asterisk.
  return c === 10 || c !== c || c === 59 ? BLANK : c === 91 ? SECTION : c === 35 ? DIRECTIVE : ASSIGNMENT;
}

/** A whole physical line of one kind, its newline included. */
function sourceLine(kind: number): CustomPatternMatcherFunc {
  const match = [''] as unknown as RegExpExecArray;
  return (text, offset) => {
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
    if (sourceLineKind(text, offset) !== kind) return null;
    const nl = text.indexOf('\n', offset);
    match[0] = text.slice(offset, nl === -1 ? text.length : nl + 1);
    return match;
  };
}

const BLANK_CHARS = [' ', '\t', '\v', '\f', '\r'];

/** A blank or comment-only line: skipped. */
export const SourceBlankLine = createToken({ name: 'SourceBlankLine', pattern: { exec: sourceLine(BLANK) }, line_breaks: true, group: Lexer.SKIPPED, start_chars_hint: [...BLANK_CHARS, ';', '\n'] });
export const SourceSectionLine = createToken({ name: 'SourceSectionLine', pattern: { exec: sourceLine(SECTION) }, line_breaks: true, categories: [SectionLine], start_chars_hint: [...BLANK_CHARS, '['] });
export const SourceDirectiveLine = createToken({ name: 'SourceDirectiveLine', pattern: { exec: sourceLine(DIRECTIVE) }, line_breaks: true, categories: [DirectiveLine], start_chars_hint: [...BLANK_CHARS, '#'] });
/**
 * A run of assignment lines (with the blank and comment-only lines among and
 * after them) up to the next section or directive line: one token, whose
 * payload is the number of assignment lines in it. A dialplan is mostly such
 * runs, so the lexer and the parser handle a token per context rather than per
 * line.
 */
function assignmentRun(): CustomPatternMatcherFunc {
  const match = [''] as unknown as RegExpExecArray & { payload: number };
  return (text, offset) => {
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
    if (sourceLineKind(text, offset) !== ASSIGNMENT) return null;
    if (lines !== undefined) return runFromLines(match, text, offset, lines);
    let count = 0;
    let at = offset;
    while (at < text.length) {
      const kind = lineKindAt(text, at);
      if (kind === SECTION || kind === DIRECTIVE) break;
      if (kind === ASSIGNMENT) count++;
      const nl = text.indexOf('\n', at);
      at = nl === -1 ? text.length : nl + 1;
    }
    match[0] = text.slice(offset, at);
    match.payload = count;
    return match;
  };
}

/**
 * The logical lines of the text being tokenized, when the caller has them (see tokenizeSource): the lines of a
 * file whose lines are their own logical lines, [from, to) of the table, at source offset `base` of the text.
 */
export interface SourceLines {
  /** Where each line's text starts in the file (see LineTable.start); a line's first character is there. */
  starts: Int32Array;
  from: number;
  to: number;
  base: number;
  /** The first logical line not yet in a token. */
  next: number;
}
let lines: SourceLines | undefined;

/**
 * The run of assignment lines at `offset` from the logical lines: the lines up to the next one that starts with '['
 * or '#' (no search for each line's end); the run ends where that line's physical line starts.
 */
function runFromLines(match: RegExpExecArray & { payload: number }, text: string, offset: number, l: SourceLines): RegExpExecArray {
  let k = l.next;
  while (k < l.to && l.starts[k]! - l.base < offset) k++; // the logical line of the physical line at offset
  let j = k;
  while (j < l.to) {
    const c = text.charCodeAt(l.starts[j]! - l.base);
    if (c === 91 /* [ */ || c === 35 /* # */) break;
    j++;
  }
  l.next = j;
  const at = j === l.to ? text.length : text.lastIndexOf('\n', l.starts[j]! - l.base - 1) + 1;
  match[0] = text.slice(offset, at);
  match.payload = j - k;
  return match;
}

/** Every character but '\n', '[', '#' and ';' starts an assignment line; blanks may start any line. */
export const SourceAssignmentLines = createToken({ name: 'SourceAssignmentLines', pattern: { exec: assignmentRun() }, line_breaks: true, categories: [AssignmentLine], start_chars_hint: assignmentStartChars().filter((c) => c !== ';') });

const sourceTokens: TokenType[] = [SourceAssignmentLines, SourceBlankLine, SourceSectionLine, SourceDirectiveLine];
const lineTokens: TokenType[] = [NL, SectionLine, DirectiveLine, AssignmentLine];

/** What the parser reads: the line kinds, and the source lines that belong to them (as categories). */
export const tokenVocabulary: TokenType[] = [...lineTokens, ...sourceTokens];

export const lineLexer = new Lexer(lineTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});

const sourceLexer = new Lexer(sourceTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});

/**
 * Tokenize source text: a token per section or directive line and per run of assignment lines; blank and
 * comment-only lines before them skipped. With `logical`, the text's logical lines (see SourceLines), a run is
 * measured on them instead of by reading each line of the text.
 */
export function tokenizeSource(text: string, logical?: SourceLines): ILexingResult {
  lastOffset = -1;
  lines = logical;
  try {
    return sourceLexer.tokenize(text);
  } finally {
    lastOffset = -1;
    lines = undefined;
  }
}

// A token with a payload has a map of its own, which no token outlives (the parser lets go of them): keep a
// token of each kind of each lexer (see shapes.ts).
const SAMPLE = '[s]\n#include x\na=b\n';
keepShape(tokenizeSource(SAMPLE).tokens);
keepShape(lineLexer.tokenize(SAMPLE).tokens);
