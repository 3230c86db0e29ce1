/**
 * Chevrotain tokens for one logical config line (after comment removal, see
 * comments.ts). Logical lines are lexed together, joined by '\n'. The lexer
 * cannot fail: every character is whitespace, a structural character or text.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Token categories: "anything but …" sets used by the grammar. */
export const AnyTok = createToken({ name: 'AnyTok', pattern: Lexer.NA });
export const NotRBracket = createToken({ name: 'NotRBracket', pattern: Lexer.NA });
export const NotRParen = createToken({ name: 'NotRParen', pattern: Lexer.NA });
export const NotAssign = createToken({ name: 'NotAssign', pattern: Lexer.NA });
/** What can start a variable line: anything but '[' and '#'. */
export const AssignHead = createToken({ name: 'AssignHead', pattern: Lexer.NA });

export const NL = createToken({ name: 'NL', pattern: /\n/, line_breaks: true });
/** Asterisk trims with C isspace(): ASCII blanks only. */
export const WS = createToken({ name: 'WS', pattern: /[ \t\v\f\r]+/, group: Lexer.SKIPPED });

/** `\x` at the start of a line: Asterisk's escape of the first character of a name. */
export const LineEscape = createToken({
  name: 'LineEscape',
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      if (text.charCodeAt(offset) !== 92) return null;
      if (offset > 0 && text.charCodeAt(offset - 1) !== 10) return null;
      const next = text.charCodeAt(offset + 1);
      if (Number.isNaN(next) || next === 10) return null;
      const m = [text.slice(offset, offset + 2)] as unknown as RegExpExecArray;
      return m;
    },
  },
  line_breaks: false,
  start_chars_hint: ['\\'],
  categories: [AnyTok, NotRBracket, NotRParen, NotAssign, AssignHead],
});

const all = [AnyTok, NotRBracket, NotRParen, NotAssign, AssignHead];
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, categories: [AnyTok, NotRBracket, NotRParen, NotAssign] });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, categories: [AnyTok, NotRParen, NotAssign, AssignHead] });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, categories: all });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, categories: [AnyTok, NotRBracket, NotAssign, AssignHead] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, categories: all });
export const Hash = createToken({ name: 'Hash', pattern: /#/, categories: [AnyTok, NotRBracket, NotRParen, NotAssign] });
export const Arrow = createToken({ name: 'Arrow', pattern: /=>/, categories: [AnyTok, NotRBracket, NotRParen, AssignHead] });
export const PlusEq = createToken({ name: 'PlusEq', pattern: /\+=/, categories: [AnyTok, NotRBracket, NotRParen, AssignHead] });
export const Eq = createToken({ name: 'Eq', pattern: /=/, categories: [AnyTok, NotRBracket, NotRParen, AssignHead] });
export const Text = createToken({ name: 'Text', pattern: /(?:[\x00-\x08\x0e-\x1f\x21\x22\x24-\x27\x2a\x2d-\x3c\x3e-\x5a\x5c\x5e-\uffff]|\+(?!=))+/, categories: all });

export const allTokens: TokenType[] = [
  NL,
  WS,
  LineEscape,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Hash,
  Arrow,
  PlusEq,
  Eq,
  Text,
  AnyTok,
  NotRBracket,
  NotRParen,
  NotAssign,
  AssignHead,
];

export const lineLexer = new Lexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
});
