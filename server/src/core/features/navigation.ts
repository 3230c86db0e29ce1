/**
 * Go to definition, find references and rename across sip.conf and
 * extensions.conf. One occurrence index per analysis lists every place that
 * declares or names a context, a sip.conf device or a template:
 *
 * - contexts (case-sensitive, SPEC §2): `[ctx]` headers (every section of a
 *   merged context, `(+)` appends too), sip.conf `context=`/`subscribecontext=`,
 *   `include =>`, and the context argument of static Goto/Gosub/GotoIf/GosubIf
 *   jumps (the static ones: the targets the dialplan read, `Priority.jumps`);
 * - sip.conf devices (case-insensitive): `[peer]` headers, `Dial(SIP/peer/…)`,
 *   `Dial(SIP/num@peer)` (as `dialUses` reads them, [globals] included), hints
 *   `SIP/peer`, and `register => peer?…`;
 * - templates (lookups are case-insensitive, SPEC §1): `[tpl](!)` and every
 *   `[name](tpl)` that inherits it.
 *
 * Jump targets (`Goto(ctx,exten,label)`) resolve with Asterisk's own matching
 * (`findExtension`), `#include` arguments go to the file, `${GLOBAL}` to
 * [globals]. Everything speaks offsets; the LSP layer converts.
 */
import type { Location, TextEdit } from '../diagnostic';
import type { Category } from '../config/loader';
import { PRIORITY_HINT, type Dialplan, type Extension, type Priority } from '../dialplan/model';
import type { ParsedFile, Range } from '../parse/parser';
import { dialUses } from '../rules/routing';
import { JUMP_APPS } from '../dialplan/jumps';
import { findExtension } from '../simulate/find';
import type { Analysis, RootResult } from '../workspace';
import { locate, rootOf, type Target } from './locate';

export type NavSymbolKind = 'context' | 'device' | 'template';

/** One place that declares or names a context, device or template. */
export interface Occurrence extends Location {
  kind: NavSymbolKind;
  /** Identity: `context\0name`, `device\0lowername`, `template\0file\0offset`. */
  key: string;
  /** The name as declared (or as referenced, when nothing declares it). */
  name: string;
  declaration: boolean;
  /** The source text at the range is the name itself, so a rename can edit it in place. */
  exact: boolean;
}

/** A Goto/Gosub extension or priority/label argument. */
export interface JumpRef extends Location {
  part: 'exten' | 'priority';
  plan: Dialplan;
  context: string;
  exten: string;
  priority: string;
  /** The extension of the jumping line, for `Goto(label)` / `Goto(priority)` forms. */
  own?: Extension;
}

export interface NavigationIndex {
  occurrences: Occurrence[];
  jumps: JumpRef[];
  byKey: Map<string, Occurrence[]>;
  byFile: Map<string, Occurrence[]>;
  jumpsByFile: Map<string, JumpRef[]>;
}

const SIP_RESERVED = new Set(['general', 'authentication']);
const DIALPLAN_RESERVED = new Set(['general', 'globals']);
const CONTEXT_OPTIONS = new Set(['context', 'subscribecontext']);

const indexes = new WeakMap<Analysis, NavigationIndex>();

export const contextKey = (name: string): string => `context\0${name}`;
export const deviceKey = (name: string): string => `device\0${name.toLowerCase()}`;
const templateKey = (cat: Category): string => `template\0${cat.file}\0${cat.header.nameRange.start}`;

/** The symbol a section stands for (undefined for [general], [globals], …). */
function sectionSymbol(root: RootResult, cat: Category): { kind: NavSymbolKind; key: string } | undefined {
  const lower = cat.name.toLowerCase();
  if (cat.template) return { kind: 'template', key: templateKey(cat) };
  if (root.kind === 'sip') return SIP_RESERVED.has(lower) ? undefined : { kind: 'device', key: deviceKey(cat.name) };
  if (root.kind === 'extensions') return DIALPLAN_RESERVED.has(lower) ? undefined : { kind: 'context', key: contextKey(cat.name) };
  return undefined;
}

