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
import { EmbeddedActionsParser, type ILexingResult } from 'chevrotain';
import { lineAt, lineText, scanLines, toSource, type LineTable, type LogicalLine, type ScanProblem } from './comments';
import { AssignmentLine, DirectiveLine, lineLexer, SectionLine, tokenizeSource, tokenVocabulary, type SourceLines } from './lexer';
import { runToEnd, type Steps } from '../steps';
import { keepShape } from '../shapes';
import type { Variable } from '../config/loader';

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
  /**
   * What a model made of this line (the dialplan: its priority), kept with the line: an edit keeps the lines it
   * does not touch (see `moved`), and the model checks that the memo still fits before it takes it again.
   */
  memo?: unknown;
}

export type LineNode = SectionNode | DirectiveNode | AssignmentNode;

export interface ParsedFile {
  text: string;
  nodes: LineNode[];
  problems: ScanProblem[];
  /** Comment source ranges as flat [start, end] pairs. */
  comments: number[];
  /** Known to have no block comment marker (set by the incremental reparse, which needs to know). */
  markerFree?: boolean;
}

/** Line kinds, as the grammar recognizes them. */
const SECTION = 0;
const DIRECTIVE = 1;
const ASSIGNMENT = 2;
type LineShape = typeof SECTION | typeof DIRECTIVE | typeof ASSIGNMENT;

/** Lines lexed and parsed at a time: the tokens of a chunk die young instead of outliving the whole file. */
const CHUNK_LINES = 2048;

class LineParser extends EmbeddedActionsParser {
  /**
   * Shapes of the lines of the current input, in order: `count` of them, kept in a buffer that every chunk reuses
   * (a chunk has at most CHUNK_LINES lines; more means the grammar did not take the chunk as expected).
   */
  readonly shapes = new Uint8Array(CHUNK_LINES);
  count = 0;

