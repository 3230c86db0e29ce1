/**
 * Chevrotain tokens for logical config lines (after comment removal, see
 * comments.ts), lexed together, joined by '\n'. Asterisk's `process_text_line`
 * decides what a line is by its first character — '[' a section, '#' a
 * directive, anything else a `name = value` line — and then reads the rest with
 * plain string rules (buildNode in parser.ts). So each logical line is one
 * token of its kind, and the newlines between them are skipped: one token per
 * line keeps lexing cheap on megabyte dialplans (Chevrotain's performance guide:
 * fewer, larger tokens; custom matchers with start-character hints).
 * The lexer cannot fail: every character belongs to some token.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from 'chevrotain';

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

export const tokenVocabulary: TokenType[] = [NL, SectionLine, DirectiveLine, AssignmentLine];

export const lineLexer = new Lexer(tokenVocabulary, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});