/** Split at top-level commas as `splitArgs` does (quotes, () and [] nest, `\` escapes), keeping offsets. */
function splitSpans(raw: string, from: number, to: number, sep = ','): { s: number; e: number }[] {
  const out: { s: number; e: number }[] = [];
  let depth = 0;
  let quote = false;
  let s = from;
  for (let i = from; i < to; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < to) {
      i++;
      continue;
    }
    if (c === '"') quote = !quote;
    else if (!quote && (c === '(' || c === '[')) depth++;
    else if (!quote && (c === ')' || c === ']') && depth > 0) depth--;
    else if (!quote && depth === 0 && c === sep) {
      out.push({ s, e: i });
      s = i + 1;
    }
  }
  out.push({ s, e: to });
  return out;
}

function trimSpan(raw: string, x: { s: number; e: number }): { s: number; e: number; text: string } {
  let a = x.s;
  let b = x.e;
  while (a < b && /\s/.test(raw[a]!)) a++;
  while (b > a && /\s/.test(raw[b - 1]!)) b--;
  return { s: a, e: b, text: raw.slice(a, b) };
}

/** The `context,exten,priority` specs of a jump application, as offsets into its argument text. */
function jumpSpecs(app: string, raw: string): { s: number; e: number }[] {
  const cut = (s: number, e: number): { s: number; e: number } => {
    if (app !== 'gosub' && app !== 'gosubif') return { s, e };
    const paren = raw.indexOf('(', s);
    return { s, e: paren !== -1 && paren < e ? paren : e };
  };
  if (app === 'goto' || app === 'gosub') return [cut(0, raw.length)];
  const q = raw.indexOf('?');
  if (q === -1) return [];
  const specs: { s: number; e: number }[] = [];
  let s = q + 1;
  for (let i = q + 1; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === ':') {
      specs.push(cut(s, i));
      s = i + 1;
    }
  }
  return specs;
}

function buildIndex(analysis: Analysis): NavigationIndex {
  const occurrences: Occurrence[] = [];
  const jumps: JumpRef[] = [];
  const seen = new Map<string, Set<string>>();
  const textOf = (file: string): string => analysis.texts.get(file) ?? '';
  const add = (o: Occurrence): void => {
    let inFile = seen.get(o.file);
    if (!inFile) seen.set(o.file, (inFile = new Set()));
    const k = `${o.start}\0${o.end}\0${o.key}`;
    if (inFile.has(k)) return;
    inFile.add(k);
    occurrences.push(o);
  };
  /** Context names are case-sensitive; device names and inheritance lookups are not. */
  const at = (kind: NavSymbolKind, key: string, name: string, file: string, r: Range, declaration: boolean, caseInsensitive = kind !== 'context'): void => {
    const text = textOf(file).slice(r.start, r.end);
    const exact = caseInsensitive ? text.toLowerCase() === name.toLowerCase() : text === name;
    add({ kind, key, name, file, start: r.start, end: r.end, declaration, exact });
  };

  for (const root of analysis.roots) {
    // Sections and inheritance, in every kind of file.
    for (const cat of root.config.categories) {
      const sym = sectionSymbol(root, cat);
      if (sym) {
        at(sym.kind, sym.key, cat.name, cat.file, cat.header.nameRange, true);
        for (const a of cat.appendedBy) at(sym.kind, sym.key, cat.name, a.file, a.header.nameRange, true);
      }
      for (const inh of cat.inherits) {
        const target = inh.target;
        if (!target) continue;
        let tsym = sectionSymbol(root, target);
        if (!tsym) {
          // An ordinary section used as a template ([general] in a generic file): name it by place.
          tsym = { kind: 'template', key: templateKey(target) };
          at('template', tsym.key, target.name, target.file, target.header.nameRange, true);
        }
        // Inheritance looks names up case-insensitively, whatever the section is.
        at(tsym.kind, tsym.key, target.name, cat.file, inh.range, false, true);
      }
      if (root.kind === 'sip') {
        for (const v of cat.vars) {
          if (v.inheritedFrom || !CONTEXT_OPTIONS.has(v.name.toLowerCase()) || v.value === '') continue;
          at('context', contextKey(v.value), v.value, v.file, v.node.valueRange, false);
        }
      }
    }
    if (root.sip) {
      for (const reg of root.sip.registrations) {
        const span = reg.fields.peer;
        const peer = reg.entry?.peer;
        if (!peer || !span || !reg.exact) continue;
        const file = reg.variable.file;
        at('device', deviceKey(peer), peer, file, { start: reg.valueStart + span.start, end: reg.valueStart + span.end }, false);
      }
    }
    if (root.dialplan) indexDialplan(root.dialplan, textOf, at, jumps);
  }

  // Names: a reference takes the declared spelling when there is one.
  const byKey = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const list = byKey.get(o.key);
    if (list) list.push(o);
    else byKey.set(o.key, [o]);
  }
  for (const list of byKey.values()) {
    const decl = list.find((o) => o.declaration);
    if (decl) for (const o of list) o.name = decl.name;
  }
  const byFile = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const list = byFile.get(o.file);
    if (list) list.push(o);
    else byFile.set(o.file, [o]);
  }
  const jumpsByFile = new Map<string, JumpRef[]>();
  for (const j of jumps) {
    const list = jumpsByFile.get(j.file);
    if (list) list.push(j);
    else jumpsByFile.set(j.file, [j]);
  }
  return { occurrences, jumps, byKey, byFile, jumpsByFile };
}

