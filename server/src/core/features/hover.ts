/**
 * Hover: Markdown help for what is under the cursor (found by locate()).
 *
 * - extensions and patterns: what they match, which other extensions of the
 *   context (and its includes) overlap them and which one Asterisk runs for a
 *   sample number (findExtension, the Simulate dial search), with a
 *   "Simulate dial…" command link;
 * - applications, their arguments, variables and functions;
 * - sip.conf options and values, register => parts, devices, templates;
 * - contexts (size, includes, who sends calls there) and context references.
 *
 * Secrets (secret, md5secret, remotesecret, the register secret, auth
 * entries) are never shown: hovers print {@link SECRET_MASK} instead.
 * Pure module: no I/O, no editor or LSP dependencies.
 */
import type { Category, Variable } from '../config/loader';
import { isFalse, isTrue } from '../config/booleans';
import { PRIORITY_HINT, type Context, type Dialplan, type Extension, type Priority } from '../dialplan/model';
import { extensionMatchCore, normalizeExtensionName } from '../dialplan/pattern';
import type { ParsedFile, Range } from '../parse/parser';
import { contextIndex, findExtension } from '../simulate/find';
import { substring } from '../simulate/expand';
import { deviceValue, hasInboundSecret, insecureOf, isDynamic, type SipConfig, type SipDevice, type SipRegistration } from '../sip/model';
import { checkSipOption, parseCodecList, parseInsecure, parseNat, SIP_OPTION_VALUES } from '../sip/options';
import type { RegisterFieldName } from '../sip/register-line';
import type { Analysis, RootResult } from '../workspace';
import { applicationDoc, type AppDoc } from './docs/applications';
import { DIALPLAN_GENERAL_OPTIONS, DIALPLAN_KEYS, SECTION_DOCS } from './docs/dialplan';
import { code, listSome, maskAuthEntry, plural, SECRET_MASK, SECRET_OPTIONS } from './docs/markdown';
import { CHAN_SIP_NOTE, REGISTER_FIELD_DOCS, SIP_OPTION_DOCS } from './docs/sip-options';
import { functionDoc, variableDoc } from './docs/variables';
import { locate, type Target } from './locate';
import { explainPattern, explanationMarkdown, HINT_MEANING, patternElements, type PatternElement } from './pattern-explain';

export interface HoverResult {
  markdown: string;
  range: Range;
}

/** Overlapping extensions listed in an extension hover (the rest are counted). */
const MAX_OVERLAPS = 8;

export function hoverAt(analysis: Analysis, parsed: ParsedFile, file: string, offset: number): HoverResult | undefined {
  const loc = locate(analysis, parsed, file, offset);
  const t = loc.target;
  if (!t || !loc.root) return undefined;
  const markdown = render(analysis, loc.root, t, file);
  if (!markdown) return undefined;
  const range = t.kind === 'variable' ? balancedRange(analysis.texts.get(file), t.range) : t.range;
  return { markdown, range };
}

/** The `${...}` starting at `r.start`, with nested `${}` and `$[]` kept (locate stops at the first `$`). */
function balancedRange(text: string | undefined, r: Range): Range {
  if (!text || text[r.start] !== '$' || text[r.start + 1] !== '{') return r;
  let depth = 0;
  for (let i = r.start + 1; i < text.length && text[i] !== '\n'; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { start: r.start, end: i + 1 };
  }
  return r;
}

function fullVariable(analysis: Analysis, file: string, r: Range, name: string): string {
  const text = analysis.texts.get(file);
  const full = balancedRange(text, r);
  return text && full !== r ? text.slice(full.start + 2, full.end - 1) : name;
}

function render(analysis: Analysis, root: RootResult, t: Target, file: string): string | undefined {
  const plan = root.dialplan ?? analysis.dialplan;
  const sip = root.sip ?? analysis.sip;
  switch (t.kind) {
    case 'extension':
      return plan ? extensionHover(plan, t.priority, t.context) : undefined;
    case 'priority':
      return priorityHover(analysis, t.priority);
    case 'application':
      return applicationHover(t.name);
    case 'argument':
      return argumentHover(t.priority, t.index);
    case 'variable':
      return variableHover(analysis, plan, fullVariable(analysis, file, t.range, t.name), t.priority, t.context);
    case 'context-ref':
      return contextRefHover(analysis, root, t.name);
    case 'extension-ref':
      return plan ? extensionRefHover(plan, t.context, t.exten) : undefined;
    case 'label-ref':
      return plan ? labelRefHover(plan, t.context, t.exten, t.label) : undefined;
    case 'peer-ref': {
      const dev = analysis.sip?.devices.get(t.name.toLowerCase());
      return dev && analysis.sip ? deviceHover(analysis, analysis.sip, dev) : `**SIP peer** ${code(t.name)} — ⚠ no device \`[${t.name}]\` in sip.conf: \`Dial(SIP/${t.name})\` fails with CHANUNAVAIL unless it is a host name.`;
    }
    case 'dialplan-key':
      return dialplanKeyHover(t.key);
    case 'option-name':
      return optionNameHover(analysis, root, t.name, t.variable, t.role);
    case 'option-value':
      return optionValueHover(analysis, root, t.name, t.value, t.variable, t.role);
    case 'register-part':
      return registerHover(t.field, t.registration, sip);
    case 'include-file':
      return includeFileHover(t.arg, t.targets, file);
    case 'section':
      return sectionHover(analysis, root, t.name, t.role, t.category);
    case 'template-ref':
      return templateRefHover(analysis, root, t.name, t.range);
  }
}

// ---------------------------------------------------------------------------
// Extensions and patterns

