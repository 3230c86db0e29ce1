/**
 * What is at an offset of a file: the shared first step of hover, completion,
 * go-to-definition, references and rename. It maps the parsed line under the
 * cursor back to the model element (context, extension, priority, application,
 * variable, Goto/Gosub/Dial target, sip.conf option, register part, #include).
 */
import type { Category, Variable } from '../config/loader';
import type { Dialplan, Include, Priority } from '../dialplan/model';
import type { AssignmentNode, LineNode, ParsedFile, Range, SectionNode } from '../parse/parser';
import type { SipRegistration } from '../sip/model';
import type { RegisterFieldName } from '../sip/register-line';
import type { Analysis, FileKind, RootResult } from '../workspace';

export type SectionRole = 'context' | 'device' | 'template' | 'general' | 'globals' | 'authentication' | 'section';

export type Target =
  | { kind: 'section'; range: Range; name: string; role: SectionRole; category?: Category }
  | { kind: 'template-ref'; range: Range; name: string }
  | { kind: 'extension'; range: Range; priority: Priority; context: string }
  | { kind: 'priority'; range: Range; priority: Priority; context: string }
  | { kind: 'application'; range: Range; name: string; priority: Priority; context: string }
  | { kind: 'argument'; range: Range; priority: Priority; context: string; index: number }
  | { kind: 'variable'; range: Range; name: string; priority?: Priority; context?: string }
  | { kind: 'context-ref'; range: Range; name: string }
  | { kind: 'extension-ref'; range: Range; context: string; exten: string }
  | { kind: 'label-ref'; range: Range; context: string; exten: string; label: string }
  | { kind: 'peer-ref'; range: Range; name: string }
  | { kind: 'dialplan-key'; range: Range; key: string; context: string }
  | { kind: 'option-name'; range: Range; name: string; variable: Variable; role: SectionRole; fileKind: FileKind }
  | { kind: 'option-value'; range: Range; name: string; value: string; variable: Variable; role: SectionRole; fileKind: FileKind }
  | { kind: 'register-part'; range: Range; field: RegisterFieldName; registration: SipRegistration }
  | { kind: 'include-file'; range: Range; arg: string; targets: string[] };

export interface Located {
  file: string;
  offset: number;
  node?: LineNode;
  root?: RootResult;
  target?: Target;
}

/** The model keeps ranges, not parse nodes: dialplan elements are found by file and line start. */
const lineKey = (file: string, r: Range): string => `${file}\0${r.start}`;
const priorityByLine = new WeakMap<Dialplan, Map<string, { p: Priority; context: string }[]>>();
const includeByLine = new WeakMap<Dialplan, Map<string, { inc: Include; context: string }>>();
const varByNode = new WeakMap<object, Map<AssignmentNode, { v: Variable; cat: Category }>>();

function indexDialplan(plan: Dialplan): void {
  if (priorityByLine.has(plan)) return;
  const pri = new Map<string, { p: Priority; context: string }[]>();
  const inc = new Map<string, { inc: Include; context: string }>();
  for (const ctx of plan.contexts.values()) {
    for (const ext of ctx.extensions) {
      for (const p of ext.priorities.values()) {
        const k = lineKey(p.file, p.range);
        const list = pri.get(k);
        if (list) list.push({ p, context: ctx.name });
        else pri.set(k, [{ p, context: ctx.name }]);
      }
    }
    for (const i of ctx.includes) inc.set(lineKey(i.file, i.range), { inc: i, context: ctx.name });
  }
  priorityByLine.set(plan, pri);
  includeByLine.set(plan, inc);
}

function indexVars(root: RootResult): Map<AssignmentNode, { v: Variable; cat: Category }> {
  let m = varByNode.get(root.config);
  if (!m) {
    m = new Map();
    for (const cat of root.config.categories) for (const v of cat.vars) if (!v.inheritedFrom && !m.has(v.node)) m.set(v.node, { v, cat });
    varByNode.set(root.config, m);
  }
  return m;
}

function roleOf(cat: Category | undefined, name: string, kind: FileKind): SectionRole {
  const lower = name.toLowerCase();
  if (cat?.template) return 'template';
  if (lower === 'general') return 'general';
  if (kind === 'extensions') return lower === 'globals' ? 'globals' : 'context';
  if (kind === 'sip') return lower === 'authentication' ? 'authentication' : 'device';
  return 'section';
}