type AddAt = (kind: NavSymbolKind, key: string, name: string, file: string, r: Range, declaration: boolean) => void;

function indexDialplan(plan: Dialplan, textOf: (file: string) => string, at: AddAt, jumps: JumpRef[]): void {
  const dialsOf = new Map<Priority, string[]>();
  for (const u of dialUses(plan)) {
    const list = dialsOf.get(u.priority);
    if (list) list.push(u.peer);
    else dialsOf.set(u.priority, [u.peer]);
  }
  // One jump per place: a template's lines are copied into every context that inherits them.
  const seenJump = new Map<string, Set<number>>();
  for (const ctx of plan.contexts.values()) {
    for (const inc of ctx.includes) at('context', contextKey(inc.context), inc.context, inc.file, inc.contextRange, false);
    for (const ext of ctx.extensions) {
      for (const p of ext.priorities.values()) {
        const text = textOf(p.file);
        if (JUMP_APPS.includes(p.appKey) && p.argsRange) indexJumps(plan, ctx.name, ext, p, p.appKey, text, at, jumps, seenJump);
        const peers = dialsOf.get(p);
        if (peers && p.argsRange) indexDial(plan, p, peers, text, at);
        if (p.priority === PRIORITY_HINT) indexHint(p, text, at);
      }
    }
  }
}

function indexJumps(plan: Dialplan, context: string, ext: Extension, p: Priority, app: string, text: string, at: AddAt, jumps: JumpRef[], seenJump: Map<string, Set<number>>): void {
  const args = p.argsRange!;
  const raw = text.slice(args.start, args.end);
  const statics = p.jumps;
  if (raw !== p.appData) {
    // Comments or escapes inside the arguments: offsets are unknown, name the whole argument text.
    for (const j of statics) at('context', contextKey(j.context), j.context, p.file, args, false);
    return;
  }
  let seen = seenJump.get(p.file);
  if (!seen) seenJump.set(p.file, (seen = new Set()));
  for (const spec of jumpSpecs(app, raw)) {
    const parts = splitSpans(raw, spec.s, spec.e).map((x) => trimSpan(raw, x));
    if (parts.length > 3 || (parts.length === 1 && parts[0]!.text === '')) continue;
    let target = context;
    if (parts.length === 3) {
      const c = parts[0]!;
      if (!statics.some((j) => j.context === c.text)) continue; // dynamic (or empty) context
      at('context', contextKey(c.text), c.text, p.file, { start: args.start + c.s, end: args.start + c.e }, false);
      target = c.text;
    }
    const pri = parts[parts.length - 1]!;
    const exten = parts.length >= 2 ? parts[parts.length - 2]! : undefined;
    const own = parts.length === 1 ? ext : undefined;
    const extenText = exten?.text ?? p.exten;
    const push = (part: JumpRef['part'], x: { s: number; e: number }): void => {
      const start = args.start + x.s;
      if (seen.has(start)) return;
      seen.add(start);
      jumps.push({ part, plan, context: target, exten: extenText, priority: pri.text, own, file: p.file, start, end: args.start + x.e });
    };
    if (exten && exten.text !== '' && !exten.text.includes('$')) push('exten', exten);
    if (pri.text !== '' && !pri.text.includes('$') && !(exten?.text ?? '').includes('$')) push('priority', pri);
  }
}

