/**
 * The line grammar of Asterisk config files (main/config.c `process_text_line`)
 * as a Chevrotain parser over all logical lines of a file at once:
 *
 *   document   := (NL | SectionLine | DirectiveLine | assignment)*
 *   assignment := ('\\x' Name? | Name | operator) operator?
 *   operator   := ('=' | '=>' | '+=') Value?
 *
 * The grammar decides the kind of each line and where its structural tokens are;
 * names and values are then sliced from the line text with Asterisk's own rules
 * (split at the first '=', name up to the first ']', …), so odd lines read exactly
 * as Asterisk reads them. A line the grammar cannot take becomes an error node.
 */
import { EmbeddedActionsParser } from 'chevrotain';
import { scanLines, toSource, type LogicalLine, type ScanProblem } from './comments';
import { AssignOp, DirectiveLine, LineEscape, lineLexer, NameText, NL, SectionLine, tokenVocabulary, Value } from './lexer';


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
}

export type LineNode = SectionNode | DirectiveNode | AssignmentNode;

export interface ParsedFile {
  text: string;
  nodes: LineNode[];
  problems: ScanProblem[];
  /** Comment source ranges as flat [start, end] pairs. */
  comments: number[];
}

type LineShape = { kind: 'section' } | { kind: 'directive' } | { kind: 'assignment' };

const SECTION: LineShape = { kind: 'section' };
const DIRECTIVE: LineShape = { kind: 'directive' };
const ASSIGNMENT: LineShape = { kind: 'assignment' };

class LineParser extends EmbeddedActionsParser {
  /** Shapes of the lines of the current input, in order. */
  shapes: LineShape[] = [];

  constructor() {
    super(tokenVocabulary, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  // Alternatives are built once (Chevrotain's performance guide: cache OR arrays).
  private docAlts?: { ALT: () => unknown }[];
  private headAlts?: { ALT: () => unknown }[];

  document = this.RULE('document', () => {
    this.MANY(() =>
      this.OR(
        (this.docAlts ??= [
          { ALT: () => this.CONSUME(NL) },
          { ALT: () => (this.CONSUME(SectionLine), this.shapes.push(SECTION)) },
          { ALT: () => (this.CONSUME(DirectiveLine), this.shapes.push(DIRECTIVE)) },
          { ALT: () => (this.SUBRULE(this.assignment), this.shapes.push(ASSIGNMENT)) },
        ]),
      ),
    );
  });

  /** assignment := ('\\x' Name? | Name | operator) operator? */
  assignment = this.RULE('assignment', () => {
    this.OR2(
      (this.headAlts ??= [
        {
          ALT: () => {
            this.CONSUME(LineEscape);
            this.OPTION(() => this.CONSUME(NameText));
          },
        },
        { ALT: () => this.CONSUME2(NameText) },
        { ALT: () => this.SUBRULE(this.operator) },
      ]),
    );
    this.OPTION2(() => this.SUBRULE2(this.operator));
  });

  operator = this.RULE('operator', () => {
    this.CONSUME(AssignOp);
    this.OPTION(() => this.CONSUME(Value));
  });
}

let parserInstance: LineParser | undefined;
function getParser(): LineParser {
  return (parserInstance ??= new LineParser());
}

/** Parse one config file's text. Never throws. */
export function parseConfig(text: string): ParsedFile {
  const scan = scanLines(text);
  const logical = scan.lines;
  const joined = logical.map((l) => l.text).join('\n');
  const lexed = lineLexer.tokenize(joined);
  const parser = getParser();
  parser.input = lexed.tokens;
  parser.shapes = [];
  try {
    parser.document();
  } catch {
    parser.shapes = [];
  }
  const shapes = parser.shapes;
  const parseFailed = parser.errors.length > 0;
  // The singleton parser must not keep the last file's tokens alive.
  parser.input = [];
  parser.shapes = [];
  // Shapes come one per logical line when the grammar took every line; if the
  // parser recovered oddly, fall back to deciding each line by its first character.
  const useShapes = shapes.length === logical.length && !parseFailed;
  const nodes: LineNode[] = [];
  for (let i = 0; i < logical.length; i++) {
    const line = logical[i]!;
    const shape = useShapes ? shapes[i]! : fallbackShape(line.text);
    nodes.push(buildNode(line, shape));
  }
  return { text, nodes, problems: scan.problems, comments: scan.comments };
}

function fallbackShape(text: string): LineShape {
  const c = text.charCodeAt(0);
  if (c === 91) return { kind: 'section' };
  if (c === 35) return { kind: 'directive' };
  return { kind: 'assignment' };
}

function src(line: LogicalLine, a: number, b: number): Range {
  return { start: toSource(line, a), end: b === a ? toSource(line, a) : toSource(line, b - 1) + 1 };
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function buildNode(line: LogicalLine, shape: LineShape): LineNode {
  const t = line.text;
  const range = src(line, 0, t.length);
  if (shape.kind === 'section') {
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
  if (shape.kind === 'directive') {
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
  // assignment
  const escaped = t.charCodeAt(0) === 92;
  const invalidEscape = escaped && (t.length < 2 || t.charCodeAt(1) < 33);
  const nameFrom = escaped ? 1 : 0;
  const eq = t.indexOf('=', escaped ? 2 : 0);
  if (eq === -1) {
    return {
      kind: 'assignment',
      line,
      range,
      name: t.slice(nameFrom),
      nameRange: src(line, nameFrom, t.length),
      op: 'none',
      value: '',
      valueRange: src(line, t.length, t.length),
      escaped,
      invalidEscape,
    };
  }
  let op: AssignmentNode['op'] = '=';
  let nameEnd = eq;
  let valueStart = eq + 1;
  if (eq > nameFrom && t.charCodeAt(eq - 1) === 43 /* + */) {
    op = '+=';
    nameEnd = eq - 1;
  } else if (t.charCodeAt(eq + 1) === 62 /* > */) {
    op = '=>';
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
  const valueText = op === '+=' ? t.slice(valueStart, ve) : t.slice(vs, ve);
  return {
    kind: 'assignment',
    line,
    range,
    name: t.slice(ns, ne),
    nameRange: src(line, ns, ne),
    op,
    value: valueText,
    valueRange: src(line, vs, ve),
    escaped,
    invalidEscape,
  };
}