/** The extension of a context that owns this priority line. */
function extensionOf(ctx: Context, p: Priority): Extension | undefined {
  for (const e of ctx.extensions) if (e.priorities.get(p.priority) === p) return e;
  const match = normalizeExtensionName(p.exten).match;
  return ctx.extensions.find((e) => e.match === match && e.cid === p.cid);
}

/** Contexts in the order pbx_find_extension searches them: own first, then includes depth-first. */
export function searchOrder(plan: Dialplan, start: string): { ctx: Context; via?: string }[] {
  const out: { ctx: Context; via?: string }[] = [];
  const seen = new Set<string>();
  const visit = (name: string, via: string | undefined, depth: number): void => {
    const ctx = plan.contexts.get(name);
    if (!ctx || seen.has(name) || depth > 64) return;
    seen.add(name);
    out.push({ ctx, via });
    for (const inc of ctx.includes) visit(inc.context, via ?? inc.context, depth + 1);
  };
  visit(start, undefined, 0);
  return out;
}

/** One position of a language: a set of characters, or any character (the `.`/`!` tail). */
type PosSet = string | null;

export interface Lang {
  sets: string[];
  tail: 'none' | 'dot' | 'bang';
  empty: boolean;
}

const langCache = new WeakMap<Extension, Lang>();

function langOfElements(elements: PatternElement[]): Lang {
  const lang: Lang = { sets: [], tail: 'none', empty: false };
  for (const e of elements) {
    if (e.kind === 'dot' || e.kind === 'bang') {
      lang.tail = e.kind;
      break;
    }
    if (e.kind === 'broken' || !e.chars) {
      lang.empty = true;
      break;
    }
    lang.sets.push(e.chars);
  }
  return lang;
}

function langOf(ext: Extension): Lang {
  let l = langCache.get(ext);
  if (!l) langCache.set(ext, (l = langOfElements(patternElements(ext.match))));
  return l;
}

/** A string both extensions match (preferring the characters of `prefer`), or undefined. */
export function commonNumber(a: Lang, b: Lang, prefer: string): string | undefined {
  if (a.empty || b.empty) return undefined;
  const n = Math.max(a.sets.length, b.sets.length);
  let out = '';
  for (let i = 0; i < n; i++) {
    const sa = posAt(a, i);
    const sb = posAt(b, i);
    if (sa === undefined || sb === undefined) return undefined;
    const c = pickCommon(sa, sb, prefer[i]);
    if (c === undefined) return undefined;
    out += c;
  }
  const endOk = (l: Lang): boolean => (l.sets.length < n ? l.tail !== 'none' : l.tail !== 'dot');
  if (endOk(a) && endOk(b)) return out;
  if ((a.tail === 'none' && a.sets.length === n) || (b.tail === 'none' && b.sets.length === n)) return undefined;
  return out + (prefer[n] && /\d/.test(prefer[n]!) ? prefer[n] : '1');
}

/** The characters position `i` accepts: a set, null for any (the tail), undefined past the end. */
function posAt(l: Lang, i: number): PosSet | undefined {
  if (i < l.sets.length) return l.sets[i]!;
  return l.tail !== 'none' ? null : undefined;
}

function pickCommon(a: PosSet, b: PosSet, prefer: string | undefined): string | undefined {
  const ok = (c: string): boolean => (a === null || a.includes(c)) && (b === null || b.includes(c));
  if (prefer !== undefined && ok(prefer)) return prefer;
  const pool = a ?? b ?? '0123456789';
  for (const c of pool) if (/\d/.test(c) && ok(c)) return c;
  for (const c of pool) if (ok(c)) return c;
  return undefined;
}

function where(file: string, lineNo: number): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return `${base}:${lineNo}`;
}

/** A command link that opens Simulate dial for the number (args as `asterisk.simulateDial` takes them). */
export function simulateLink(number: string, context: string, callerId?: string): string {
  const args: { number: string; context: string; callerId?: string } = { number, context };
  if (callerId !== undefined) args.callerId = callerId;
  return `[Simulate dial…](command:asterisk.simulateDial?${encodeURIComponent(JSON.stringify(args))})`;
}

function extLabel(e: Extension): string {
  return code(e.name + (e.cid !== undefined ? `/${e.cid}` : ''));
}

function extensionHover(plan: Dialplan, p: Priority, context: string): string {
  const exp = explainPattern(p.written);
  const lines = [explanationMarkdown(exp)];
  const ctx = plan.contexts.get(context);
  const ext = ctx ? extensionOf(ctx, p) : undefined;
  if (ctx && ext) {
    const pris = [...ext.priorities.keys()].filter((n) => n !== PRIORITY_HINT).sort((a, b) => a - b);
    const hint = ext.priorities.get(PRIORITY_HINT);
    lines.push('');
    let s = `In \`[${ctx.name}]\`: ${plural(pris.length, 'priority', 'priorities')}` + (pris.length ? ` (${pris.length > 1 ? `${pris[0]}–${pris[pris.length - 1]}` : pris[0]})` : '');
    if (hint) s += `, hint ${code(hint.app)}`;
    s += `, first written at ${where(ext.first.file, ext.first.lineNo)}.`;
    if (pris.length && pris[0] !== 1) s += ` ⚠ No priority 1: a call dialing it does not start here.`;
    lines.push(s);

    const sample = exp.examples[0];
    const callerId = ext.cid ? explainPattern(ext.cid).examples[0] : undefined;
    if (sample !== undefined) {
      const res = findExtension(plan, { context, exten: sample, priority: 1, callerId, time: null });
      const win = res.found;
      lines.push('');
      if (!win) lines.push(`For ${code(sample)} Asterisk finds nothing at priority 1 in \`[${context}]\`.`);
      else if (win.extension === ext) lines.push(`For ${code(sample)} Asterisk runs this extension.`);
      else lines.push(`For ${code(sample)} Asterisk runs ${extLabel(win.extension)}${win.context.name !== context ? ` of \`[${win.context.name}]\`` : ''} (${where(win.extension.first.file, win.extension.first.lineNo)}) instead.`);

      const overlaps = overlapsOf(plan, ctx, ext, sample, callerId);
      if (overlaps.total) {
        lines.push('');
        lines.push(`**Overlaps** (${overlaps.total}, in Asterisk's search order):`);
        for (const o of overlaps.shown) lines.push(`- ${o}`);
        if (overlaps.total > overlaps.shown.length) lines.push(`- … and ${overlaps.total - overlaps.shown.length} more`);
      }
      lines.push('');
      lines.push(simulateLink(sample, context, callerId));
    }
  }
  return lines.join('\n');
}