const globalRef = /^\$\{([A-Za-z0-9_]+)\}$/;

/** `SIP/peer[/number]`, `SIP/number@peer` destinations of a Dial, as `dialUses` reads them. */
function indexDial(plan: Dialplan, p: Priority, peers: string[], text: string, at: AddAt): void {
  const args = p.argsRange!;
  const raw = text.slice(args.start, args.end);
  if (raw !== p.appData) {
    for (const peer of peers) at('device', deviceKey(peer), peer, p.file, args, false);
    return;
  }
  const first = splitSpans(raw, 0, raw.length)[0]!;
  for (const dest of splitSpans(raw, first.s, first.e, '&')) {
    const d = raw.slice(dest.s, dest.e);
    const m = /^(\s*)SIP\//i.exec(d);
    if (!m || d.includes(',')) continue;
    const resStart = dest.s + m[0].length;
    const res = trimSpan(raw, { s: resStart, e: dest.e });
    const atSign = res.text.indexOf('@');
    let s: number;
    let name: string;
    if (atSign !== -1) {
      s = res.s + atSign + 1;
      name = res.text.slice(atSign + 1).split(/[:/]/)[0]!;
    } else {
      const slash = res.text.indexOf('/');
      s = res.s;
      name = slash === -1 ? res.text : res.text.slice(0, slash);
    }
    if (name === '') continue;
    const resolved = name.replace(/\$\{([A-Za-z0-9_]+)\}/g, (all, g: string) => plan.globals.get(g)?.value ?? all);
    const peer = peers.find((x) => x === resolved);
    if (!peer || peer.includes('$')) continue; // a peer only known at run time
    at('device', deviceKey(peer), peer, p.file, { start: args.start + s, end: args.start + s + name.length }, false);
    // Named through a [globals] variable: the variable's value is where the name is written.
    const g = globalRef.exec(name);
    const v = g ? plan.globals.get(g[1]!) : undefined;
    if (v && v.value === peer) at('device', deviceKey(peer), peer, v.file, v.node.valueRange, false);
  }
}

/** `exten => 100,hint,SIP/phone&SIP/other`. */
function indexHint(p: Priority, text: string, at: AddAt): void {
  const r = p.appRange;
  const raw = text.slice(r.start, r.end);
  if (raw !== p.app) return;
  for (const dest of splitSpans(raw, 0, raw.length, '&')) {
    const t = trimSpan(raw, dest);
    const m = /^SIP\/([^/@&,:]+)$/i.exec(t.text);
    if (!m || m[1]!.includes('$')) continue;
    const s = r.start + t.s + 4;
    at('device', deviceKey(m[1]!), m[1]!, p.file, { start: s, end: s + m[1]!.length }, false);
  }
}

/** The occurrence index of an analysis (built once). */
export function navigationIndex(analysis: Analysis): NavigationIndex {
  let idx = indexes.get(analysis);
  if (!idx) {
    idx = buildIndex(analysis);
    indexes.set(analysis, idx);
  }
  return idx;
}

// --- what is under the cursor -------------------------------------------------

export type Resolved =
  | { kind: 'symbol'; occurrence: Occurrence }
  | { kind: 'jump'; ref: JumpRef }
  | { kind: 'extension'; priority: Priority; range: Range }
  | { kind: 'label'; priority: Priority; range: Range }
  | { kind: 'file'; range: Range; targets: string[] }
  | { kind: 'variable'; range: Range; name: string; plan: Dialplan }
  | { kind: 'none'; target?: Target };

const inside = (r: { start: number; end: number }, o: number): boolean => o >= r.start && o <= r.end;

function smallest<T extends { start: number; end: number }>(items: T[] | undefined, offset: number): T | undefined {
  let best: T | undefined;
  for (const x of items ?? []) if (inside(x, offset) && (!best || x.end - x.start < best.end - best.start)) best = x;
  return best;
}

