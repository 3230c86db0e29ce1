/**
 * Chevrotain tokens for logical config lines (after comment removal, see
 * comments.ts), lexed together, joined by '\n'. As in Chevrotain's INI example,
 * a lexer mode after '=' makes the rest of the line one Value token, and a
 * section or directive line is one token: Asterisk decides a line's kind by its
 * first character and then reads the rest with plain string rules (buildNode).
 * The lexer cannot fail: every character belongs to some token.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from 'chevrotain';

/** A token that only matches at the start of a line, from `first` to the end of the line. */
function wholeLineFrom(first: string): CustomPatternMatcherFunc {
  const code = first.charCodeAt(0);
  return (text, offset) => {
    if (text.charCodeAt(offset) !== code) return null;
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    return [text.slice(offset, end)] as unknown as RegExpExecArray;
  };
}

export const NL = createToken({ name: 'NL', pattern: /\n/, line_breaks: true });
export const ValueNL = createToken({ name: 'ValueNL', pattern: /\n/, line_breaks: true, pop_mode: true, categories: [NL] });

/** `[name](options) junk` — the whole line. */
export const SectionLine = createToken({ name: 'SectionLine', pattern: { exec: wholeLineFrom('[') }, line_breaks: false, start_chars_hint: ['['] });
/** `#include "file"` — the whole line. */
export const DirectiveLine = createToken({ name: 'DirectiveLine', pattern: { exec: wholeLineFrom('#') }, line_breaks: false, start_chars_hint: ['#'] });

/** `\x` at the start of a line: Asterisk's escape of the first character of a name. */
export const LineEscape = createToken({
  name: 'LineEscape',
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      if (text.charCodeAt(offset) !== 92) return null;
      if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
      const next = text.charCodeAt(offset + 1);
      if (Number.isNaN(next) || next === 10) return null;
      return [text.slice(offset, offset + 2)] as unknown as RegExpExecArray;
    },
  },
  line_breaks: false,
  start_chars_hint: ['\\'],
});

export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>/, push_mode: 'value', categories: [AssignOp] });
export const PlusEq = createToken({ name: 'PlusEq', pattern: /\+=/, push_mode: 'value', categories: [AssignOp] });
export const Eq = createToken({ name: 'Eq', pattern: /=/, push_mode: 'value', categories: [AssignOp] });
/** A variable name: everything before the first '=' (a '+' right before it makes '+='). */
export const NameText = createToken({ name: 'NameText', pattern: /(?:[^=\n+]|\+(?!=))+/, start_chars_hint: nameStartChars() });
/** Everything after the operator, to the end of the line. */
export const Value = createToken({ name: 'Value', pattern: /[^\n]+/, start_chars_hint: nameStartChars().concat(['=', '+']) });

/** Every character but '=' and '\n' can start a name (for the first-char optimization). */
function nameStartChars(): string[] {
  const out: string[] = [];
  for (let c = 0; c < 0x10000; c++) if (c !== 10 && c !== 61 && (c < 0xd800 || c > 0xdfff)) out.push(String.fromCharCode(c));
  return out;
}

export const allTokens = {
  modes: {
    line: [NL, SectionLine, DirectiveLine, LineEscape, Arrow, PlusEq, Eq, NameText],
    value: [ValueNL, Value],
  },
  defaultMode: 'line',
};

export const tokenVocabulary: TokenType[] = [NL, ValueNL, SectionLine, DirectiveLine, LineEscape, AssignOp, Arrow, PlusEq, Eq, NameText, Value];

export const lineLexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});
