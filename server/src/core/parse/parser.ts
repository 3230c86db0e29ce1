/**
 * The line grammar of Asterisk config files (main/config.c `process_text_line`)
 * as a Chevrotain parser over all logical lines of a file at once:
 *
 *   document := (SectionLine | DirectiveLine | AssignmentLine)*
 *
 * Asterisk decides a line's kind by its first character (lexer.ts makes each
 * line one token of its kind); names and values are then sliced from the line
 * text with Asterisk's own rules (split at the first '=', name up to the first
 * ']', …), so odd lines read exactly as Asterisk reads them.
 */
import { EmbeddedActionsParser } from 'chevrotain';
import { lineAt, scanLines, toSource, type LogicalLine, type ScanProblem } from './comments';
import { AssignmentLine, DirectiveLine, lineLexer, SectionLine, tokenVocabulary } from './lexer';

/** A source range [start, end) in UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

interface LineBase {
  line: LogicalLine;
  /** Source range of the whole logical line (first to last kept character). */
  range: Range;
}

export interface SectionNode extends LineBase {
  kind: 'section';
  /** Raw name up to the first ']', untrimmed, cut to 79 characters as Asterisk does. */
  name: string;
  nameRange: Range;
  /** False when the line has no ']' (fatal to Asterisk). */
  closed: boolean;
  /** Options in `(…)` immediately after ']', split on ',' without trimming. */
  options?: { text: string; range: Range }[];
  optionsRange?: Range;
  /** False when '(' has no ')' (fatal to Asterisk). */
  optionsClosed: boolean;
  /** Text after ']' or after ')' that Asterisk silently ignores. */
  ignoredText?: Range;
}

export interface DirectiveNode extends LineBase {
  kind: 'directive';
  /** The word after '#', up to the first character <= ' '. */
  name: string;
  nameRange: Range;
  /** Argument with enclosing "…" or <…> removed; undefined when missing. */
  arg?: string;
  argRange?: Range;
}

export interface AssignmentNode extends LineBase {
  kind: 'assignment';
  name: string;
  nameRange: Range;
  /** '=' (also for a line without '='), '=>' or '+='. */
  op: '=' | '=>' | '+=' | 'none';
  value: string;
  valueRange: Range;
  /** `\x` at the start: the first character of the name is escaped. */
  escaped: boolean;
  /** Asterisk rejects the escape (nothing printable follows the backslash). */
  invalidEscape: boolean;
  /** The same ranges as numbers (hot paths read these instead of making Range objects). */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export type LineNode = SectionNode | DirectiveNode | AssignmentNode;

export interface ParsedFile {
  text: string;
  nodes: LineNode[];
  problems: ScanProblem[];
  /** Comment source ranges as flat [start, end] pairs. */
  comments: number[];
}

/** Line kinds, as the grammar recognizes them. */
const SECTION = 0;
const DIRECTIVE = 1;
const ASSIGNMENT = 2;
type LineShape = typeof SECTION | typeof DIRECTIVE | typeof ASSIGNMENT;

class LineParser extends EmbeddedActionsParser {
  /** Shapes of the lines of the current input, in order. */
  shapes: LineShape[] = [];