/** The label text inside a priority field `n(label)`, else the whole field. */
function labelRange(p: Priority, text: string): Range {
  const r = p.priorityRange;
  if (!p.label) return r;
  const field = text.slice(r.start, r.end);
  const i = field.indexOf(`(${p.label})`);
  return i === -1 ? r : { start: r.start + i + 1, end: r.start + i + 1 + p.label.length };
}

export function resolveAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number): Resolved {
  const idx = navigationIndex(analysis);
  const occ = smallest(idx.byFile.get(file), offset);
  const jump = smallest(idx.jumpsByFile.get(file), offset);
  if (occ && (!jump || occ.end - occ.start <= jump.end - jump.start)) return { kind: 'symbol', occurrence: occ };
  if (jump) return { kind: 'jump', ref: jump };
  const target = locate(analysis, parsed, file, offset).target;
  if (!target) return { kind: 'none' };
  if (target.kind === 'include-file') return { kind: 'file', range: target.range, targets: target.targets };
  if (target.kind === 'extension') {
    // The extension is declared by the line that created it (a hint line, say).
    const p = target.priority;
    const plan = rootOf(analysis, file)?.dialplan;
    const ext = plan?.contexts.get(target.context)?.extensions.find((e) => [...e.priorities.values()].includes(p));
    const first = ext?.first ?? p;
    return { kind: 'extension', priority: first, range: first.extenRange };
  }
  if (target.kind === 'priority' && target.priority.label) {
    const r = labelRange(target.priority, analysis.texts.get(file) ?? '');
    if (inside(r, offset)) return { kind: 'label', priority: target.priority, range: r };
  }
  if (target.kind === 'variable') {
    const plan = rootOf(analysis, file)?.dialplan ?? analysis.dialplan;
    const name = target.name.trim();
    if (plan?.globals.has(name)) return { kind: 'variable', range: target.range, name, plan };
  }
  return { kind: 'none', target };
}

// --- definition ---------------------------------------------------------------

const loc = (file: string, r: Range): Location => ({ file, start: r.start, end: r.end });

function byPlace(a: Location, b: Location): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end;
}

/** Where a Goto/Gosub argument leads, by Asterisk's matching (includes followed, time windows ignored). */
export function jumpDefinition(analysis: Analysis, ref: JumpRef, text: (file: string) => string): Location[] {
  const plans = [ref.plan, ...(analysis.dialplan && analysis.dialplan !== ref.plan ? [analysis.dialplan] : [])];
  const numeric = /^\d+$/.test(ref.priority);
  const label = numeric ? undefined : ref.priority.replace(/[+-]\d+$/, '');
  if (ref.part === 'priority' && ref.own) {
    const p = label !== undefined ? ref.own.labels.get(label) : ref.own.priorities.get(parseInt(ref.priority, 10));
    if (p) return [loc(p.file, label !== undefined ? labelRange(p, text(p.file)) : p.priorityRange)];
  }
  for (const plan of plans) {
    if (!plan.contexts.has(ref.context)) continue;
    const find = (q: { priority?: number; label?: string }) => findExtension(plan, { context: ref.context, exten: ref.exten, time: null, ...q }).found;
    if (ref.part === 'exten') {
      const found = find({ priority: 1 }) ?? (label !== undefined ? find({ label }) : numeric ? find({ priority: parseInt(ref.priority, 10) }) : undefined);
      if (found) return [loc(found.extension.first.file, found.extension.first.extenRange)];
    } else {
      const found = label !== undefined ? find({ label }) : find({ priority: parseInt(ref.priority, 10) });
      if (found) return [loc(found.priority.file, label !== undefined ? labelRange(found.priority, text(found.priority.file)) : found.priority.priorityRange)];
    }
  }
  return [];
}