function overlapsOf(plan: Dialplan, ctx: Context, ext: Extension, sample: string, callerId: string | undefined): { total: number; shown: string[] } {
  const mine = langOf(ext);
  const shown: string[] = [];
  let total = 0;
  for (const { ctx: c, via } of searchOrder(plan, ctx.name)) {
    for (const { value: other } of contextIndex(c).sorted()) {
      if (other === ext) continue;
      const w = commonNumber(mine, langOf(other), sample);
      if (w === undefined) continue;
      if (extensionMatchCore(ext.match, w, 'match') === 0 || extensionMatchCore(other.match, w, 'match') === 0) continue;
      total++;
      if (shown.length >= MAX_OVERLAPS) continue;
      const res = findExtension(plan, { context: ctx.name, exten: w, priority: 1, callerId, time: null });
      const win = res.found?.extension;
      const winner = win === ext ? 'this one wins' : win === other ? 'that one wins' : win ? `${extLabel(win)} wins` : 'neither runs at priority 1';
      const place = c === ctx ? `line ${other.first.lineNo}` : `\`[${c.name}]\`${via && via !== c.name ? ` via \`${via}\`` : ''}, ${where(other.first.file, other.first.lineNo)}`;
      shown.push(`${extLabel(other)} (${place}) — both match ${code(w)}: ${winner}`);
    }
  }
  return { total, shown };
}

function extensionRefHover(plan: Dialplan, context: string, exten: string): string {
  const ctx = plan.contexts.get(context);
  if (!ctx) return `**Extension** ${code(exten)} of \`[${context}]\` — ⚠ the context does not exist.`;
  const res = findExtension(plan, { context, exten, priority: 1, time: null });
  const lines: string[] = [];
  const exp = explainPattern(exten);
  if (res.found) {
    const e = res.found.extension;
    lines.push(`**Goes to** ${code(exten)} in \`[${context}]\`: runs ${extLabel(e)}${res.found.context.name !== context ? ` of \`[${res.found.context.name}]\`` : ''} (${where(e.first.file, e.first.lineNo)}), starting with ${code(`${res.found.priority.app}(${res.found.priority.appData})`)}.`);
  } else {
    const any = ctx.extensions.find((e) => e.match === normalizeExtensionName(exten).match);
    if (any) lines.push(`**Goes to** ${extLabel(any)} in \`[${context}]\` (${where(any.first.file, any.first.lineNo)}) — it has no priority 1.`);
    else lines.push(`**Extension** ${code(exten)} — ⚠ not found in \`[${context}]\` or its includes: the channel goes to the \`i\` extension if there is one, else it is hung up (and \`h\` runs).`);
  }
  if (exp.special) lines.push('', exp.special);
  return lines.join('\n');
}

function labelRefHover(plan: Dialplan, context: string, exten: string, label: string): string {
  const ctx = plan.contexts.get(context);
  const match = normalizeExtensionName(exten).match;
  const ext = ctx?.extensions.find((e) => e.match === match && e.labels.has(label)) ?? ctx?.extensions.find((e) => e.match === match);
  const p = ext?.labels.get(label);
  if (!p) return `**Label** ${code(label)} — ⚠ no label \`${label}\` in extension ${code(exten)} of \`[${context}]\`: the jump fails and the channel goes to \`i\` or hangs up.`;
  return `**Label** ${code(label)} → priority ${p.priority} of ${code(ext!.name)} in \`[${context}]\` (${where(p.file, p.lineNo)}): ${code(`${p.app}(${p.appData})`)}`;
}

