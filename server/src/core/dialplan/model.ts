/**
 * extensions.conf as pbx_config builds it (pbx/pbx_config.c `pbx_load_config`,
 * main/pbx.c `ast_add_extension2_lockopt`, `add_priority`): [general], [globals],
 * contexts (duplicate sections merged), extensions with priorities and labels,
 * includes with time windows, switches and ignore patterns. Every element keeps
 * its source location. Problems Asterisk logs at load become diagnostics.
 */
import { pushLoadProblem, type Diagnostic } from '../diagnostic';
import { isTrue } from '../config/booleans';
import { variable, type Category, type LoadedConfig, type Variable } from '../config/loader';
import type { AssignmentNode, Range } from '../parse/parser';
import { extensionIdentityKey, normalizeExtensionName, shrinkCallerIdPattern, type NormalizedExtensionName } from './pattern';
import { parseIncludeValue, type IncludeTiming } from './timing';
import { replaceVariables } from '../text/variables';
import { applicationIndex, INDEXED_APPS, type ApplicationIndex } from './app-index';
import { JUMP_APPS, NO_JUMPS, staticJumpTargets, type JumpTarget } from './jumps';
import { dialDestinations, NO_DESTS, type DialDest } from './dial';
import { runToEnd, type Steps } from '../steps';
import { keepShape } from '../shapes';

export const PRIORITY_HINT = -1;

export interface Priority {
  /** The extension field as written (after ${} substitution), with its `/cid` part if any. */
  written: string;
  /** The extension part of `written`. */
  exten: string;
  cid?: string;
  priority: number;
  label?: string;
  app: string;
  /** The application name trimmed and lower-cased, for comparisons ('' for a hint, which runs none). */
  appKey: string;
  appData: string;
  file: string;
  lineNo: number;
  /** Whole line, and the parts of it. */
  range: Range;
  extenRange: Range;
  priorityRange: Range;
  appRange: Range;
  argsRange?: Range;
  /** Written as `same =>`. */
  same: boolean;
  /** Name of the context it belongs to. */
  context: string;
  /** The contexts a Goto/Gosub/GotoIf/GosubIf line names as constants (see staticJumpTargets); none for other lines. */
  jumps: readonly JumpTarget[];
  /** A Dial line's SIP destinations (see sipDestinations); undefined when its first argument names a ${…}, which
   * [globals] decide (see dialUses); none for other lines. */
  dials: readonly DialDest[] | undefined;
}

export interface Extension {
  /** Stored name: spaces outside [] removed. */
  name: string;
  /** Matching copy: also `-` outside [] removed. */
  match: string;
  cid?: string;
  isPattern: boolean;
  /** By number, in the order they were added. */
  priorities: ReadonlyMap<number, Priority>;
  /** Labels of the extension and the priorities they name. */
  labels: ReadonlyMap<string, Priority>;
  /** The line that created the extension. */
  first: Priority;
  /** Definition order within the context. */
  order: number;
}

export interface Include {
  /** The raw value (after ${} substitution). */
  value: string;
  context: string;
  timing?: IncludeTiming;
  file: string;
  lineNo: number;
  range: Range;
  contextRange: Range;
}

export interface Switch {
  kind: 'switch' | 'lswitch' | 'eswitch';
  module: string;
  data: string;
  file: string;
  lineNo: number;
  range: Range;
}

export interface Context {
  name: string;
  /** Every [name] section that makes up this context, in file order. */
  sections: Category[];
  extensions: Extension[];
  includes: Include[];
  switches: Switch[];
  ignorepats: { pattern: string; file: string; range: Range }[];
  autohints: boolean;
}

export interface DialplanGeneral {
  static: boolean;
  writeprotect: boolean;
  autofallthrough: boolean;
  extenpatternmatchnew: boolean;
  clearglobalvars: boolean;
  overrideswitch: string;
  userscontext: string;
}

export interface Dialplan {
  general: DialplanGeneral;
  globals: Map<string, Variable>;
  /** Contexts by exact (case-sensitive) name, in definition order. */
  contexts: Map<string, Context>;
  diagnostics: Diagnostic[];
  config: LoadedConfig;
}

/** Asterisk's variable substitution at load time, with no channel: globals only (unknown ones are empty). */
export function substituteGlobals(text: string, globals: Map<string, Variable>): string {
  let at = text.indexOf('${');
  if (at === -1) return text; // most lines
  // The usual ${NAME} (FreePBX writes `exten => ${VM_PREFIX}1000` for every user) is replaced here, without a
  // closure per line; a reference with another one inside it goes to replaceVariables.
  let out = '';
  let kept = 0; // text before this offset is in out
  while (at !== -1) {
    const close = text.indexOf('}', at + 2);
    if (close === -1) break; // unterminated: the rest stays as written
    const inner = text.indexOf('${', at + 2);
    if (inner !== -1 && inner < close) return replaceVariables(text, (name) => globals.get(name)?.value ?? '');
    out += text.slice(kept, at) + (globals.get(text.slice(at + 2, close))?.value ?? '');
    kept = close + 1;
    at = text.indexOf('${', kept);
  }
  return out + text.slice(kept);
}

/** Where the extension field of an `exten` value ends: the first ',' outside [...] (a '\' protects the next character); -1 if none. */
export function extenFieldEnd(value: string): number {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */ && depth > 0) depth--;
    else if (c === 44 /* , */ && depth === 0) return i;
  }
  return -1;
}



export function buildDialplan(config: LoadedConfig, previous?: Dialplan): Dialplan {
  return runToEnd(buildDialplanSteps(config, previous));
}

/** Lines of a context section built between two steps of buildDialplanSteps. */
const LINES_PER_STEP = 4096;

/**
 * buildDialplan in steps: it yields after each context section and within long ones (see Workspace.analyzeSteps).
 * With the dialplan built before an edit, a context whose lines are all the very same line objects as then (the
 * reparse keeps the lines an edit does not touch, see parse/parser.ts `moved`), with the same [globals] and no
 * load problem, keeps its extensions: only its other lines (include, switch, ignorepat) are read again, since
 * their ranges were taken when they were read.
 */