  constructor() {
    super(tokenVocabulary, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  // Alternatives are built once (Chevrotain's performance guide: cache OR arrays).
  private docAlts?: { ALT: () => unknown }[];

  document = this.RULE('document', () => {
    this.MANY(() =>
      this.OR(
        (this.docAlts ??= [
          { ALT: () => (this.CONSUME(AssignmentLine), this.shapes.push(ASSIGNMENT)) },
          { ALT: () => (this.CONSUME(SectionLine), this.shapes.push(SECTION)) },
          { ALT: () => (this.CONSUME(DirectiveLine), this.shapes.push(DIRECTIVE)) },
        ]),
      ),
    );
  });
}

let parserInstance: LineParser | undefined;
function getParser(): LineParser {
  return (parserInstance ??= new LineParser());
}

/** Lines lexed and parsed at a time: the tokens of a chunk die young instead of outliving the whole file. */
const CHUNK_LINES = 2048;

/** Parse one config file's text. Never throws. */
export function parseConfig(text: string): ParsedFile {
  const scan = scanLines(text);
  const table = scan.lines;
  const texts = table.text;
  const count = texts.length;
  const nodes: LineNode[] = new Array(count);
  for (let from = 0; from < count; from += CHUNK_LINES) {
    const to = Math.min(count, from + CHUNK_LINES);
    const shapes = lineShapes(texts, from, to);
    for (let i = from; i < to; i++) {
      // If the grammar did not take every line, decide each line by its first character (what the grammar encodes).
      const shape = shapes ? shapes[i - from]! : fallbackShape(texts[i]!);
      nodes[i] =
        shape === ASSIGNMENT
          ? buildAssignment(table.lineNo[i]!, texts[i]!, table.start[i]!, table.segs.get(i))
          : shape === SECTION
            ? buildSection(lineAt(table, i))
            : buildDirective(lineAt(table, i));
    }
  }
  return { text, nodes, problems: scan.problems, comments: scan.comments };
}

/** The grammar's shape of lines [from, to), or undefined when it did not take every line. */
function lineShapes(texts: string[], from: number, to: number): LineShape[] | undefined {
  let joined = '';
  for (let i = from; i < to; i++) joined += i === from ? texts[i]! : '\n' + texts[i]!;
  const lexed = lineLexer.tokenize(joined);
  const parser = getParser();
  parser.input = lexed.tokens;
  parser.shapes = [];
  let shapes: LineShape[] | undefined;
  try {
    parser.document();
    shapes = parser.shapes;
  } catch {
    shapes = undefined;
  }
  if (parser.errors.length > 0 || lexed.errors.length > 0 || shapes?.length !== to - from) shapes = undefined;
  // The singleton parser must not keep the last input's tokens alive.
  parser.input = [];
  parser.shapes = [];
  return shapes;
}

function fallbackShape(text: string): LineShape {
  const c = text.charCodeAt(0);
  if (c === 91) return SECTION;
  if (c === 35) return DIRECTIVE;
  return ASSIGNMENT;
}

function src(line: LogicalLine, a: number, b: number): Range {
  return { start: toSource(line, a), end: b === a ? toSource(line, a) : toSource(line, b - 1) + 1 };
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function buildSection(line: LogicalLine): SectionNode {
  const t = line.text;
  const range = src(line, 0, t.length);
  const close = t.indexOf(']');
  if (close === -1) {
    return { kind: 'section', line, range, name: t.slice(1, 80), nameRange: src(line, 1, t.length), closed: false, optionsClosed: true };
  }
  const node: SectionNode = {
    kind: 'section',
    line,
    range,
    name: t.slice(1, Math.min(close, 80)),
    nameRange: src(line, 1, close),
    closed: true,
    optionsClosed: true,
  };
  let rest = close + 1;
  if (t.charCodeAt(close + 1) === 40 /* ( */) {
    const rp = t.indexOf(')', close + 2);
    if (rp === -1) {
      node.optionsClosed = false;
      node.optionsRange = src(line, close + 1, t.length);
      return node;
    }
    node.optionsRange = src(line, close + 1, rp + 1);
    const options: { text: string; range: Range }[] = [];
    let s = close + 2;
    for (;;) {
      const comma = t.indexOf(',', s);
      const e = comma === -1 || comma > rp ? rp : comma;
      options.push({ text: t.slice(s, e), range: src(line, s, e) });
      if (e === rp) break;
      s = e + 1;
    }
    node.options = options;
    rest = rp + 1;
  }
  let r = rest;
  while (r < t.length && isSpace(t.charCodeAt(r))) r++;
  if (r < t.length) node.ignoredText = src(line, r, t.length);
  return node;
}

function buildDirective(line: LogicalLine): DirectiveNode {
  const t = line.text;
  const range = src(line, 0, t.length);
  let e = 1;
  while (e < t.length && t.charCodeAt(e) > 32) e++;
  const node: DirectiveNode = { kind: 'directive', line, range, name: t.slice(1, e), nameRange: src(line, 0, e) };
  let a = e;
  while (a < t.length && isSpace(t.charCodeAt(a))) a++;
  if (a < t.length) {
    let b = t.length;
    const q = t[a];
    if ((q === '"' || q === '<') && b - a >= 2 && t[b - 1] === (q === '"' ? '"' : '>')) {
      a++;
      b--;
    } else if (q === '"' && b - a === 1) {
      // A lone '"' is both the opening and the closing quote to Asterisk: nothing is left.
      a++;
    }
    node.arg = t.slice(a, b);
    node.argRange = src(line, a, b);
  }
  return node;
}

const OP_EQ = 0;
const OP_ARROW = 1;
const OP_PLUS = 2;
const OP_NONE = 3;
const OPS: AssignmentNode['op'][] = ['=', '=>', '+=', 'none'];
const ESCAPED = 4;
const INVALID_ESCAPE = 8;

/**
 * An assignment line. Most lines of a big dialplan are these, so the node is
 * also its own logical line, keeps its source ranges as numbers and makes
 * `Range` objects only when asked.
 */
class Assignment implements AssignmentNode, LogicalLine {
  declare readonly kind: 'assignment';
  constructor(
    readonly lineNo: number,
    readonly text: string,
    readonly segs: number[] | undefined,
    readonly name: string,
    readonly value: string,
    /** OP_* in the low bits, ESCAPED, INVALID_ESCAPE. */
    private readonly flags: number,
    readonly start: number,
    readonly end: number,
    readonly nameStart: number,
    readonly nameEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
  ) {}
  get line(): LogicalLine {
    return this;
  }
  get op(): AssignmentNode['op'] {
    return OPS[this.flags & 3]!;
  }
  get escaped(): boolean {
    return (this.flags & ESCAPED) !== 0;
  }
  get invalidEscape(): boolean {
    return (this.flags & INVALID_ESCAPE) !== 0;
  }
  get range(): Range {
    return { start: this.start, end: this.end };
  }
  get nameRange(): Range {
    return { start: this.nameStart, end: this.nameEnd };
  }
  get valueRange(): Range {
    return { start: this.valueStart, end: this.valueEnd };
  }
}
(Assignment.prototype as { kind: string }).kind = 'assignment';

/** Source offset of text index a of a line (start of a range, or an empty range at a). */
function srcStart(start: number, segs: number[] | undefined, a: number): number {
  return segs ? toSource({ start, segs }, a) : start + a;
}

/** Source offset of the end of text[a, b). */
function srcEnd(start: number, segs: number[] | undefined, a: number, b: number): number {
  if (!segs) return start + b;
  return b === a ? toSource({ start, segs }, a) : toSource({ start, segs }, b - 1) + 1;
}

function buildAssignment(lineNo: number, t: string, start: number, segs: number[] | undefined): AssignmentNode {
  const end = srcEnd(start, segs, 0, t.length);
  const escaped = t.charCodeAt(0) === 92;
  const invalidEscape = escaped && (t.length < 2 || t.charCodeAt(1) < 33);
  const escapeFlags = (escaped ? ESCAPED : 0) | (invalidEscape ? INVALID_ESCAPE : 0);
  const nameFrom = escaped ? 1 : 0;
  const eq = t.indexOf('=', escaped ? 2 : 0);
  if (eq === -1) {
    const at = srcEnd(start, segs, t.length, t.length);
    return new Assignment(lineNo, t, segs, t.slice(nameFrom), '', OP_NONE | escapeFlags, start, end, srcStart(start, segs, nameFrom), srcEnd(start, segs, nameFrom, t.length), at, at);
  }
  let op = OP_EQ;
  let nameEnd = eq;
  let valueStart = eq + 1;
  if (eq > nameFrom && t.charCodeAt(eq - 1) === 43 /* + */) {
    op = OP_PLUS;
    nameEnd = eq - 1;
  } else if (t.charCodeAt(eq + 1) === 62 /* > */) {
    op = OP_ARROW;
    valueStart = eq + 2;
  }
  let ns = nameFrom;
  let ne = nameEnd;
  while (ns < ne && isSpace(t.charCodeAt(ns))) ns++;
  while (ne > ns && isSpace(t.charCodeAt(ne - 1))) ne--;
  let vs = valueStart;
  let ve = t.length;
  while (vs < ve && isSpace(t.charCodeAt(vs))) vs++;
  while (ve > vs && isSpace(t.charCodeAt(ve - 1))) ve--;
  // '+=' keeps the leading blanks of what it appends (config.c appends the raw text).
  const valueText = op === OP_PLUS ? t.slice(valueStart, ve) : t.slice(vs, ve);
  return new Assignment(lineNo, t, segs, internName(t, ns, ne), valueText, op | escapeFlags, start, end, srcStart(start, segs, ns), srcEnd(start, segs, ns, ne), srcStart(start, segs, vs), srcEnd(start, segs, vs, ve));
}

/** The usual option and dialplan words, shared instead of one copy per line. */
const COMMON_NAMES = new Map<string, string>();

/** text.slice(a, b), as a shared string when it is a common name. */
function internName(text: string, a: number, b: number): string {
  const name = text.slice(a, b);
  if (b - a > 16) return name;
  const shared = COMMON_NAMES.get(name);
  if (shared !== undefined) return shared;
  if (COMMON_NAMES.size < 2048) COMMON_NAMES.set(name, name);
  return name;
}