  constructor() {
    super(tokenVocabulary, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  // The alternatives and the MANY body are made once (Chevrotain's performance guide: cache OR arrays). A body
  // made at each parse would be a new function per chunk, called once per line and optimized again every time.
  private readonly docAlts: { ALT: () => unknown }[] = [
    {
      ALT: () => {
        // A run of assignment lines from the source lexer says how many lines it holds; a logical line is one.
        const lines = (this.CONSUME(AssignmentLine).payload as number | undefined) ?? 1;
        for (let i = 0; i < lines; i++) this.add(ASSIGNMENT);
      },
    },
    { ALT: () => (this.CONSUME(SectionLine), this.add(SECTION)) },
    { ALT: () => (this.CONSUME(DirectiveLine), this.add(DIRECTIVE)) },
  ];
  private readonly oneLine = (): unknown => this.OR(this.docAlts);

  private add(shape: LineShape): void {
    if (this.count < this.shapes.length) this.shapes[this.count] = shape;
    this.count++;
  }

  document = this.RULE('document', () => {
    this.MANY(this.oneLine);
  });
}

let parserInstance: LineParser | undefined;
function getParser(): LineParser {
  return (parserInstance ??= new LineParser());
}

/** Chunks of lines the grammar did not take, so that each line's shape came from its first character (tests expect none). */
export const grammarFallbacks = { chunks: 0 };

/** Parse one config file's text. Never throws. */
export function parseConfig(text: string): ParsedFile {
  return runToEnd(parseConfigSteps(text));
}

/** parseConfig in steps: it yields after each chunk of lines (see Workspace.analyzeSteps). */
export function* parseConfigSteps(text: string): Steps<ParsedFile> {
  return { text, ...(yield* parseLines(text, 0, text.length, 1)) };
}

/** Parse the physical lines of text[from, to) (see scanLines), numbered from firstLineNo; yields after each chunk. */
function* parseLines(text: string, from: number, to: number, firstLineNo: number): Steps<Omit<ParsedFile, 'text'>> {
  const scan = scanLines(text, from, to, firstLineNo);
  const table = scan.lines;
  const count = table.count;
  const nodes: LineNode[] = new Array(count);
  // Where the next chunk's physical lines start (after a byte order mark, which the scan drops).
  let a = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
  for (let first = 0; first < count; first += CHUNK_LINES) {
    const last = Math.min(count, first + CHUNK_LINES);
    let shapes: Uint8Array | undefined;
    if (scan.plain) {
      // The chunk's physical lines, up to the end of its last logical line's (the rest of the range for the last chunk).
      const nl = last === count ? -1 : text.indexOf('\n', table.start[last - 1]!);
      const b = nl === -1 || nl >= to ? to : nl + 1;
      shapes = sourceShapes(text, a, b, last - first, { starts: table.start, from: first, to: last, base: a, next: first });
      a = b;
    } else shapes = lineShapes(table, first, last);
    if (!shapes) grammarFallbacks.chunks++;
    const anySegs = table.segs.size > 0; // lines made of several pieces are rare: no lookup per line without them
    for (let i = first; i < last; i++) {
      // If the grammar did not take every line, decide each line by its first character (what the grammar encodes).
      const shape = shapes ? (shapes[i - first] as LineShape) : fallbackShape(text.charCodeAt(table.start[i]!));
      nodes[i] =
        shape === ASSIGNMENT
          ? buildAssignment(table.lineNo[i]!, lineText(table, i), table.start[i]!, anySegs ? table.segs.get(i) : undefined)
          : shape === SECTION
            ? buildSection(lineAt(table, i))
            : buildDirective(lineAt(table, i));
    }
    yield;
  }
  return { nodes, problems: scan.problems, comments: scan.comments };
}

/** Below this size a full parse is as quick as working out what to keep. */
const REPARSE_MIN_LENGTH = 16_384;
const COMPARE_BLOCK = 4096;

/**
 * Parse a new version of a file, keeping the nodes of the lines an edit did not
 * touch: typing in a large dialplan re-reads one line, not the file. The lines
 * before the edit are kept as they are, the lines after it are moved by the
 * edit's length. Falls back to a full parse when anything could reach beyond
 * the edited lines (a block comment marker in either text, a problem the scan
 * reported, an edit on the first line). Never throws.
 */
export function reparseConfig(prev: ParsedFile, text: string): ParsedFile {
  const old = prev.text;
  if (old === text) return prev;
  if (text.length < REPARSE_MIN_LENGTH || prev.problems.length > 0 || !(prev.markerFree ?? !hasBlockMarker(old))) return parseConfig(text);
  // The edit: common prefix p and common suffix s (compared a block at a time, then a character at a time).
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p + COMPARE_BLOCK <= max && old.substring(p, p + COMPARE_BLOCK) === text.substring(p, p + COMPARE_BLOCK)) p += COMPARE_BLOCK;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s + COMPARE_BLOCK <= max - p && old.substring(old.length - s - COMPARE_BLOCK, old.length - s) === text.substring(text.length - s - COMPARE_BLOCK, text.length - s)) s += COMPARE_BLOCK;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  // Widened to whole physical lines: [a, bOld) of the old text is [a, bNew) of the new one.
  const a = p === 0 ? 0 : old.lastIndexOf('\n', p - 1) + 1;
  if (a === 0) return parseConfig(text);
  let bOld = old.indexOf('\n', old.length - s);
  if (bOld === -1) bOld = old.length;
  const delta = text.length - old.length;
  const bNew = bOld + delta;
  // The rest of the new text is the old one's, so a new marker can only be in the edited lines.
  if (hasBlockMarker(text.slice(a, bNew))) return parseConfig(text);
  const lineBase = linesBefore(prev.nodes, text, a);
  const lineDelta = countNewlines(text, a, bNew) - countNewlines(old, a, bOld);
  // The edited lines are parsed from a copy of their own (after a '\n', so that the copy does not start the file):
  // their nodes' strings are slices, and slices of this whole version of the text would keep it alive, one
  // version per edited line, for as long as the line is not edited again.
  const piece = '\n' + text.slice(a, bNew);
  const region = runToEnd(parseLines(piece, 1, piece.length, lineBase + 1));
  if (region.problems.length > 0) return parseConfig(text);