export function definitionAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number): Location[] {
  const r = resolveAt(analysis, parsed, file, offset);
  const text = (f: string): string => analysis.texts.get(f) ?? '';
  switch (r.kind) {
    case 'symbol':
      return (navigationIndex(analysis).byKey.get(r.occurrence.key) ?? []).filter((o) => o.declaration).map((o) => loc(o.file, o)).sort(byPlace);
    case 'jump':
      return jumpDefinition(analysis, r.ref, text);
    case 'file':
      return r.targets.map((f) => ({ file: f, start: 0, end: 0 }));
    case 'variable': {
      const v = r.plan.globals.get(r.name)!;
      return [loc(v.file, v.node.nameRange)];
    }
    case 'extension':
    case 'label':
      return [loc(r.priority.file, r.range)];
    default:
      return [];
  }
}

// --- references ---------------------------------------------------------------

export function referencesAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number, includeDeclaration: boolean): Location[] {
  const r = resolveAt(analysis, parsed, file, offset);
  const idx = navigationIndex(analysis);
  const text = (f: string): string => analysis.texts.get(f) ?? '';
  if (r.kind === 'symbol') {
    return (idx.byKey.get(r.occurrence.key) ?? []).filter((o) => includeDeclaration || !o.declaration).map((o) => loc(o.file, o)).sort(byPlace);
  }
  // Extensions and labels: the jumps that land on them.
  let decl: Location[] = [];
  if (r.kind === 'jump') decl = jumpDefinition(analysis, r.ref, text);
  else if (r.kind === 'extension' || r.kind === 'label') decl = [loc(r.priority.file, r.range)];
  if (decl.length === 0) return [];
  const target = decl[0]!;
  const wanted = r.kind === 'jump' ? r.ref.part : r.kind === 'extension' ? 'exten' : 'priority';
  const out: Location[] = includeDeclaration ? [target] : [];
  for (const j of idx.jumps) {
    if (j.part !== wanted) continue;
    const d = jumpDefinition(analysis, j, text)[0];
    if (d && d.file === target.file && d.start === target.start && d.end === target.end) out.push(loc(j.file, j));
  }
  return out.sort(byPlace);
}

// --- rename -------------------------------------------------------------------

export type PrepareRenameResult =
  | { ok: true; kind: NavSymbolKind; key: string; name: string; range: Location; placeholder: string }
  | { ok: false; message: string };

export type RenameResult =
  | { ok: true; edits: TextEdit[]; /** References that name it indirectly (through a variable): left as they are. */ skipped: Location[] }
  | { ok: false; message: string };

const KIND_LABEL: Record<NavSymbolKind, string> = { context: 'context', device: 'sip.conf device', template: 'template' };

/** Characters that would change how a name is read where it is used. */
const FORBIDDEN: Record<NavSymbolKind, string> = {
  // header `]`, `;` comment, `,` argument split, `|` include split, `()` app args, `:`/`?` GotoIf, `$` substitution, quotes and escapes
  context: '[],;|()?:$"\\=',
  // plus the Dial string separators `/`, `@`, `&` and register's `?`, `:`
  device: '[],;|()?:$"\\=/@&',
  template: '[],;()$"\\=',
};

/** Why a new name cannot be used for a symbol of this kind (undefined: it can). */
export function invalidName(kind: NavSymbolKind, name: string): string | undefined {
  const what = KIND_LABEL[kind];
  if (name === '') return `A ${what} name cannot be empty.`;
  if (/\s/.test(name)) return `A ${what} name cannot contain spaces.`;
  for (const c of name) if (FORBIDDEN[kind].includes(c)) return `A ${what} name cannot contain '${c}'.`;
  if (name.length > 79) return `Asterisk cuts section names to 79 characters; '${name}' has ${name.length}.`;
  const lower = name.toLowerCase();
  if ((kind === 'context' && DIALPLAN_RESERVED.has(lower)) || (kind === 'device' && SIP_RESERVED.has(lower))) return `[${lower}] is a reserved section name.`;
  return undefined;
}

export function prepareRenameAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number): PrepareRenameResult {
  const r = resolveAt(analysis, parsed, file, offset);
  if (r.kind !== 'symbol') return { ok: false, message: cannotRename(r) };
  const o = r.occurrence;
  if (!o.exact) {
    return { ok: false, message: `The ${KIND_LABEL[o.kind]} '${o.name}' is not written out here (it comes through a variable or a comment-split line): rename it at its [${o.name}] header.` };
  }
  if (o.kind === 'template' && !(navigationIndex(analysis).byKey.get(o.key) ?? []).some((x) => x.declaration)) {
    return { ok: false, message: `No section '${o.name}' to rename.` };
  }
  const placeholder = (analysis.texts.get(file) ?? '').slice(o.start, o.end);
  return { ok: true, kind: o.kind, key: o.key, name: o.name, range: loc(file, o), placeholder };
}