/** The parsed line containing `offset` (binary search; lines are sorted by range). */
export function nodeAt(parsed: ParsedFile, offset: number): LineNode | undefined {
  const nodes = parsed.nodes;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = nodes[mid]!;
    if (offset < n.range.start) hi = mid - 1;
    else if (offset > n.range.end) lo = mid + 1;
    else return n;
  }
  return undefined;
}

const within = (r: Range | undefined, o: number): r is Range => !!r && o >= r.start && o <= r.end;

/** The root whose load read `file` (extensions/sip roots first). */
export function rootOf(analysis: Analysis, file: string): RootResult | undefined {
  const owners = analysis.roots.filter((r) => r.config.files.includes(file));
  return owners.find((r) => r.dialplan || r.sip) ?? owners[0];
}

export function locate(analysis: Analysis, parsed: ParsedFile, file: string, offset: number): Located {
  const out: Located = { file, offset };
  const node = nodeAt(parsed, offset);
  out.node = node;
  const root = rootOf(analysis, file);
  out.root = root;
  if (!node || !root) return out;
  out.target = targetOf(analysis, root, node, file, offset);
  return out;
}

function sectionTarget(root: RootResult, node: SectionNode, offset: number): Target | undefined {
  const cat = root.config.categories.find((c) => c.header === node) ?? root.config.categories.find((c) => c.appendedBy.some((a) => a.header === node));
  for (const o of node.options ?? []) {
    if (within(o.range, offset) && o.text !== '!' && !o.text.startsWith('+')) return { kind: 'template-ref', range: o.range, name: o.text };
  }
  if (within(node.nameRange, offset) || within(node.range, offset)) return { kind: 'section', range: node.nameRange, name: node.name, role: roleOf(cat, node.name, root.kind), category: cat };
  return undefined;
}

function targetOf(analysis: Analysis, root: RootResult, node: LineNode, file: string, offset: number): Target | undefined {
  if (node.kind === 'section') return sectionTarget(root, node, offset);
  if (node.kind === 'directive') {
    const rec = root.config.includes.find((i) => i.directive === node);
    if (rec && within(node.argRange, offset)) return { kind: 'include-file', range: node.argRange, arg: node.arg ?? '', targets: rec.targets };
    return undefined;
  }
  const entry = indexVars(root).get(node);
  const cat = entry?.cat;
  const role = roleOf(cat, cat?.name ?? '', root.kind);

  if (root.dialplan && role === 'context') {
    indexDialplan(root.dialplan);
    const key = lineKey(file, node.range);
    const ps = priorityByLine.get(root.dialplan)!.get(key);
    if (ps && ps.length) {
      const { p, context } = ps[0]!;
      if (within(p.extenRange, offset) && !p.same) return { kind: 'extension', range: p.extenRange, priority: p, context };
      if (within(p.priorityRange, offset)) return { kind: 'priority', range: p.priorityRange, priority: p, context };
      if (within(p.appRange, offset)) return { kind: 'application', range: p.appRange, name: p.app.trim(), priority: p, context };
      if (within(p.argsRange, offset)) return argumentTarget(p, context, offset, analysis.texts.get(file) ?? '');
      if (within(node.nameRange, offset)) return { kind: 'dialplan-key', range: node.nameRange, key: node.name.toLowerCase(), context };
      return undefined;
    }
    const inc = includeByLine.get(root.dialplan)!.get(key);
    if (inc && within(inc.inc.contextRange, offset)) return { kind: 'context-ref', range: inc.inc.contextRange, name: inc.inc.context };
    if (within(node.nameRange, offset)) return { kind: 'dialplan-key', range: node.nameRange, key: node.name.toLowerCase(), context: cat?.name ?? '' };
    return undefined;
  }

  if (!entry) return undefined;
  const v = entry.v;
  if (root.sip && v.name.toLowerCase() === 'register') {
    const reg = root.sip.registrations.find((r) => r.variable.node === node);
    if (reg && reg.exact) {
      for (const [field, span] of Object.entries(reg.fields)) {
        if (!span) continue;
        const r = { start: reg.valueStart + span.start, end: reg.valueStart + span.end };
        if (within(r, offset)) return { kind: 'register-part', range: r, field: field as RegisterFieldName, registration: reg };
      }
    }
  }
  if (within(node.nameRange, offset)) return { kind: 'option-name', range: node.nameRange, name: v.name, variable: v, role, fileKind: root.kind };
  if (within(node.valueRange, offset)) {
    const lname = v.name.toLowerCase();
    if (root.kind === 'sip' && lname === 'context') return { kind: 'context-ref', range: node.valueRange, name: v.value };
    return { kind: 'option-value', range: node.valueRange, name: v.name, value: v.value, variable: v, role, fileKind: root.kind };
  }
  return undefined;
}