  const nodes: LineNode[] = [];
  let i = 0;
  for (; i < prev.nodes.length && nodeStart(prev.nodes[i]!) < a; i++) nodes.push(prev.nodes[i]!);
  while (i < prev.nodes.length && nodeStart(prev.nodes[i]!) <= bOld) i++;
  for (const n of region.nodes) nodes.push(moved(n, a - 1, 0));
  for (; i < prev.nodes.length; i++) nodes.push(delta === 0 && lineDelta === 0 ? prev.nodes[i]! : moved(prev.nodes[i]!, delta, lineDelta));

  const comments: number[] = [];
  let c = 0;
  for (; c < prev.comments.length && prev.comments[c]! < a; c += 2) comments.push(prev.comments[c]!, prev.comments[c + 1]!);
  while (c < prev.comments.length && prev.comments[c]! <= bOld) c += 2;
  for (const x of region.comments) comments.push(x + a - 1);
  for (; c < prev.comments.length; c += 2) comments.push(prev.comments[c]! + delta, prev.comments[c + 1]! + delta);
  return { text, nodes, problems: [], comments, markerFree: true };
}

/** The number of lines before offset a (a line start of the text that the nodes before it are a parse of). */
function linesBefore(nodes: LineNode[], text: string, a: number): number {
  // From the last node before a, which knows its line number, rather than counting from the top of the file.
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodeStart(nodes[mid]!) < a) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return countNewlines(text, 0, a);
  const n = nodes[lo - 1]!;
  return n.line.lineNo - 1 + countNewlines(text, nodeStart(n), a);
}