export function* buildDialplanSteps(config: LoadedConfig, previous?: Dialplan): Steps<Dialplan> {
  const diagnostics: Diagnostic[] = [];
  const general: DialplanGeneral = {
    static: false,
    writeprotect: false,
    autofallthrough: true,
    extenpatternmatchnew: false,
    clearglobalvars: false,
    overrideswitch: '',
    userscontext: 'default',
  };
  const globals = new Map<string, Variable>();
  const contexts = new Map<string, Context>();
  const plan: Dialplan = { general, globals, contexts, diagnostics, config };


  const visible = config.categories.filter((c) => !c.template);
  for (const cat of visible) {
    if (cat.name.toLowerCase() !== 'general') continue;
    for (const v of cat.vars) {
      const key = v.key;
      if (key === 'static') general.static = isTrue(v.value);
      else if (key === 'writeprotect') general.writeprotect = isTrue(v.value);
      else if (key === 'autofallthrough') general.autofallthrough = isTrue(v.value);
      else if (key === 'extenpatternmatchnew') general.extenpatternmatchnew = isTrue(v.value);
      else if (key === 'clearglobalvars') general.clearglobalvars = isTrue(v.value);
      else if (key === 'overrideswitch') general.overrideswitch = v.value;
      else if (key === 'userscontext') general.userscontext = v.value;
    }
  }
  for (const cat of visible) {
    if (cat.name.toLowerCase() !== 'globals') continue;
    for (const v of cat.vars) {
      globals.set(v.name, variable(v.name, v.key, substituteGlobals(v.value, globals), v.file, v.lineNo, v.node, v.inheritedFrom, v.appended));
    }
  }

  const sections = new Map<string, Category[]>();
  for (const cat of visible) {
    const lname = cat.name.toLowerCase();
    if (lname === 'general' || lname === 'globals') continue;
    const list = sections.get(cat.name);
    if (list) list.push(cat);
    else sections.set(cat.name, [cat]);
  }
  const before = previous && sameGlobals(previous.globals, globals) ? previous : undefined;
  for (const [name, cats] of sections) {
    const kept = before && keptContext(before.contexts.get(name), cats);
    contexts.set(name, { name, sections: [], extensions: kept ? kept.extensions : [], includes: [], switches: [], ignorepats: [], autohints: false });
    if (kept) contextStates.set(contexts.get(name)!, newContextState(plan, contextStates.get(kept)!));
  }
  for (const cat of visible) {
    const ctx = contexts.get(cat.name);
    if (!ctx) continue; // [general], [globals]
    ctx.sections.push(cat);
    yield* loadContext(plan, ctx, cat, diagnostics);
    yield;
  }

  // The states of kept contexts let go of the dialplan they were kept from.
  for (const ctx of contexts.values()) contextStates.get(ctx)!.kept = undefined;

  // ast_context_verify_includes: once per include of a nonexistent context.
  for (const ctx of contexts.values()) {
    for (const inc of ctx.includes) {
      if (!contexts.has(inc.context)) {
        const near = [...contexts.keys()].find((n) => n.toLowerCase() === inc.context.toLowerCase());
        pushLoadProblem(diagnostics, 
          inc.file,
          inc.contextRange,
          'warning',
          'unknown-context',
          `Context '${ctx.name}' includes '${inc.context}', which does not exist` + (near ? ` (context names are case-sensitive: did you mean '${near}'?)` : '') + `: calls never reach anything through this include.`,
          `Context '${ctx.name}' tries to include nonexistent context '${inc.context}'`,
        );
      }
    }
  }
  return plan;
}


interface ContextState {
  /** The dialplan's priorities by application, filled as lines are added. */
  apps: ApplicationIndex;
  /** The sequence numbers [from, to) in `apps` of the priorities each section added, as flat pairs. */
  ranges: number[];
  /** Set when the extensions are those of the context before an edit (whose state this is): exten and same lines
   * are not read again, and their priorities join the index from that build's. */
  kept: ContextState | undefined;
  /** No load problem was reported in this context (a condition for keeping it after an edit). */
  clean: boolean;
  lastExtension: string;
  /** The extension of the last line added, by its written text (with the /cid part). */
  lastWritten?: string;
  lastExt?: Extension;
  lastNames?: NormalizedExtensionName;
  /** The last extension field split at its '/' (same => lines repeat it): the field, its extension and CID parts. */
  splitOf: string;
  splitExt: string;
  splitCid: string | undefined;
  lastPri: number;
  /** Extensions by identity: literal names without a CID part by their matching text, the rest by extensionIdentityKey. */
  literals: Map<string, Extension>;
  byKey: Map<string, Extension>;
}

const contextStates = new WeakMap<Context, ContextState>();

/** A context's build state; `kept`: the state of the context it keeps. */
function newContextState(plan: Dialplan, kept: ContextState | undefined): ContextState {
  // Every field from the start: one object shape, so the per-line code that updates it stays optimized.
  return { apps: applicationIndex(plan), ranges: [], kept, clean: true, lastExtension: '', lastWritten: undefined, lastExt: undefined, lastNames: undefined, splitOf: '', splitExt: '', splitCid: undefined, lastPri: -2, literals: new Map(), byKey: new Map() };
}

/** Are two [globals] the same names with the same values? */
function sameGlobals(a: Map<string, Variable>, b: Map<string, Variable>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, v] of b) if (a.get(name)?.value !== v.value) return false;
  return true;
}

/** The context `old` when it can be kept for these sections: no load problem, and the same line objects in the same order. */
function keptContext(old: Context | undefined, cats: Category[]): Context | undefined {
  const st = old && contextStates.get(old);
  if (!old || !st || !st.clean || old.sections.length !== cats.length) return undefined;
  for (let k = 0; k < cats.length; k++) {
    const a = old.sections[k]!.vars;
    const b = cats[k]!.vars;
    if (a.length !== b.length) return undefined;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return undefined;
  }
  return old;
}

/** pbx_config takes any key starting with "same" as same (the key is lower-cased; nearly always the word itself). */
function isSameKey(key: string): boolean {
  // The first letter before String#startsWith (a call into the runtime): exten => lines need no call.
  return key === 'same' || (key.length > 4 && key.charCodeAt(0) === 115 /* s */ && key.startsWith('same'));
}