/** Inside application arguments: ${VAR}, Goto/Gosub targets, Dial(SIP/peer/...). */
function argumentTarget(p: Priority, context: string, offset: number, text: string): Target {
  const args = p.argsRange!;
  const raw = text.slice(args.start, args.end);
  const rel = offset - args.start;
  // ${...} under the cursor (innermost).
  let best: Target | undefined;
  const re = /\$\{([^${}]*)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const s = m.index;
    const close = raw.indexOf('}', s);
    const e = close === -1 ? raw.length : close + 1;
    if (rel >= s && rel <= e) {
      const inner = m[1]!;
      best = { kind: 'variable', range: { start: args.start + s, end: args.start + e }, name: inner, priority: p, context };
    }
  }
  if (best) return best;
  // Split into top-level arguments with their offsets.
  const parts: { s: number; e: number }[] = [];
  let depth = 0;
  let s = 0;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if ((c === ',' && depth === 0) || i === raw.length) {
      parts.push({ s, e: i });
      s = i + 1;
    }
  }
  const index = Math.max(0, parts.findIndex((x) => rel >= x.s && rel <= x.e));
  const part = parts[index] ?? { s: 0, e: raw.length };
  const range = (a: number, b: number): Range => ({ start: args.start + a, end: args.start + b });
  const app = p.app.trim().toLowerCase();
  const trimmed = (x: { s: number; e: number }) => {
    let a = x.s;
    let b = x.e;
    while (a < b && raw[a] === ' ') a++;
    while (b > a && raw[b - 1] === ' ') b--;
    return { s: a, e: b, text: raw.slice(a, b) };
  };
  if (app === 'goto' || app === 'gosub') {
    const ps = parts.map(trimmed);
    if (app === 'gosub' && ps.length) {
      const last = ps[ps.length - 1]!;
      const paren = last.text.indexOf('(');
      if (paren !== -1) ps[ps.length - 1] = { s: last.s, e: last.s + paren, text: last.text.slice(0, paren) };
    }
    const t = ps[index];
    if (t && !t.text.includes('$')) {
      if (ps.length >= 3 && index === 0) return { kind: 'context-ref', range: range(t.s, t.e), name: t.text };
      const ctxName = ps.length >= 3 ? ps[0]!.text : context;
      const exten = ps.length >= 2 ? ps[ps.length - 2]!.text : p.exten;
      if (index === ps.length - 2 && ps.length >= 2) return { kind: 'extension-ref', range: range(t.s, t.e), context: ctxName, exten: t.text };
      if (index === ps.length - 1 && !/^\d+$/.test(t.text)) return { kind: 'label-ref', range: range(t.s, t.e), context: ctxName, exten, label: t.text.replace(/[+-]\d+$/, '') };
    }
  }
  if (app === 'dial' && index === 0) {
    // Each '&'-separated destination: SIP/peer[/number] or SIP/number@peer.
    let destStart = part.s;
    for (const dest of raw.slice(part.s, part.e).split('&')) {
      const lead = dest.length - dest.trimStart().length;
      const d = dest.trimStart();
      if (/^sip\//i.test(d)) {
        const res = d.slice(4);
        const at = res.indexOf('@');
        const from = at === -1 ? 0 : at + 1;
        const stop = res.slice(from).search(at === -1 ? /[/,]/ : /[/:,]/);
        const name = stop === -1 ? res.slice(from) : res.slice(from, from + stop);
        const begin = destStart + lead + 4 + from;
        if (name && !name.includes('$') && rel >= begin && rel <= begin + name.length) return { kind: 'peer-ref', range: range(begin, begin + name.length), name };
      }
      destStart += dest.length + 1;
    }
  }
  return { kind: 'argument', range: range(part.s, part.e), priority: p, context, index };
}