function priorityHover(analysis: Analysis, p: Priority): string {
  if (p.priority === PRIORITY_HINT) return `**hint** ${code(p.app)}\n\n${HINT_MEANING}`;
  const text = analysis.texts.get(p.file);
  const written = text ? text.slice(p.priorityRange.start, p.priorityRange.end) : String(p.priority);
  const base = written.replace(/\(.*$/, '').trim();
  const lines: string[] = [`**Priority ${p.priority}**` + (p.label ? ` — label ${code(p.label)}` : '')];
  if (/^(n|next)(\+\d+)?$/.test(base)) lines.push('', '`n` means the previous priority of this context plus one.');
  else if (/^(s|same)$/.test(base)) lines.push('', '`s` (`same`) repeats the previous priority of this context.');
  else if (!/^\d/.test(base)) lines.push('', `${code(base)} refers to the priority of an earlier label of this extension.`);
  if (p.label) lines.push('', `\`Goto(${p.label})\`, \`Goto(${p.exten},${p.label})\` and GotoIf/Gosub targets can jump here by name.`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Applications, arguments, variables, functions

function appMarkdown(doc: AppDoc, highlight?: number): string {
  const lines = [`**${doc.name}** — ${code(doc.syntax)}`, '', doc.summary];
  if (doc.args?.length) {
    lines.push('');
    for (const [i, a] of doc.args.entries()) lines.push(`- ${i === highlight ? '**' : ''}${code(a.name)}${i === highlight ? '**' : ''}: ${a.doc}`);
  }
  if (doc.options?.length) {
    lines.push('', 'Options:');
    for (const o of doc.options) lines.push(`- ${code(o.flag)}: ${o.doc}`);
  }
  if (doc.sets) lines.push('', `Sets ${doc.sets}`);
  for (const n of doc.notes ?? []) lines.push('', `⚠ ${n}`);
  return lines.join('\n');
}

function applicationHover(name: string): string {
  const doc = applicationDoc(name);
  if (doc) return appMarkdown(doc);
  const comma = name.indexOf(',');
  if (comma !== -1) {
    const real = name.slice(0, comma).trim();
    return `**${real}** without parentheses — Asterisk reads the whole text ${code(name)} as the application name, which does not exist. Write ${code(`${real}(${name.slice(comma + 1)})`)}.`;
  }
  return `**${name}** — an application not documented here. Applications come from loaded modules: \`core show application ${name}\` on the Asterisk CLI describes it (or reports that it does not exist).`;
}

function argumentHover(p: Priority, index: number): string | undefined {
  const doc = applicationDoc(p.app);
  if (!doc) return undefined;
  const app = doc.name.toLowerCase();
  // Goto/Gosub/GotoIf count their arguments from the right (context and extension are optional).
  let highlight: number | undefined = index;
  if ((app === 'goto' || app === 'gosub') && doc.args) {
    const count = p.appData.split(',').length;
    highlight = doc.args.length - count + index;
  }
  if (highlight !== undefined && (highlight < 0 || highlight >= (doc.args?.length ?? 0))) highlight = undefined;
  return appMarkdown(doc, highlight);
}

/** `NAME`, `NAME:off:len`, `FUNC(args)`, `FUNC(args):off:len`. */
export function parseVariableRef(inner: string): { name: string; isFunction: boolean; args?: string; offset?: number; length?: number } {
  const fn = /^([A-Za-z_][A-Za-z0-9_]*)\(([\s\S]*)\)(?::(-?\d+)(?::(-?\d+))?)?$/.exec(inner);
  if (fn) return { name: fn[1]!, isFunction: true, args: fn[2]!, offset: fn[3] !== undefined ? +fn[3] : undefined, length: fn[4] !== undefined ? +fn[4] : undefined };
  const v = /^([^:]*?)(?::(-?\d*)(?::(-?\d+))?)?$/.exec(inner);
  const offset = v?.[2] !== undefined && v[2] !== '' && v[2] !== '-' ? +v[2] : v?.[2] !== undefined ? 0 : undefined;
  return { name: (v?.[1] ?? inner).trim(), isFunction: false, offset, length: v?.[3] !== undefined ? +v[3] : undefined };
}

function substringText(offset: number, length: number | undefined): string {
  const chars = (n: number) => plural(n, 'character');
  if (length === undefined) return offset > 0 ? `drops the first ${chars(offset)}` : offset < 0 ? `keeps the last ${chars(-offset)}` : 'the whole value';
  const from = offset > 0 ? `after the first ${chars(offset)}` : offset < 0 ? `from the ${-offset}th character from the end` : 'from the start';
  if (length >= 0) return `${chars(length)} ${from}`;
  return `${from}, without the last ${chars(-length)}`;
}

const SENSITIVE_NAME = /secret|pass|pwd|pin\b|token|key$/i;

function variableHover(analysis: Analysis, plan: Dialplan | undefined, inner: string, p: Priority | undefined, context: string | undefined): string {
  const ref = parseVariableRef(inner);
  const lines: string[] = [];
  if (ref.isFunction) {
    const doc = functionDoc(ref.name);
    lines.push(`**${ref.name}()** — ${code(doc?.syntax ?? `${ref.name}(...)`)}`);
    if (doc) {
      lines.push('', doc.doc);
      const item = doc.items?.find((i) => i.name === (ref.args ?? '').split(',')[0]!.trim());
      if (item) lines.push('', `${code(`${ref.name}(${item.name})`)}: ${item.doc}.`);
      else if (doc.items?.length) lines.push('', `Items: ${doc.items.map((i) => code(i.name)).join(', ')}.`);
      if (doc.notes) lines.push('', doc.notes);
    } else lines.push('', `A dialplan function not documented here: \`core show function ${ref.name}\` on the Asterisk CLI describes it.`);
    if (ref.name.toUpperCase() === 'GLOBAL' && plan) {
      const g = plan.globals.get((ref.args ?? '').trim());
      if (g) lines.push('', globalText(g));
    }
  } else {
    const name = ref.name;
    const doc = variableDoc(name);
    lines.push(`**\${${name}}**` + (doc ? ` — ${doc.doc}` : ''));
    if (doc?.values) lines.push('', `Values: ${doc.values}.`);
    if (doc?.notes) lines.push('', doc.notes);
    if (name === 'EXTEN' && p && ref.offset === undefined) {
      const exp = explainPattern(p.written);
      if (exp.isPattern && exp.examples[0] !== undefined) lines.push('', `Here: the dialed number matching ${code(exp.exten)}, e.g. ${code(exp.examples[0])}.`);
      else if (!exp.isPattern) lines.push('', `Here: always ${code(exp.exten)}.`);
    }
    const g = plan?.globals.get(name);
    if (g) lines.push('', globalText(g));
    const set = p && plan && context ? setEarlier(plan, context, p, name) : undefined;
    if (set) lines.push('', `Set at priority ${set.priority} of this extension (${where(set.file, set.lineNo)}): ${code(`${set.app}(${set.appData})`)}`);
    const setvars = setvarDevices(analysis.sip, name);
    if (setvars.length) lines.push('', `Set by \`setvar=${name}=…\` on sip.conf device${setvars.length > 1 ? 's' : ''} ${listSome(setvars.map(code), 5)}.`);
    if (!doc && !g && !set && !setvars.length) lines.push('', 'A channel variable not set in [globals] nor earlier in this extension: it may come from another extension, a Gosub caller (`${ARGn}`), the channel driver or AGI — or be empty.');
  }
  if (ref.offset !== undefined) {
    const sample = p ? explainPattern(p.written).examples[0] : undefined;
    let s = `${code(`:${ref.offset}${ref.length !== undefined ? `:${ref.length}` : ''}`)} takes a substring: ${substringText(ref.offset, ref.length)}.`;
    if (!ref.isFunction && ref.name === 'EXTEN' && sample !== undefined) s += ` For ${code(sample)}: ${code(substring(sample, ref.offset, ref.length))}.`;
    lines.push('', s);
  }
  return lines.join('\n');
}

function globalText(g: Variable): string {
  const value = SENSITIVE_NAME.test(g.name) ? SECRET_MASK : g.value;
  return `Global variable from \`[globals]\` (${where(g.file, g.lineNo)}): ${code(g.name)} = ${code(value)}`;
}

/** The last Set()/MSet() of `name` at an earlier priority of the same extension. */
function setEarlier(plan: Dialplan, context: string, p: Priority, name: string): Priority | undefined {
  const ctx = plan.contexts.get(context);
  const ext = ctx ? extensionOf(ctx, p) : undefined;
  if (!ext) return undefined;
  let best: Priority | undefined;
  const re = new RegExp(`(^|,)\\s*_{0,2}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
  for (const q of ext.priorities.values()) {
    if (q.priority <= 0 || q.priority >= p.priority) continue;
    const app = q.app.trim().toLowerCase();
    const hit = app === 'set' ? new RegExp(`^\\s*_{0,2}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`).test(q.appData) : app === 'mset' ? re.test(q.appData) : false;
    if (hit && (!best || q.priority > best.priority)) best = q;
  }
  return best;
}

function setvarDevices(sip: SipConfig | undefined, name: string): string[] {
  if (!sip) return [];
  const out: string[] = [];
  for (const d of sip.devices.values()) {
    if (d.vars.some((v) => v.name.toLowerCase() === 'setvar' && v.value.split('=')[0]!.trim().replace(/^_+/, '') === name)) out.push(d.name);
  }
  return out;
}

function dialplanKeyHover(key: string): string | undefined {
  const k = key.startsWith('same') ? 'same' : key;
  const doc = DIALPLAN_KEYS.find((d) => d.name === k);
  if (!doc) return `${code(key)} means nothing in a dialplan context: Asterisk ignores the line ("Unknown directive").`;
  return `**${doc.name} =>** — ${code(doc.syntax)}\n\n${doc.doc}`;
}

// ---------------------------------------------------------------------------
// Contexts

interface ContextFacts {
  ctx?: Context;
  extensions: number;
  includes: string[];
  includedBy: string[];
  senders: string[];
}

function contextFacts(analysis: Analysis, plan: Dialplan | undefined, name: string): ContextFacts {
  const ctx = plan?.contexts.get(name);
  const facts: ContextFacts = { ctx, extensions: ctx?.extensions.length ?? 0, includes: [], includedBy: [], senders: [] };
  if (ctx) facts.includes = ctx.includes.map((i) => i.context + (i.timing ? ` (${i.value.slice(i.value.indexOf(',') + 1)})` : ''));
  if (plan) {
    for (const c of plan.contexts.values()) {
      const inc = c.includes.find((i) => i.context === name);
      if (inc) facts.includedBy.push(c.name + (inc.timing ? ` (only ${inc.value.slice(inc.value.search(/[,|]/) + 1)})` : ''));
    }
  }
  const sip = analysis.sip;
  if (sip) {
    const devices: string[] = [];
    for (const d of sip.devices.values()) {
      const c = deviceValue(d, 'context') ?? sip.general.context;
      if (c === name) devices.push(d.name);
    }
    if (devices.length) facts.senders.push(`sip.conf ${devices.length === 1 ? 'device' : 'devices'} ${listSome(devices.map(code), 6)}`);
    if (sip.general.context === name && sip.general.allowguest) facts.senders.push('guest calls from unknown senders (`[general] context` with allowguest=yes)');
    const regs = sip.registrations.filter((r) => r.entry).map((r) => r.entry!.extension);
    if (regs.length && facts.senders.length && ctx && regs.some((x) => ctx.extensions.some((e) => e.match === x))) facts.senders.push('provider calls for the `register =>` callback extension');
  }
  return facts;
}

function contextMarkdown(analysis: Analysis, plan: Dialplan | undefined, name: string, title: string): string {
  const f = contextFacts(analysis, plan, name);
  if (!f.ctx) {
    const near = plan ? [...plan.contexts.keys()].find((n) => n.toLowerCase() === name.toLowerCase()) : undefined;
    return `${title} — ⚠ no context \`[${name}]\` in the dialplan` + (near ? ` (context names are case-sensitive: did you mean \`[${near}]\`?)` : '') + ': calls sent there fail.';
  }
  const ctx = f.ctx;
  const first = ctx.sections[0]!;
  const lines = [`${title} — ${plural(f.extensions, 'extension')}, defined at ${where(first.file, lineOf(analysis, first))}` + (ctx.sections.length > 1 ? ` (and ${plural(ctx.sections.length - 1, 'more section')} merged into it)` : '') + '.'];
  if (ctx.extensions.length) lines.push('', `Extensions: ${listSome(ctx.extensions.map(extLabel), 10)}.`);
  if (f.includes.length) lines.push('', `Includes (searched after its own extensions, in this order): ${f.includes.map((i) => code(i)).join(', ')}.`);
  if (f.includedBy.length) lines.push('', `Included by: ${listSome(f.includedBy.map((c) => code(c)), 8)}.`);
  if (f.senders.length) lines.push('', `Calls arrive from: ${f.senders.join('; ')}.`);
  if (ctx.switches.length) lines.push('', `Switches: ${ctx.switches.map((s) => code(`${s.module}/${s.data}`)).join(', ')}.`);
  return lines.join('\n');
}

/** 1-based line of a section header (from the analysis text). */
function lineOf(analysis: Analysis, cat: Category): number {
  const text = analysis.texts.get(cat.file);
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < cat.header.range.start; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function contextRefHover(analysis: Analysis, root: RootResult, name: string): string {
  const plan = root.dialplan ?? analysis.dialplan;
  let md = contextMarkdown(analysis, plan, name, `**Context** \`[${name}]\``);
  if (root.kind === 'sip') md += '\n\nCalls from this device start here: what this context (and its includes) can reach is what the device can dial.';
  return md;
}

// ---------------------------------------------------------------------------
// sip.conf

function deviceHover(analysis: Analysis, sip: SipConfig, dev: SipDevice): string {
  const roles = dev.peer && dev.user ? 'friend' : dev.peer ? 'peer' : 'user';
  const lines = [`**SIP ${roles}** \`[${dev.name}]\``];
  const host = deviceValue(dev, 'host');
  const facts: string[] = [];
  facts.push(`host: ${host === undefined ? '⚠ none (cannot be called or matched by IP)' : isDynamic(dev) ? '`dynamic` (registers)' : code(host)}`);
  const ins = insecureOf(dev);
  const md5 = !!deviceValue(dev, 'md5secret');
  let auth: string;
  if (!hasInboundSecret(dev)) auth = '⚠ no secret: requests from it are not challenged';
  else if (ins.invite) auth = `${md5 ? 'md5secret' : 'secret'} set, but \`insecure=invite\`: calls are not challenged`;
  else auth = `challenged (${md5 ? 'md5secret' : 'secret'} set)`;
  facts.push(`authentication: ${auth}`);
  if (ins.port) facts.push('matched by IP address alone (`insecure=port`)');
  const ctxVar = deviceValue(dev, 'context');
  const ctxName = ctxVar ?? sip.general.context;
  const plan = analysis.dialplan;
  const ctx = plan?.contexts.get(ctxName);
  facts.push(`context: ${code(ctxName)}${ctxVar === undefined ? ' (from [general])' : ''} — ${ctx ? `${plural(ctx.extensions.length, 'extension')}, ${where(ctx.sections[0]!.file, lineOf(analysis, ctx.sections[0]!))}` : plan ? '⚠ not in the dialplan' : 'no dialplan loaded'}`);
  const chain = templateChain(dev.sections[0]!);
  if (chain.length) facts.push(`templates: ${chain.map((c) => code(c)).join(' → ')}`);
  const first = dev.sections[0]!;
  facts.push(`defined at ${where(first.file, lineOf(analysis, first))}` + (dev.sections.length > 1 ? ` (+${dev.sections.length - 1} more section)` : ''));
  for (const f of facts) lines.push(`- ${f}`);
  lines.push('', `_${CHAN_SIP_NOTE}_`);
  return lines.join('\n');
}

/** Templates a section inherits from, depth-first left to right. */
function templateChain(cat: Category): string[] {
  const out: string[] = [];
  const seen = new Set<Category>();
  const visit = (c: Category): void => {
    for (const inh of c.inherits) {
      out.push(inh.name);
      if (inh.target && !seen.has(inh.target)) {
        seen.add(inh.target);
        visit(inh.target);
      }
    }
  };
  visit(cat);
  return out;
}

/** A variable's value as hovers may show it. */
function shownValue(name: string, value: string): string {
  const n = name.toLowerCase();
  if (SECRET_OPTIONS.has(n)) return SECRET_MASK;
  if (n === 'auth') return maskAuthEntry(value);
  if (n === 'register') return maskRegisterValue(value);
  return value;
}

/** A register => value with its secret masked, parsed or not (`[peer?][transport://]user[@domain[:port]]:secret[:authuser]@host…`). */
export function maskRegisterValue(value: string): string {
  const at = value.lastIndexOf('@');
  const user = at === -1 ? value : value.slice(0, at);
  const rest = at === -1 ? '' : value.slice(at);
  let i = user.indexOf('?') + 1;
  const scheme = user.indexOf('://', i);
  if (scheme !== -1) i = scheme + 3;
  let colon = user.indexOf(':', i);
  if (colon === -1) return value;
  const port = /^\d+:/.exec(user.slice(colon + 1));
  if (port && user.slice(i, colon).includes('@')) colon += port[0].length; // user@domain:PORT:secret
  const end = user.indexOf(':', colon + 1);
  return user.slice(0, colon + 1) + SECRET_MASK + (end === -1 ? '' : user.slice(end)) + rest;
}

function templateHover(analysis: Analysis, cat: Category): string {
  const users = (analysis.roots.flatMap((r) => r.config.categories) as Category[]).filter((c) => c.inherits.some((i) => i.target === cat));
  const own = cat.vars.filter((v) => !v.inheritedFrom);
  const lines = [`**${cat.template ? 'Template' : 'Section'}** ${code(`[${cat.name}]${cat.template ? '(!)' : ''}`)} — ${where(cat.file, lineOf(analysis, cat))}`];
  if (users.length) lines.push('', `Inherited by ${listSome(users.map((u) => code(u.name)), 8)}.`);
  const chain = templateChain(cat);
  if (chain.length) lines.push('', `Inherits ${chain.map((c) => code(c)).join(' → ')}.`);
  if (own.length) {
    lines.push('', 'Sets:');
    for (const v of own.slice(0, 15)) lines.push(`- ${code(`${v.name}=${shownValue(v.name, v.value)}`)}`);
    if (own.length > 15) lines.push(`- … and ${own.length - 15} more`);
  }
  lines.push('', 'A section inherits the variables of its templates first; its own lines come after and win (`ast_variable_retrieve` returns the last value). List options such as allow, permit and setvar accumulate.');
  return lines.join('\n');
}

function templateRefHover(analysis: Analysis, root: RootResult, name: string, range: Range): string {
  const holder = root.config.categories.find((c) => c.inherits.some((i) => i.range.start === range.start && i.range.end === range.end));
  const target = holder?.inherits.find((i) => i.range.start === range.start)?.target ?? root.config.categories.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!target) return `**Template** ${code(name)} — ⚠ no earlier section of that name: Asterisk rejects the whole file ("Inheritance requested, but category '${name}' does not exist").`;
  return templateHover(analysis, target);
}

function sipOptionHeader(name: string, role: string): string[] {
  const lname = name.toLowerCase();
  const info = SIP_OPTION_VALUES[lname];
  const doc = SIP_OPTION_DOCS[lname];
  const lines = [`**${lname}** — chan_sip option` + (info ? ` (${info.sections.map((s) => (s === 'general' ? '[general]' : 'devices')).join(', ')})` : '')];
  if (info) lines.push('', info.meaning);
  if (doc) lines.push('', doc.doc);
  if (info?.values?.length) {
    const vals = lname === 'allow' || lname === 'disallow' ? `\`all\` or codec names (${info.values.slice(1, 9).map(code).join(', ')}, …)` : info.values.map(code).join(', ');
    lines.push('', `Values: ${vals}${info.list ? ', comma-separated' : ''}.` + (info.default !== undefined ? ` Default: ${code(info.default)}.` : ''));
  } else if (info?.default !== undefined) lines.push('', `Default: ${code(info.default)}.`);
  if (info?.deprecated) lines.push('', `⚠ Deprecated: write ${code(info.deprecated)}.`);
  if (info && role === 'device' && !info.sections.includes('device')) lines.push('', '⚠ chan_sip reads this option only in `[general]`: here it is silently ignored.');
  if (info && role === 'general' && !info.sections.includes('general')) lines.push('', '⚠ chan_sip reads this option only in device sections: in `[general]` it is silently ignored.');
  if (!info && !doc) lines.push('', '⚠ Not a chan_sip option: chan_sip silently ignores unknown keys (a typo goes unnoticed).');
  if (doc?.pjsip) lines.push('', `pjsip.conf: ${doc.pjsip}.`);
  return lines;
}

function optionNameHover(analysis: Analysis, root: RootResult, name: string, v: Variable, role: string): string | undefined {
  if (root.kind === 'sip') {
    if (role === 'authentication' && name.toLowerCase() !== 'auth') return undefined;
    return [...sipOptionHeader(name, role), '', `_${CHAN_SIP_NOTE}_`].join('\n');
  }
  if (root.kind === 'extensions') {
    if (role === 'general') {
      const doc = DIALPLAN_GENERAL_OPTIONS[name.toLowerCase()];
      return doc ? `**${name.toLowerCase()}** — extensions.conf [general]\n\n${doc.doc}${doc.default ? `\n\nDefault: ${code(doc.default)}.` : ''}` : `${code(name)} is not a pbx_config [general] option.`;
    }
    if (role === 'globals') return globalHover(analysis, v);
  }
  return undefined;
}

function globalHover(analysis: Analysis, v: Variable): string {
  let uses = 0;
  const needle = '${' + v.name;
  for (const r of analysis.roots) {
    if (!r.dialplan) continue;
    for (const f of r.config.files) {
      const text = analysis.texts.get(f) ?? '';
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
        const next = text[i + needle.length];
        if (next === '}' || next === ':') uses++;
      }
      const fn = `GLOBAL(${v.name})`;
      for (let i = text.indexOf(fn); i !== -1; i = text.indexOf(fn, i + fn.length)) uses++;
    }
  }
  const value = SENSITIVE_NAME.test(v.name) ? SECRET_MASK : v.value;
  return `**Global variable** ${code(v.name)} = ${code(value)}\n\nSubstituted as \`\${${v.name}}\` (${plural(uses, 'use')} in the dialplan). Extension names and include/switch lines see it at load; everything else at run time, so \`Set(GLOBAL(${v.name})=…)\` changes it for later calls.`;
}

function valueMeaning(name: string, value: string, role: string, v: Variable): string[] {
  const lname = name.toLowerCase();
  const doc = SIP_OPTION_DOCS[lname];
  const lines: string[] = [];
  const lower = value.trim().toLowerCase();
  switch (lname) {
    case 'insecure': {
      const r = parseInsecure(value);
      const meaning = doc?.values?.[lower];
      if (meaning) lines.push(meaning);
      if (!meaning || lower !== r.effective) lines.push(`chan_sip reads it as ${code(r.effective)}.`);
      for (const w of r.unknownWords) if (!doc?.values?.[w.toLowerCase()] || w.toLowerCase() !== lower) lines.push(`⚠ ${code(w)} is not a word chan_sip knows (only \`port\` and \`invite\`): it logs "Unknown insecure mode" and ignores it.`);
      break;
    }
    case 'nat': {
      const r = parseNat(value);
      const words = lower.split(',').map((w) => w.trim());
      for (const w of words) if (doc?.values?.[w]) lines.push(`${code(w)}: ${doc.values[w]}`);
      lines.push(`Effective: ${code(r.effective)}.`);
      if (r.unknownWords.length) lines.push(`⚠ Ignored silently: ${r.unknownWords.map(code).join(', ')}.`);
      break;
    }
    case 'qualify':
      if (isTrue(value)) lines.push('Qualify with the default limit (2000 ms, or `[general] qualify`).');
      else if (isFalse(value)) lines.push('No qualify: the device is never checked.');
      else if (/^\d+$/.test(value.trim())) lines.push(`The device is UNREACHABLE when OPTIONS takes longer than ${value.trim()} ms.`);
      break;
    case 'allow':
    case 'disallow': {
      const r = parseCodecList(value, lname === 'allow');
      if (r.unknown.length) lines.push(`⚠ Unknown codec${r.unknown.length > 1 ? 's' : ''}: ${r.unknown.map(code).join(', ')}.`);
      break;
    }
    case 'host':
      if (lower === 'dynamic') lines.push(doc!.values!.dynamic!);
      else lines.push(`A fixed address: chan_sip ${role === 'device' ? 'sends requests to it and matches requests coming from it' : 'uses it'}.`);
      break;
    case 'type':
    case 'dtmfmode':
    case 'directmedia':
    case 'canreinvite':
    case 'transport':
      for (const w of lower.split(',').map((x) => x.trim())) if (doc?.values?.[w]) lines.push(`${code(w)}: ${doc.values[w]}`);
      break;
    default:
      if (doc?.values?.[lower]) lines.push(doc.values[lower]);
  }
  // What chan_sip logs for this value (its exact message).
  if (lname !== 'insecure' && lname !== 'type' && !SECRET_OPTIONS.has(lname) && lname !== 'register' && lname !== 'auth') {
    const msgs = checkSipOption(lname, value, { line: v.lineNo, peer: '', section: role === 'general' ? 'general' : 'device' });
    for (const m of msgs) lines.push(`⚠ chan_sip logs: ${code(m.text)}`);
  }
  return lines;
}

function optionValueHover(analysis: Analysis, root: RootResult, name: string, value: string, v: Variable, role: string): string | undefined {
  if (root.kind === 'sip') {
    const lname = name.toLowerCase();
    if (SECRET_OPTIONS.has(lname)) {
      return `**${lname}** = ${code(SECRET_MASK)} (hidden)\n\n${SIP_OPTION_DOCS[lname]?.doc ?? ''}`.trim();
    }
    const lines = [`**${lname}** = ${code(shownValue(lname, value))}`];
    const meaning = valueMeaning(name, value, role, v);
    if (meaning.length) lines.push('', ...meaning.flatMap((m, i) => (i ? ['', m] : [m])));
    else {
      const info = SIP_OPTION_VALUES[lname];
      if (info) lines.push('', info.meaning);
    }
    return lines.join('\n');
  }
  if (root.kind === 'extensions') {
    if (role === 'globals') return globalHover(analysis, v);
    if (role === 'general') {
      const doc = DIALPLAN_GENERAL_OPTIONS[name.toLowerCase()];
      if (doc) return `**${name.toLowerCase()}** = ${code(value)}\n\n${doc.doc}`;
    }
  }
  return undefined;
}

function registerHover(field: RegisterFieldName, reg: SipRegistration, sip: SipConfig | undefined): string {
  const e = reg.entry;
  const lines = [`**register =>** ${field}`];
  const doc = REGISTER_FIELD_DOCS[field];
  if (doc) lines.push('', doc);
  if (e) {
    const value = field === 'secret' ? SECRET_MASK : field === 'peer' ? e.peer : field === 'domainPort' ? e.domainPort : (e as unknown as Record<string, unknown>)[field];
    if (value !== undefined && value !== '') lines.push('', `Value: ${code(String(value))}`);
    lines.push('', `Registers ${code(e.user)} at ${code(`${e.host}:${e.port}`)} over ${e.transport}, every ${e.expiry} s; calls for it arrive as extension ${code(e.extension)}` + (sip ? `, in the context of the peer they come from (guests: \`[general] context\` = ${code(sip.general.context)})` : '') + '.');
  }
  return lines.join('\n');
}

function includeFileHover(arg: string, targets: string[], file: string): string {
  if (!targets.length) return `**#include** ${code(arg)} — ⚠ no file found: relative names resolve against the config directory, not the including file.`;
  return `**#include** ${code(arg)} → ${listSome(targets.map((t) => code(t === file ? t : t.split(/[\\/]/).pop() ?? t)), 10)}\n\nIncluded lines continue the current section; relative names resolve against the config directory.`;
}

function sectionHover(analysis: Analysis, root: RootResult, name: string, role: string, cat: Category | undefined): string | undefined {
  switch (role) {
    case 'context':
      return contextMarkdown(analysis, root.dialplan ?? analysis.dialplan, name, `**Context** \`[${name}]\``);
    case 'device': {
      const sip = root.sip ?? analysis.sip;
      const dev = sip?.devices.get(name.toLowerCase());
      if (dev && sip) return deviceHover(analysis, sip, dev);
      const typeVar = cat ? cat.vars.find((v) => v.name.toLowerCase() === 'type') : undefined;
      return `**[${name}]** — ⚠ chan_sip skips this section: ${typeVar ? `type=${typeVar.value} is not friend, peer or user` : 'it has no type= (nor from a template)'}.`;
    }
    case 'template':
      return cat ? templateHover(analysis, cat) : undefined;
    case 'general':
    case 'globals':
    case 'authentication':
      return SECTION_DOCS[`${root.kind}:${role}`];
  }
  return undefined;
}