/** One section of a context, line by line; a long one yields every LINES_PER_STEP lines. */
function* loadContext(plan: Dialplan, ctx: Context, cat: Category, out: Diagnostic[]): Steps<void> {
  let st = contextStates.get(ctx);
  if (!st) {
    st = newContextState(plan, undefined);
    contextStates.set(ctx, st);
  }
  // Reset continuation items at the beginning of each section.
  st.lastExtension = '';
  st.lastPri = -2;
  const first = st.apps.count;
  if (st.kept) {
    const k = 2 * (ctx.sections.length - 1);
    for (const p of st.kept.apps.between(st.kept.ranges[k]!, st.kept.ranges[k + 1]!)) st.apps.add(p, (p as PriorityLine).indexKey!);
  }
  const problems = out.length;
  const n = cat.vars.length;
  for (let from = 0; from < n; from += LINES_PER_STEP) {
    if (from > 0) yield;
    loadContextLines(plan, ctx, st, cat.vars, from, Math.min(n, from + LINES_PER_STEP), out);
  }
  if (out.length !== problems) st.clean = false;
  st.ranges.push(first, st.apps.count);
}

/** Lines [from, to) of a context section (a plain function: the per-line work stays out of the generator). */
function loadContextLines(plan: Dialplan, ctx: Context, st: ContextState, vars: Variable[], from: number, to: number, out: Diagnostic[]): void {
  for (let i = from; i < to; i++) {
    const v = vars[i]!;
    const key = v.key;
    const node = v.node;
    const same = isSameKey(key);
    if (st.kept !== undefined && (same || key === 'exten')) continue; // the kept extensions hold these lines
    if (same) {
      if (st.lastExtension === '') {
        pushLoadProblem(out, v.file, node.range, 'error', 'same-without-extension', `'same =>' needs an 'exten =>' line before it in this context: Asterisk drops this line.`, `No previous pattern in the first entry of context '${ctx.name}' to match '${v.value}' at line ${v.lineNo}`);
        continue;
      }
      if (v.node.memo === undefined || !takeMemo(plan, ctx, st, v, st.lastExtension, out)) addExtensionLine(ctx, st, v, st.lastExtension, 0, true, true, out);
    } else if (key === 'exten') {
      if (v.node.memo !== undefined && takeMemo(plan, ctx, st, v, undefined, out)) continue;
      const comma = extenFieldEnd(v.value);
      const rawExt = comma === -1 ? v.value : v.value.slice(0, comma);
      const realext = substituteGlobals(rawExt, plan.globals);
      st.lastExtension = realext;
      addExtensionLine(ctx, st, v, realext, comma === -1 ? v.value.length : comma + 1, false, realext === rawExt, out);
    } else if (key === 'include') {
      const value = substituteGlobals(v.value, plan.globals);
      const parsed = parseIncludeValue(value);
      const vr = node.valueRange;
      const inc: Include = {
        value,
        context: parsed.context,
        timing: parsed.timing,
        file: v.file,
        lineNo: v.lineNo,
        range: node.range,
        contextRange: value === v.value ? { start: vr.start, end: vr.start + parsed.contextEnd } : vr,
      };
      for (const w of parsed.warnings) {
        const r = value === v.value ? { start: vr.start + w.start, end: vr.start + Math.max(w.end, w.start + 1) } : vr;
        pushLoadProblem(out, v.file, r, 'warning', 'bad-include-timing', `${w.text} — Asterisk skips this part of the time window.`, w.text);
      }
      const dup = ctx.includes.find((i) => i.value.toLowerCase() === value.toLowerCase());
      if (dup) {
        pushLoadProblem(out, v.file, node.range, 'warning', 'duplicate-include-context', `'${value}' is already included in '${ctx.name}' (line ${dup.lineNo}): Asterisk ignores this line.`, `Context '${v.value}' already included in '${ctx.name}' context on include at line ${v.lineNo}`);
        continue;
      }
      ctx.includes.push(inc);
    } else if (key === 'ignorepat') {
      if (ctx.ignorepats.some((p) => p.pattern.toLowerCase() === v.value.toLowerCase())) {
        pushLoadProblem(out, v.file, node.range, 'warning', 'duplicate-ignorepat', `This ignorepat is already in '${ctx.name}': Asterisk ignores this line.`, `Unable to include ignorepat '${v.value}' in context '${ctx.name}' at line ${v.lineNo}`);
        continue;
      }
      ctx.ignorepats.push({ pattern: v.value, file: v.file, range: node.range });
    } else if (key === 'switch' || key === 'lswitch' || key === 'eswitch') {
      const value = key === 'switch' ? substituteGlobals(v.value, plan.globals) : v.value;
      const slash = value.indexOf('/');
      const module = slash === -1 ? value : value.slice(0, slash);
      const data = slash === -1 ? '' : value.slice(slash + 1);
      if (ctx.switches.some((s) => s.module.toLowerCase() === module.toLowerCase() && s.data.toLowerCase() === data.toLowerCase())) {
        pushLoadProblem(out, v.file, node.range, 'warning', 'duplicate-switch', `This switch is already in '${ctx.name}': Asterisk ignores this line.`, `Unable to include switch '${v.value}' in context '${ctx.name}' at line ${v.lineNo}`);
        continue;
      }
      ctx.switches.push({ kind: key, module, data, file: v.file, lineNo: v.lineNo, range: node.range });
    } else if (key === 'autohints') {
      ctx.autohints = isTrue(v.value);
    } else {
      pushLoadProblem(out, v.file, node.nameRange, 'warning', 'unknown-dialplan-key', `'${v.name}' means nothing in a dialplan context: Asterisk ignores this line. A context takes exten, same, include, switch, lswitch, eswitch, ignorepat and autohints.`, `==!!== Unknown directive: ${v.name} at line ${v.lineNo} of extensions.conf -- IGNORING!!!`);
    }
  }
}

/**
 * A priority line. A big dialplan has one per line, so the parts' source ranges
 * are kept as numbers (offsets into the value, mapped on demand) and `Range`
 * objects are made only when someone asks for one.
 */
const SAME = 1;
const EXACT = 2;
/** The line's memo may be taken again (see takeMemo): its priority is a number, or 'n' (the last one + 1), or 's' (the last one). */
const MEMO_FIXED = 4;
const MEMO_NEXT = 8;
const MEMO_SAMEPRI = 16;
/** An exten => line whose extension field has ${…}: its memo fits while [globals] give the same name. */
const MEMO_SUBST = 32;