function cannotRename(r: Resolved): string {
  switch (r.kind) {
    case 'jump':
    case 'extension':
      return 'Extensions cannot be renamed: only contexts, sip.conf devices and templates can.';
    case 'label':
      return 'Labels cannot be renamed: only contexts, sip.conf devices and templates can.';
    case 'file':
      return '#include file names cannot be renamed here.';
    case 'variable':
      return 'Variables cannot be renamed: only contexts, sip.conf devices and templates can.';
    case 'symbol':
      return '';
    case 'none': {
      const t = r.target;
      if (t?.kind === 'section' && (t.role === 'general' || t.role === 'globals' || t.role === 'authentication')) return `[${t.name}] is a fixed section name: it cannot be renamed.`;
      if (t?.kind === 'variable') return 'Variables cannot be renamed: only contexts, sip.conf devices and templates can.';
      if (t?.kind === 'application') return 'Applications cannot be renamed: only contexts, sip.conf devices and templates can.';
      if (t?.kind === 'option-name' || t?.kind === 'option-value') return 'Options cannot be renamed: only contexts, sip.conf devices and templates can.';
      return 'Nothing to rename here: only contexts, sip.conf devices and templates can be renamed.';
    }
  }
}

/** Every section name (lower case) of the roots of a kind, except the symbol's own sections. */
function sectionNames(analysis: Analysis, roots: (r: RootResult) => boolean, own: Set<string>): Map<string, Category> {
  const out = new Map<string, Category>();
  for (const root of analysis.roots) {
    if (!roots(root)) continue;
    for (const cat of root.config.categories) {
      if (own.has(`${cat.file}\0${cat.header.nameRange.start}`)) continue;
      if (!out.has(cat.name.toLowerCase())) out.set(cat.name.toLowerCase(), cat);
    }
  }
  return out;
}

export function renameAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number, newName: string): RenameResult {
  const prep = prepareRenameAt(analysis, parsed, file, offset);
  if (!prep.ok) return prep;
  const { kind, key, name } = prep;
  const bad = invalidName(kind, newName);
  if (bad) return { ok: false, message: bad };
  const idx = navigationIndex(analysis);
  const all = idx.byKey.get(key) ?? [];
  const own = new Set(all.filter((o) => o.declaration).map((o) => `${o.file}\0${o.start}`));

  if (kind === 'context') {
    const plans = analysis.roots.flatMap((r) => (r.dialplan ? [r.dialplan] : []));
    if (newName !== name && plans.some((p) => p.contexts.has(newName))) return { ok: false, message: `A context named '${newName}' already exists: renaming would merge the two.` };
    const other = sectionNames(analysis, (r) => r.kind === 'extensions', own).get(newName.toLowerCase());
    if (other?.template) return { ok: false, message: `A template named '${other.name}' already exists (section names are looked up case-insensitively for inheritance).` };
  } else {
    const roots = kind === 'device' ? (r: RootResult) => r.kind === 'sip' : (r: RootResult) => r.config.categories.some((c) => own.has(`${c.file}\0${c.header.nameRange.start}`));
    const other = sectionNames(analysis, roots, own).get(newName.toLowerCase());
    if (other) return { ok: false, message: `A section named '${other.name}' already exists (${kind === 'device' ? 'device' : 'section'} names are case-insensitive).` };
  }

  if (newName === name && all.every((o) => !o.exact || (analysis.texts.get(o.file) ?? '').slice(o.start, o.end) === newName)) return { ok: true, edits: [], skipped: [] };
  const edits: TextEdit[] = [];
  const skipped: Location[] = [];
  for (const o of all) {
    if (o.exact) edits.push({ file: o.file, start: o.start, end: o.end, newText: newName });
    else skipped.push(loc(o.file, o));
  }
  edits.sort(byPlace);
  skipped.sort(byPlace);
  return { ok: true, edits, skipped };
}