/** Is there a ';--' or a '--;'? Those change how every later line reads. */
function hasBlockMarker(text: string): boolean {
  return text.indexOf(';--') !== -1 || text.indexOf('--;') !== -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function nodeStart(n: LineNode): number {
  return n.kind === 'assignment' ? n.start : n.range.start;
}

/**
 * A kept node for the new text: offsets moved by delta, line numbers by lineDelta. An assignment line stays the
 * same object (it moves in place), so that the models built from it can be kept too (see buildDialplanSteps):
 * whatever holds it reads the offsets of the newest text. Section and directive lines are made again.
 */
function moved(n: LineNode, delta: number, lineDelta: number): LineNode {
  const line = n.line;
  const segs = line.segs?.map((x, k) => (k % 3 === 1 ? x + delta : x));
  if (n instanceof Assignment) {
    n.lineNo += lineDelta;
    n.segs = segs;
    n.start += delta; // the other offsets are the text's, from here
    return n;
  }
  const shifted: LogicalLine = { lineNo: line.lineNo + lineDelta, text: line.text, start: line.start + delta };
  if (segs) shifted.segs = segs;
  return n.kind === 'section' ? buildSection(shifted) : buildDirective(shifted);
}

/**
 * The grammar's shape of the logical lines [from, to), or undefined when it did not take every line. (The shapes
 * are the parser's buffer: read them before the next chunk is parsed.)
 */
function lineShapes(table: LineTable, from: number, to: number): Uint8Array | undefined {
  const texts: string[] = [];
  for (let i = from; i < to; i++) texts.push(lineText(table, i));
  // Array#join writes the chunk once (no chain of partial strings to flatten).
  return shapesOf(lineLexer.tokenize(texts.join('\n')), to - from);
}

/** The grammar's shape of the lines of text[a, b) when every logical line is its physical line (CommentScan.plain). */
function sourceShapes(text: string, a: number, b: number, expected: number, logical: SourceLines): Uint8Array | undefined {
  return shapesOf(tokenizeSource(text.slice(a, b), logical), expected);
}

/** Parse lexed lines; undefined when the grammar did not take exactly `expected` lines. */
function shapesOf(lexed: ILexingResult, expected: number): Uint8Array | undefined {
  const parser = getParser();
  parser.input = lexed.tokens;
  parser.count = 0;
  let taken = false;
  try {
    parser.document();
    taken = true;
  } catch {
    taken = false;
  }
  const ok = taken && parser.errors.length === 0 && lexed.errors.length === 0 && parser.count === expected;
  // The singleton parser must not keep the last input's tokens alive.
  parser.input = [];
  return ok ? parser.shapes : undefined;
}

/** A line's shape by its first character `c`. */
function fallbackShape(c: number): LineShape {
  if (c === 91) return SECTION;
  if (c === 35) return DIRECTIVE;
  return ASSIGNMENT;
}

/** Source range of text[a, b) of a line. */
function src(line: LogicalLine, a: number, b: number): Range {
  return { start: srcStart(line.start, line.segs, a), end: srcEnd(line.start, line.segs, a, b) };
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

// Section and directive nodes always have every field (undefined when absent): one object shape each, so that the
// loader's per-line code sees three shapes (with assignments) rather than one per combination of fields.

function buildSection(line: LogicalLine): SectionNode {
  const t = line.text;
  const range = src(line, 0, t.length);
  const close = t.indexOf(']');
  const node: SectionNode = {
    kind: 'section',
    line,
    range,
    name: t.slice(1, close === -1 ? 80 : Math.min(close, 80)),
    nameRange: src(line, 1, close === -1 ? t.length : close),
    closed: close !== -1,
    options: undefined,
    optionsRange: undefined,
    optionsClosed: true,
    ignoredText: undefined,
  };
  if (close === -1) return node;
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
  const node: DirectiveNode = { kind: 'directive', line, range, name: t.slice(1, e), nameRange: src(line, 0, e), arg: undefined, argRange: undefined };
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
/**
 * Two offsets of a line's text [a, b) in one small integer, a + b * 2^15: a logical line is one physical line of
 * less than MAX_LINE_BYTES (the scanner skips longer ones, as Asterisk does), so both are below 2^13.
 */
function pack(a: number, b: number): number {
  return a + b * 32768;
}
function packedA(x: number): number {
  return x & 0x7fff;
}
function packedB(x: number): number {
  return x >>> 15;
}
const ESCAPED = 4;
const INVALID_ESCAPE = 8;

/**
 * An assignment line. Most lines of a big dialplan are these, so the node is
 * also its own logical line, keeps its source ranges as numbers and makes
 * `Range` objects only when asked, and it is also the loader's Variable for
 * the line when nothing changes its value (see asVariable).
 */
class Assignment implements AssignmentNode, LogicalLine, Variable {
  declare readonly kind: 'assignment';
  declare readonly inheritedFrom: undefined;
  declare readonly appended: undefined;
  /** The name lower-cased (Variable.key). */
  readonly key: string;
  /** The file the loader loaded the line from ('' until then). */
  file = '';
  /** What a model made of this line, for it to take again after an edit elsewhere (see AssignmentNode.memo). */
  memo: unknown = undefined;
  constructor(
    /** The line number and the source offsets move when an edit above the line adds or removes text (see `moved`). */
    public lineNo: number,
    readonly text: string,
    public segs: number[] | undefined,
    readonly name: string,
    readonly value: string,
    /** OP_* in the low bits, ESCAPED, INVALID_ESCAPE. */
    readonly flagBits: number,
    public start: number,
    /** Where the name and the value are in the line's text, [a, b) packed in one number (see pack). */
    private readonly nameAt: number,
    private readonly valueAt: number,
  ) {
    this.key = lowerName(name);
  }
  get end(): number {
    return srcEnd(this.start, this.segs, 0, this.text.length);
  }
  get nameStart(): number {
    return srcStart(this.start, this.segs, packedA(this.nameAt));
  }
  get nameEnd(): number {
    return srcEnd(this.start, this.segs, packedA(this.nameAt), packedB(this.nameAt));
  }
  get valueStart(): number {
    return srcStart(this.start, this.segs, packedA(this.valueAt));
  }
  get valueEnd(): number {
    return srcEnd(this.start, this.segs, packedA(this.valueAt), packedB(this.valueAt));
  }
  get line(): LogicalLine {
    return this;
  }
  get node(): AssignmentNode {
    return this;
  }
  get op(): AssignmentNode['op'] {
    return OPS[this.flagBits & 3]!;
  }
  get escaped(): boolean {
    return (this.flagBits & ESCAPED) !== 0;
  }
  get invalidEscape(): boolean {
    return (this.flagBits & INVALID_ESCAPE) !== 0;
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
(Assignment.prototype as { inheritedFrom?: unknown }).inheritedFrom = undefined;
(Assignment.prototype as { appended?: unknown }).appended = undefined;
// Its map outlives every parse (see shapes.ts): `exten => 1,1,Noop()`.
keepShape(new Assignment(1, 'exten => 1,1,Noop()', undefined, 'exten', '1,1,Noop()', OP_ARROW, 0, pack(0, 5), pack(9, 19)));

/**
 * The line as a Variable of `file` when the loader keeps its value as it is
 * (no object per line); undefined when it needs a Variable of its own (the node
 * was loaded as another file, or is not a node of this parser).
 */
export function asVariable(node: AssignmentNode, file: string): Variable | undefined {
  if (!(node instanceof Assignment)) return undefined;
  if (node.file === '') node.file = file;
  return node.file === file ? node : undefined;
}

/** A name lower-cased; the names of most dialplan lines are already lower-case words. */
export function lowerName(name: string): string {
  if (name === 'exten' || name === 'same' || name === 'include') return name;
  // sip.conf repeats a few dozen option names on every line: look them up rather than lower-case them each time.
  let key = LOWER_NAMES.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (name.length <= 16 && LOWER_NAMES.size < 2048) LOWER_NAMES.set(name, key);
  }
  return key;
}

const LOWER_NAMES = new Map<string, string>();

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
  const escaped = t.charCodeAt(0) === 92;
  const invalidEscape = escaped && (t.length < 2 || t.charCodeAt(1) < 33);
  const escapeFlags = (escaped ? ESCAPED : 0) | (invalidEscape ? INVALID_ESCAPE : 0);
  const nameFrom = escaped ? 1 : 0;
  const eq = t.indexOf('=', escaped ? 2 : 0);
  if (eq === -1) {
    return new Assignment(lineNo, t, segs, t.slice(nameFrom), '', OP_NONE | escapeFlags, start, pack(nameFrom, t.length), pack(t.length, t.length));
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
  return new Assignment(lineNo, t, segs, internName(t, ns, ne), valueText, op | escapeFlags, start, pack(ns, ne), pack(vs, ve));
}

/** The usual option and dialplan words, shared instead of one copy per line. */
const COMMON_NAMES = new Map<string, string>();

/** text.slice(a, b), as a shared string when it is a common name. */
function internName(text: string, a: number, b: number): string {
  // The names of most dialplan lines, without slicing and hashing them.
  if (b - a === 4 && text.startsWith('same', a)) return 'same';
  if (b - a === 5 && text.startsWith('exten', a)) return 'exten';
  const name = text.slice(a, b);
  if (b - a > 16) return name;
  const shared = COMMON_NAMES.get(name);
  if (shared !== undefined) return shared;
  if (COMMON_NAMES.size < 2048) COMMON_NAMES.set(name, name);
  return name;
}