class PriorityLine implements Priority {
  constructor(
    readonly written: string,
    readonly cid: string | undefined,
    readonly priority: number,
    readonly label: string | undefined,
    readonly context: string,
    /** The line: its node, its value (the application and its arguments are sliced from it when asked for), its file. */
    private readonly v: Variable,
    /** SAME | EXACT (the value maps 1:1 onto the source: no comment was cut out of it) | MEMO_* | WIDE | the app class << APP_SHIFT. */
    readonly flags: number,
    /** Value offsets two to a number (see pack): priority [priA, priB), application [appA, appB), arguments [argA, argB) as argA + 1 (0: none). */
    private readonly pri: number,
    private readonly appAt: number,
    private readonly args: number,
    /** End of the extension field in the value (same => lines: the name is the extension's place). */
    private readonly extB: number,
    /** jumps for a jump application, dials for Dial (see Priority), NO_JUMPS otherwise. */
    private readonly facts: readonly JumpTarget[] | readonly DialDest[] | undefined,
  ) {}
  get jumps(): readonly JumpTarget[] {
    const c = this.flags >>> APP_SHIFT;
    return c >= GOTO_CLASS && c <= GOSUBIF_CLASS ? (this.facts as readonly JumpTarget[]) : NO_JUMPS;
  }
  get dials(): readonly DialDest[] | undefined {
    return this.flags >>> APP_SHIFT === DIAL_CLASS ? (this.facts as readonly DialDest[] | undefined) : NO_DESTS;
  }
  /** The application name trimmed and lower-cased: known from the line's class for the indexed ones, else made when asked for. */
  get appKey(): string {
    const c = this.flags >>> APP_SHIFT;
    if (c !== 0 && c <= INDEXED_APPS.length) return INDEXED_APPS[c - 1]!;
    return this.priority === PRIORITY_HINT ? '' : appKeyOf(this.app);
  }
  /** Its key in the application index (see ApplicationIndex.add), or undefined when it is not indexed. */
  get indexKey(): string | undefined {
    const c = this.flags >>> APP_SHIFT;
    return c === 0 ? undefined : c <= INDEXED_APPS.length ? INDEXED_APPS[c - 1] : COMMA_NAME_KEY;
  }
  get exten(): string {
    return this.cid === undefined ? this.written : this.written.slice(0, this.written.indexOf('/'));
  }
  get file(): string {
    return this.v.file;
  }
  get same(): boolean {
    return (this.flags & SAME) !== 0;
  }
  get lineNo(): number {
    return this.v.node.line.lineNo;
  }
  /** Without arguments the application is the rest of the value (a name made by ${…} keeps its parentheses). */
  get app(): string {
    const appA = this.offset(this.appAt, 2);
    return this.offset(this.args, 4) === 0 ? this.v.value.slice(appA) : this.v.value.slice(appA, this.offset(this.appAt, 3));
  }
  get appData(): string {
    const argA = this.offset(this.args, 4);
    return argA === 0 ? '' : this.v.value.slice(argA - 1, this.offset(this.args, 5));
  }
  get range(): Range {
    const node = this.v.node;
    return { start: node.start, end: node.end };
  }
  get extenRange(): Range {
    const node = this.v.node;
    return this.same ? { start: node.nameStart, end: node.nameEnd } : this.span(0, this.extB);
  }
  get priorityRange(): Range {
    return this.span(this.offset(this.pri, 0), this.offset(this.pri, 1));
  }
  get appRange(): Range {
    return this.span(this.offset(this.appAt, 2), this.offset(this.appAt, 3));
  }
  get argsRange(): Range | undefined {
    const argA = this.offset(this.args, 4);
    return argA === 0 ? undefined : this.span(argA - 1, this.offset(this.args, 5));
  }
  /** The same priority without its label (a priority is never changed: the line keeps it as its memo, see takeMemo). */
  withoutLabel(): PriorityLine {
    const q = new PriorityLine(this.written, this.cid, this.priority, undefined, this.context, this.v, this.flags, this.pri, this.appAt, this.args, this.extB, this.facts);
    if ((this.flags & WIDE) !== 0) wideOffsets.set(q, wideOffsets.get(this)!);
    return q;
  }
  /** Offset k (0 priA, 1 priB, 2 appA, 3 appB, 4 argA + 1, 5 argB) from its packed number. */
  private offset(packed: number, k: number): number {
    if ((this.flags & WIDE) !== 0) return wideOffsets.get(this)![k]!;
    return (k & 1) === 0 ? packed & (PACK - 1) : packed >>> 15;
  }
  private span(a: number, b: number): Range {
    const node = this.v.node;
    return valueSpan(node.valueStart, node.valueEnd, (this.flags & EXACT) !== 0, a, b);
  }
}

/**
 * Two offsets of a value in one number (a big dialplan has a priority per line, so each field counts); a value
 * of 2^15 characters or more (only a long += chain makes one) keeps its offsets in wideOffsets instead.
 */
const PACK = 32768;
const WIDE = 64;
const wideOffsets = new WeakMap<PriorityLine, number[]>();

function priorityLine(written: string, cid: string | undefined, priority: number, label: string | undefined, context: string, v: Variable, flags: number, priA: number, priB: number, appA: number, appB: number, argA: number, argB: number, extB: number, facts: readonly JumpTarget[] | readonly DialDest[] | undefined): PriorityLine {
  if (v.value.length < PACK) return new PriorityLine(written, cid, priority, label, context, v, flags, priA + priB * PACK, appA + appB * PACK, argA === -1 ? 0 : argA + 1 + argB * PACK, extB, facts);
  const p = new PriorityLine(written, cid, priority, label, context, v, flags | WIDE, 0, 0, 0, extB, facts);
  wideOffsets.set(p, [priA, priB, appA, appB, argA + 1, argB]);
  return p;
}

/** Source range of value[a, b): exact offsets, or the whole value when comments were cut out of it. */
function valueSpan(vs: number, ve: number, exact: boolean, a: number, b: number): Range {
  return exact ? { start: vs + a, end: vs + Math.max(a, b) } : { start: vs, end: ve };
}

/** sscanf("%d"): optional blanks and sign, then digits (`2x` is 2); undefined when no digit. */
function scanPriorityNumber(text: string): number | undefined {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  let sign = 1;
  const c = text.charCodeAt(i);
  if (c === 43 || c === 45) {
    if (c === 45) sign = -1;
    i++;
  }
  const from = i;
  let n = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if (i === from) return undefined;
  return Math.max(-2147483648, Math.min(2147483647, sign * n));
}

/**
 * The class of a line's application, kept in its flags (bits from APP_SHIFT): 1..5 one of INDEXED_APPS, COMMA_NAME
 * a name with a comma and no '(' (each such name is an application of its own to Asterisk), 0 any other.
 */
const APP_SHIFT = 7;
const COMMA_NAME = INDEXED_APPS.length + 1;
const COMMA_NAME_KEY = ',';

/** The classes of the jump applications (JUMP_APPS, which INDEXED_APPS holds in one run). */
const GOTO_CLASS = INDEXED_APPS.indexOf(JUMP_APPS[0]!) + 1;
const GOSUBIF_CLASS = GOTO_CLASS + JUMP_APPS.length - 1;
const DIAL_CLASS = INDEXED_APPS.indexOf('dial') + 1;

/** What a line of this class carries (see PriorityLine.facts): its arguments are value[argA, argB) (argA -1: none). */
function lineFacts(appClass: number, value: string, argA: number, argB: number): readonly JumpTarget[] | readonly DialDest[] | undefined {
  if (appClass >= GOTO_CLASS && appClass <= GOSUBIF_CLASS) return argA === -1 ? NO_JUMPS : staticJumpTargets(INDEXED_APPS[appClass - 1]!, value, argA, argB);
  if (appClass === DIAL_CLASS) return dialDestinations(value, argA, argB);
  return NO_JUMPS;
}

/** What scanAppName finds in an application name. */
const NAME_SUBST = 1;
const NAME_COMMA = 2;
const NAME_FLAGS = 3;

/**
 * The application name from value[from] up to its '(' (or the end of the value): NAME_SUBST if it has a `${` or
 * `$[`, | NAME_COMMA if it has a ',', plus 4 × (the index of that '(' + 1; 0: none). One loop over the name's few
 * characters finds the '(' too: String#indexOf would be a call into the runtime on every line.
 */
function scanAppName(value: string, from: number): number {
  let found = 0;
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 40 /* ( */) return found + 4 * (i + 1);
    if (c === 44 /* , */) found |= NAME_COMMA;
    else if (c === 36 /* $ */) {
      const next = value.charCodeAt(i + 1);
      if (next === 123 /* { */ || next === 91 /* [ */) found |= NAME_SUBST;
    }
  }
  return found;
}

/**
 * The class of the application name value[a, b) (a: its first non-blank character; no '(' in it; `comma`: it has
 * a ','), as its key (appKeyOf) says, told by its first letter, length and letters (no slice, no lookup). A name
 * that starts or ends with a character past ASCII takes the key, whose trim goes beyond ASCII blanks.
 */
function appClassOf(value: string, a: number, b: number, comma: boolean): number {
  if (comma) return COMMA_NAME; // trim and lower-casing keep the ','
  const first = value.charCodeAt(a);
  const c = lowerAscii(first);
  // Most names (Set, Macro, Hangup…) are told by their first letter, which the key keeps (an ASCII letter is not
  // trimmed): no need to read their end.
  if (first < 128 && c !== 100 /* d */ && c !== 103 /* g */) return 0;
  let e = b;
  while (e > a && isBlank(value.charCodeAt(e - 1))) e--;
  if (first >= 128 || value.charCodeAt(e - 1) >= 128) return classOfKey(appKeyOf(value.slice(a, b)));
  const n = e - a;
  // 'd' and 4 characters can only be dial; 'g' and 4 to 7 only goto, gosub, gotoif, gosubif (one name per length).
  const name = c === 100 /* d */ ? (n === 4 ? 'dial' : '') : c === 103 /* g */ ? (n === 4 ? 'goto' : n === 5 ? 'gosub' : n === 6 ? 'gotoif' : n === 7 ? 'gosubif' : '') : '';
  if (name === '') return 0;
  // The other characters, lower-cased as ASCII: one past ASCII (which the key would keep or grow) differs anyway.
  for (let i = 1; i < n; i++) if (lowerAscii(value.charCodeAt(a + i)) !== name.charCodeAt(i)) return 0;
  return INDEXED_APPS.indexOf(name) + 1;
}

function classOfKey(key: string): number {
  if (key.includes(',') && !key.includes('(')) return COMMA_NAME;
  return INDEXED_APPS.indexOf(key) + 1;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const appKeys = new Map<string, string>();

/** The application name trimmed and lower-cased; names repeat, so they are kept. */
function appKeyOf(app: string): string {
  let key = appKeys.get(app);
  if (key === undefined) {
    if (appKeys.size > 4096) appKeys.clear();
    key = app.trim().toLowerCase();
    appKeys.set(app, key);
  }
  return key;
}

/**
 * value.indexOf(',', from): a priority is mostly one character (`n`, `1`), so its comma is looked for there first
 * (String#indexOf is a call into the runtime, several times the cost of reading two characters).
 */
function commaFrom(value: string, from: number): number {
  if (value.charCodeAt(from) === 44 /* , */) return from;
  if (value.charCodeAt(from + 1) === 44) return from + 1;
  return value.indexOf(',', from);
}

/** Where the ')' of a priority field value[from, to) written 'n(label)…' is; -1 when the field is not one. */
function nextLabelEnd(value: string, from: number, to: number): number {
  if (value.charCodeAt(from) !== 110 /* n */ || value.charCodeAt(from + 1) !== 40 /* ( */) return -1;
  const rp = value.indexOf(')', from + 2);
  return rp < to ? rp : -1;
}

/** text.lastIndexOf(char), without the runtime call String#lastIndexOf makes. */
function lastIndexOfChar(text: string, code: number): number {
  let i = text.length - 1;
  while (i >= 0 && text.charCodeAt(i) !== code) i--;
  return i;
}

/** C isspace(). */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * An unchanged line after an edit: the priority it made before, when it still fits — the same context and
 * extension (`realext`: a same => line's, which it must equal; undefined: an exten => line's own, the same
 * after [globals]), and a priority number that does not depend on the lines before it or that they still give.
 */
function takeMemo(plan: Dialplan, ctx: Context, st: ContextState, v: Variable, realext: string | undefined, out: Diagnostic[]): boolean {
  const node = v.node;
  const p = node.memo;
  if (!(p instanceof PriorityLine) || (v as unknown) !== node || p.context !== ctx.name || p.file !== v.file) return false;
  const f = p.flags;
  if (realext !== undefined && p.written !== realext) return false;
  if ((f & MEMO_SUBST) !== 0) {
    const comma = extenFieldEnd(v.value);
    if (substituteGlobals(comma === -1 ? v.value : v.value.slice(0, comma), plan.globals) !== p.written) return false;
  }
  if ((f & MEMO_NEXT) !== 0) {
    if (st.lastPri <= -2 || p.priority !== st.lastPri + 1) return false;
  } else if ((f & MEMO_SAMEPRI) !== 0) {
    if (st.lastPri <= -2 || p.priority !== st.lastPri) return false;
  } else if ((f & MEMO_FIXED) === 0) return false;
  if (realext === undefined) st.lastExtension = p.written;
  st.lastPri = p.priority;
  addPriority(ctx, st, p, out);
  return true;
}

/**
 * Add one `exten =>` / `same =>` line; `restFrom` is where the priority field starts in the value; `literal`: the
 * extension field has no ${…} (for an exten => line).
 */
function addExtensionLine(ctx: Context, st: ContextState, v: Variable, realext: string, restFrom: number, same: boolean, literal: boolean, out: Diagnostic[]): void {
  const node = v.node;
  const value = v.value;
  const problems = out.length;
  // Value offsets map 1:1 to source unless comments were cut out of the value.
  const exact = node.valueEnd - node.valueStart === value.length;

  let ext = realext;
  let cid: string | undefined;
  if (realext === st.splitOf) {
    ext = st.splitExt;
    cid = st.splitCid;
  } else {
    const slash = ext.indexOf('/');
    if (slash !== -1) {
      cid = shrinkCallerIdPattern(ext.slice(slash + 1));
      ext = ext.slice(0, slash);
    }
    st.splitOf = realext;
    st.splitExt = ext;
    st.splitCid = cid;
  }
  const extB = restFrom > 0 ? restFrom - 1 : value.length;

  const priComma = commaFrom(value, restFrom);
  const priEnd = priComma === -1 ? value.length : priComma;
  let priStart = restFrom;
  let pe = priEnd;
  while (priStart < pe && isBlank(value.charCodeAt(priStart))) priStart++;
  while (pe > priStart && isBlank(value.charCodeAt(pe - 1))) pe--;
  let ipri: number;
  let label: string | undefined;
  let plus: string | undefined;
  let memo = 0; // how the priority number came about, when the line may be taken again (MEMO_*)
  let labelEnd = -1;
  const c0 = value.charCodeAt(priStart);
  if (pe - priStart === 1 && c0 === 110 /* n */ && st.lastPri > -2) {
    ipri = st.lastPri + 1; // the usual 'n'
    memo = MEMO_NEXT;
  } else if (pe - priStart === 1 && c0 >= 49 && c0 <= 57) {
    ipri = c0 - 48; // the usual '1'
    memo = MEMO_FIXED;
  } else if (st.lastPri > -2 && (labelEnd = nextLabelEnd(value, priStart, pe)) !== -1) {
    // The usual 'n(label)': what the general case below makes of it (text after the ')' is dropped there too).
    label = value.slice(priStart + 2, labelEnd);
    ipri = st.lastPri + 1;
    memo = MEMO_NEXT;
  } else {
    let pri = value.slice(priStart, pe);
    const lp = pri.indexOf('(');
    if (lp !== -1) {
      const rp = pri.indexOf(')', lp + 1);
      if (rp === -1) {
        pushLoadProblem(out, v.file, valueSpan(node.valueStart, node.valueEnd, exact, priStart, pe), 'warning', 'label-unclosed', `The label has no closing ')': Asterisk drops this line.`, `Label missing trailing ')' at line ${v.lineNo}`);
        return;
      }
      label = pri.slice(lp + 1, rp);
      pri = pri.slice(0, lp);
    }
    const plusAt = pri.indexOf('+');
    if (plusAt !== -1) {
      plus = pri.slice(plusAt + 1);
      pri = pri.slice(0, plusAt);
    }
    if (pri === 'hint') {
      ipri = PRIORITY_HINT;
      memo = MEMO_FIXED;
    } else if (pri === 'next' || pri === 'n' || pri === 'same' || pri === 's') {
      const isNext = pri === 'next' || pri === 'n';
      if (st.lastPri <= -2) {
        const word = isNext ? 'next' : 'same';
        pushLoadProblem(out, v.file, valueSpan(node.valueStart, node.valueEnd, exact, priStart, pe), 'warning', 'relative-priority-first', `'${pri}' needs an earlier priority in this context, but this is the first entry: Asterisk drops this line. Use 1.`, `Can't use '${word}' priority on the first entry at line ${v.lineNo}!`);
        return;
      }
      ipri = isNext ? st.lastPri + 1 : st.lastPri;
      memo = isNext ? MEMO_NEXT : MEMO_SAMEPRI;
    } else {
      const num = scanPriorityNumber(pri);
      if (num !== undefined) {
        ipri = num;
        memo = MEMO_FIXED;
      } else {
        const found = findLabel(ctx, ext, cid, pri);
        if (found === undefined) {
          pushLoadProblem(out, v.file, valueSpan(node.valueStart, node.valueEnd, exact, priStart, pe), 'warning', 'unknown-label', `No label '${pri}' earlier in extension '${ext}' of context '${ctx.name}': Asterisk drops this line.` + (/[[\]_!.]/.test(pri) ? ` (The second field of '${same ? 'same' : 'exten'} =>' is the priority${same ? '; same => does not repeat the extension' : ''}.)` : ''), `Invalid priority/label '${pri}' at line ${v.lineNo}`);
          return;
        }
        ipri = found;
      }
      if (num !== undefined && ipri < 1) {
        pushLoadProblem(out, v.file, valueSpan(node.valueStart, node.valueEnd, exact, priStart, pe), 'warning', 'invalid-priority', `Priority ${ipri} is not allowed (priorities start at 1): Asterisk drops this line.`, `Invalid priority '${pri}' at line ${v.lineNo}`);
        return;
      }
    }
  }

  // Application and arguments: value[appFrom, end).
  const appFrom = priComma === -1 ? value.length : priComma + 1;
  let appEnd = value.length; // end of the application name
  let argA = -1;
  let argB = -1;
  // The first '(' and what the name before it holds, read once: a ${…} or $[…], a comma. A hint's text (a device
  // list, mostly without '(') is searched for its '(' at once rather than read to its end.
  let firstParen: number;
  let name: number;
  if (ipri === PRIORITY_HINT) {
    firstParen = value.indexOf('(', appFrom);
    name = firstParen === -1 ? 0 : scanAppName(value, appFrom) & NAME_FLAGS;
  } else {
    const scanned = scanAppName(value, appFrom);
    firstParen = (scanned >>> 2) - 1;
    name = scanned & NAME_FLAGS;
  }
  if (firstParen !== -1) {
    // An application name built by ${…} or $[…] is taken whole, arguments and all (pbx_config.c).
    if ((name & NAME_SUBST) === 0) {
      appEnd = firstParen;
      const last = lastIndexOfChar(value, 41 /* ) */);
      argA = firstParen + 1;
      if (last > firstParen) {
        argB = last;
      } else {
        argB = value.length;
        const before = value.slice(appFrom, firstParen);
        pushLoadProblem(out, v.file, valueSpan(node.valueStart, node.valueEnd, exact, appFrom, value.length), 'warning', 'unclosed-parenthesis', `No closing ')' for ${before.trim() || 'the application'}(: Asterisk passes everything after '(' as the arguments.`, `No closing parenthesis found? '${before}(${value.slice(argA)}' at line ${v.lineNo}`);
      }
    }
  }
  let appStart = appFrom;
  while (appStart < appEnd && isBlank(value.charCodeAt(appStart))) appStart++;

  if (ipri === 0) return; // pbx_config silently skips priority 0 (e.g. 'n' right after a hint).
  if (plus !== undefined) ipri += parseInt(plus, 10) || 0;
  st.lastPri = ipri;

  // A hint runs no application (its text, a device list, is in no class); nor is a name built by ${…} or $[…] before
  // a '(' (taken whole, its key holds the '(' and what follows).
  const appClass = ipri === PRIORITY_HINT || (firstParen !== -1 && argA === -1) ? 0 : appClassOf(value, appStart, argA === -1 ? value.length : appEnd, (name & NAME_COMMA) !== 0);
  // A line with '+n', or whose value is not the line's own (+=, templates), or with a problem is always read again.
  if (plus !== undefined || (v as unknown) !== node) memo = 0;
  const flags = (same ? SAME : 0) | (exact ? EXACT : 0) | memo | (memo !== 0 && !literal ? MEMO_SUBST : 0) | (appClass << APP_SHIFT);
  // A jump's targets and a Dial's destinations are read now, while the line is at hand (the rules and navigation
  // ask for them).
  const p = priorityLine(realext, cid, ipri, label, ctx.name, v, flags, priStart, pe, appStart, firstParen === -1 ? value.length : firstParen, argA, argB, extB, lineFacts(appClass, value, argA, argB));

  if (ext === '') {
    pushLoadProblem(out, v.file, p.extenRange, 'warning', 'empty-extension', `The extension is empty: Asterisk ignores this line.`, `You have to be kidding-- add exten '' to context ${ctx.name}? Figure out a name and call me back. Action ignored.`);
    return;
  }
  if ((ext === '_.' || ext === '_!') && !same) {
    pushLoadProblem(out, v.file, p.extenRange, 'warning', 'discouraged-pattern', `'${ext}' also matches the special extensions s, i, t, h and T, which can loop or swallow hangups. Use '_X${ext[1]}' instead.`, `The use of '${ext}' for an extension is strongly discouraged and can have unexpected behavior.  Please use '_X${ext[1]}' instead at line ${v.lineNo}`);
  } else if ((ext === '_.' || ext === '_!') && same && p.priority === 1) {
    pushLoadProblem(out, v.file, p.extenRange, 'warning', 'discouraged-pattern', `'${ext}' also matches the special extensions s, i, t, h and T. Use '_X${ext[1]}' instead.`);
  }
  node.memo = memo !== 0 && out.length === problems ? p : undefined;
  addPriority(ctx, st, p, out);
}

/**
 * The extension of a context with this identity (ext_cmp == 0 and the same CID
 * rule). Literals without a CID pattern, the common case, compare as their
 * dash-free text, so they skip the general key.
 */
function findExtension(st: ContextState, match: string, cid: string | undefined): Extension | undefined {
  return isPlainLiteral(match, cid) ? st.literals.get(match) : st.byKey.get(extensionIdentityKey(match, cid));
}

/** No CID part and not a pattern. (A name here has no NUL, which would end it for Asterisk: the scan ends a line at one.) */
function isPlainLiteral(match: string, cid: string | undefined): boolean {
  return cid === undefined && match.charCodeAt(0) !== 95 /* _ */;
}

function findLabel(ctx: Context, ext: string, cid: string | undefined, label: string): number | undefined {
  const st = contextStates.get(ctx);
  return st && findExtension(st, normalizeExtensionName(ext).match, cid)?.labels.get(label)?.priority;
}

function addPriority(ctx: Context, st: ContextState, p: PriorityLine, out: Diagnostic[]): void {
  // Consecutive lines of one extension (same =>, or exten => repeated) find it again at once.
  const sameAsLast = st.lastWritten === p.written && st.lastExt !== undefined;
  const names = sameAsLast ? st.lastNames! : normalizeExtensionName(p.exten);
  let ext = sameAsLast ? st.lastExt : findExtension(st, names.match, p.cid);
  if (!ext) {
    ext = {
      name: names.name,
      match: names.match,
      cid: p.cid,
      isPattern: names.name.startsWith('_'),
      priorities: new PriorityMap(),
      labels: NO_LABELS,
      first: p,
      order: ctx.extensions.length,
    };
    if (isPlainLiteral(names.match, p.cid)) st.literals.set(names.match, ext);
    else st.byKey.set(extensionIdentityKey(names.match, p.cid), ext);
    ctx.extensions.push(ext);
  }
  st.lastWritten = p.written;
  st.lastExt = ext;
  st.lastNames = names;
  const existing = ext.priorities.get(p.priority);
  if (existing) {
    const alias = ext.name !== names.name ? ` by aliased extension '${ext.name}'` : '';
    const at = existing.file === p.file ? `line ${existing.lineNo}` : `${existing.file}:${existing.lineNo}`;
    pushLoadProblem(out, 
      p.file,
      p.priorityRange,
      'warning',
      'duplicate-priority',
      `Extension '${names.name}' already has priority ${p.priority === PRIORITY_HINT ? 'hint' : p.priority} in '${ctx.name}' (${at}${alias ? `, written '${ext.name}'` : ''}): Asterisk keeps the first one and drops this line.`,
      `Unable to register extension '${names.name}' priority ${p.priority} in '${ctx.name}', already in use${alias}`,
    );
    return;
  }
  if (p.label !== undefined && p.label !== '') {
    const other = ext.labels.get(p.label);
    if (other && other.priority !== p.priority) {
      pushLoadProblem(out, p.file, p.priorityRange, 'warning', 'duplicate-label', `Label '${p.label}' is already used at priority ${other.priority} of '${ext.name}' (line ${other.lineNo}): Asterisk keeps this priority but without the label, so Goto(${p.label}) goes to priority ${other.priority}.`, `Extension '${names.name}' priority ${p.priority} in '${ctx.name}', label '${p.label}' already in use at priority ${other.priority}`);
      p = p.withoutLabel(); // a copy: the line's memo (and another dialplan built from the same lines) keeps it
    } else {
      if (ext.labels === NO_LABELS) ext.labels = new LabelMap();
      (ext.labels as LabelMap).add(p.label, p);
    }
  }
  (ext.priorities as PriorityMap).add(p);
  const key = p.indexKey;
  if (key !== undefined) st.apps.add(p, key);
}

const NO_PRIORITIES: Priority[] = [];

/**
 * An extension's priorities by number, in the order they were added, with a Map's reading interface. Most
 * extensions have one to fifteen: a list (and a Map only past 16) holds them in a fraction of a Map's memory,
 * and priorities that come in ascending order, the usual way, are known to be new without a search.
 */
class PriorityMap implements ReadonlyMap<number, Priority> {
  /** A list of exactly one for the first priority (most extensions have one), then a growing one. */
  private list: Priority[] = NO_PRIORITIES;
  private index: Map<number, Priority> | undefined = undefined;
  /** The highest number (-2: none; priorities are 1 and up, or -1 for a hint). */
  private max = -2;
  get size(): number {
    return this.list.length;
  }
  get(n: number): Priority | undefined {
    if (n > this.max) return undefined;
    if (this.index) return this.index.get(n);
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i]!.priority === n) return list[i];
    return undefined;
  }
  has(n: number): boolean {
    return this.get(n) !== undefined;
  }
  /** Add a priority whose number is not there yet. */
  add(p: Priority): void {
    if (this.list === NO_PRIORITIES) this.list = [p];
    else this.list.push(p);
    if (p.priority > this.max) this.max = p.priority;
    if (this.index) this.index.set(p.priority, p);
    else if (this.list.length > 16) this.index = new Map(this.list.map((q) => [q.priority, q]));
  }
  values(): IterableIterator<Priority> {
    return this.list.values();
  }
  keys(): IterableIterator<number> {
    return this.list.map((p) => p.priority).values();
  }
  entries(): IterableIterator<[number, Priority]> {
    return this.list.map((p): [number, Priority] => [p.priority, p]).values();
  }
  [Symbol.iterator](): IterableIterator<[number, Priority]> {
    return this.entries();
  }
  forEach(callback: (value: Priority, key: number, map: ReadonlyMap<number, Priority>) => void, thisArg?: unknown): void {
    for (const p of this.list) callback.call(thisArg, p, p.priority, this);
  }
}

/**
 * An extension's labels with a Map's reading interface. A FreePBX user's extension has a few (dial, busy, unavail,
 * dnd): two short lists hold them without hashing each label into a Map of its own; a Map only past 8.
 */
class LabelMap implements ReadonlyMap<string, Priority> {
  private readonly names: string[] = [];
  private readonly list: Priority[] = [];
  private index: Map<string, Priority> | undefined = undefined;
  get size(): number {
    return this.names.length;
  }
  get(label: string): Priority | undefined {
    if (this.index) return this.index.get(label);
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (names[i] === label) return this.list[i];
    return undefined;
  }
  has(label: string): boolean {
    return this.get(label) !== undefined;
  }
  /** Add a label, or name another priority by one it has (in its place, as Map#set does). */
  add(label: string, p: Priority): void {
    const at = this.names.indexOf(label);
    if (at !== -1) this.list[at] = p;
    else {
      this.names.push(label);
      this.list.push(p);
    }
    if (this.index) this.index.set(label, p);
    else if (this.names.length > 8) this.index = new Map(this.names.map((n, i) => [n, this.list[i]!]));
  }
  values(): IterableIterator<Priority> {
    return this.list.values();
  }
  keys(): IterableIterator<string> {
    return this.names.values();
  }
  entries(): IterableIterator<[string, Priority]> {
    return this.names.map((n, i): [string, Priority] => [n, this.list[i]!]).values();
  }
  [Symbol.iterator](): IterableIterator<[string, Priority]> {
    return this.entries();
  }
  forEach(callback: (value: Priority, key: string, map: ReadonlyMap<string, Priority>) => void, thisArg?: unknown): void {
    this.names.forEach((n, i) => callback.call(thisArg, this.list[i]!, n, this));
  }
}

/** Shared by every extension without labels (most of them); replaced by its own LabelMap at the first label. */
const NO_LABELS = new LabelMap();

// Their maps outlive every model (see shapes.ts): an extension's priorities and labels, and `exten => 1,1,Noop()`.
keepShape(new PriorityMap());
keepShape(new LabelMap());
keepShape(priorityLine('1', undefined, 1, undefined, 'c', variable('exten', 'exten', '1,1,Noop()', '', 1, undefined as unknown as AssignmentNode, undefined, undefined), 0, 2, 3, 4, 8, 9, 9, 1, NO_JUMPS));
