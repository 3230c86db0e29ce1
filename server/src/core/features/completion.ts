/**
 * Completion: what may be typed at an offset of sip.conf / extensions.conf.
 *
 * The line being typed usually does not parse into the model yet, so the
 * position is read from the raw text of the line (and the section header
 * above it); the last analysis supplies the names (contexts, devices,
 * templates, globals, variables Set() in the context).
 *
 * - sip.conf: option names at line start (by section), values after `=`
 *   (insecure, nat, type, dtmfmode, qualify, transport, codecs, booleans, …),
 *   context names after `context=`;
 * - extensions.conf: `exten =>`/`same =>`/`include =>`/… at line start,
 *   applications (with argument snippets) in the application slot, contexts
 *   in include => and Goto/Gosub/GotoIf, peers after `SIP/`, `${` variables
 *   and functions, [general] options;
 * - any file: template names in `[name](`.
 *
 * Pure module: no I/O, no editor or LSP dependencies.
 */
import type { Dialplan } from '../dialplan/model';
import type { ParsedFile, Range, SectionNode } from '../parse/parser';
import { deviceValue } from '../sip/model';
import { SIP_OPTION_VALUES, type SipOptionInfo } from '../sip/options';
import { fileKindOf, type Analysis, type FileKind } from '../workspace';
import { APPLICATIONS } from './docs/applications';
import { DIALPLAN_GENERAL_OPTIONS, DIALPLAN_KEYS } from './docs/dialplan';
import { plural } from './docs/markdown';
import { SIP_OPTION_DOCS } from './docs/sip-options';
import { FUNCTIONS, functionDoc, VARIABLES } from './docs/variables';
import { rootOf } from './locate';

export type CompletionKind = 'option' | 'value' | 'context' | 'peer' | 'template' | 'application' | 'variable' | 'function' | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert (default: the label); an LSP snippet when `snippet` is set. */
  insertText?: string;
  snippet?: boolean;
  /** The text the item replaces (default: the word at the cursor). */
  replaceRange?: Range;
  sortText?: string;
  filterText?: string;
}

interface Ctx {
  analysis: Analysis | undefined;
  file: string;
  offset: number;
  text: string;
  kind: FileKind;
  /** Start of the line holding the offset. */
  lineStart: number;
  /** Line text up to the offset. */
  before: string;
  /** Line text after the offset. */
  after: string;
  section?: { name: string; lower: string };
}

export function completionsAt(analysis: Analysis | undefined, parsed: ParsedFile | undefined, file: string, offset: number, text: string): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  if (inComment(before)) return [];
  const kind = (analysis && rootOf(analysis, file)?.kind) || fileKindOf(file);
  const c: Ctx = { analysis, file, offset, text, kind, lineStart, before, after };

  const header = /^\s*\[([^\]]*)\]\(([^)]*)$/.exec(before);
  if (header) return templateItems(c, header[1]!, header[2]!);
  if (/^\s*\[/.test(before)) return [];

  const section = sectionAt(parsed, text, lineStart);
  if (section) c.section = { name: section, lower: section.toLowerCase() };
  if (kind === 'sip') return sipItems(c);
  if (kind === 'extensions') return dialplanItems(c);
  return [];
}

/** A `;` not escaped as `\;` starts a comment. */
function inComment(before: string): boolean {
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') i++;
    else if (before[i] === ';') return true;
  }
  return false;
}

/** The name of the section the line at `lineStart` belongs to. */
function sectionAt(parsed: ParsedFile | undefined, text: string, lineStart: number): string | undefined {
  if (parsed && parsed.text === text) {
    const nodes = parsed.nodes;
    let lo = 0;
    let hi = nodes.length - 1;
    let found: SectionNode | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid]!.range.start < lineStart) lo = mid + 1;
      else hi = mid - 1;
    }
    for (let i = hi; i >= 0; i--) {
      const n = nodes[i]!;
      if (n.kind === 'section') {
        found = n;
        break;
      }
    }
    return found?.name;
  }
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const m = /^\s*\[([^\]\n]*)\]/.exec(text.slice(start, end));
    if (m) return m[1];
    end = start - 1;
  }
  return undefined;
}

/** The word (letters, digits, `_`, `-`, `.`) ending at the offset. */
function wordBefore(c: Ctx, re = /[\w.-]*$/): Range {
  const m = re.exec(c.before)!;
  const wordAfter = /^[\w.-]*/.exec(c.after)![0].length;
  return { start: c.offset - m[0].length, end: c.offset + wordAfter };
}

const rangeFrom = (c: Ctx, startInLine: number): Range => ({ start: c.lineStart + startInLine, end: c.offset });

// ---------------------------------------------------------------------------
// Templates

function templateItems(c: Ctx, own: string, opts: string): CompletionItem[] {
  const root = c.analysis ? rootOf(c.analysis, c.file) : undefined;
  const token = opts.slice(opts.lastIndexOf(',') + 1);
  const replaceRange = { start: c.offset - token.length, end: c.offset + (/^[^,)]*/.exec(c.after)![0].length) };
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  if (!opts.includes('!')) items.push({ label: '!', kind: 'keyword', detail: 'make this section a template', replaceRange, sortText: '0' });
  for (const cat of root?.config.categories ?? []) {
    const lower = cat.name.toLowerCase();
    if (cat.name === own || seen.has(lower) || lower === 'general' || lower === 'globals' || lower === 'authentication') continue;
    seen.add(lower);
    items.push({
      label: cat.name,
      kind: 'template',
      detail: cat.template ? `template (${plural(cat.vars.length, 'line')})` : 'section (inherited like a template)',
      replaceRange,
      sortText: (cat.template ? '1' : '2') + cat.name,
    });
  }
  return items;
}

// ---------------------------------------------------------------------------
// sip.conf

const SECRET = new Set(['secret', 'md5secret', 'remotesecret']);

function optionDoc(info: SipOptionInfo): string {
  const doc = SIP_OPTION_DOCS[info.name];
  const parts = [info.meaning];
  if (doc) parts.push(doc.doc);
  if (info.values?.length && info.name !== 'allow' && info.name !== 'disallow') parts.push(`Values: ${info.values.map((v) => '`' + v + '`').join(', ')}${info.list ? ' (comma-separated)' : ''}.`);
  if (info.default !== undefined) parts.push(`Default: \`${info.default}\`.`);
  return parts.join('\n\n');
}

function sipItems(c: Ctx): CompletionItem[] {
  const sec = c.section?.lower;
  const nameOnly = /^\s*([\w-]*)$/.exec(c.before);
  if (nameOnly) {
    if (sec === undefined) return [];
    const replaceRange = wordBefore(c);
    if (sec === 'authentication') return [{ label: 'auth', kind: 'option', detail: 'user:secret@realm or user#md5@realm', insertText: 'auth = ', replaceRange }];
    const where = sec === 'general' ? 'general' : 'device';
    const items: CompletionItem[] = [];
    for (const info of Object.values(SIP_OPTION_VALUES)) {
      if (!info.sections.includes(where)) continue;
      const isRegister = info.name === 'register';
      items.push({
        label: info.name,
        kind: 'option',
        detail: info.deprecated ? `deprecated: use ${info.deprecated}` : info.meaning,
        documentation: optionDoc(info),
        insertText: isRegister ? 'register => ' : `${info.name}=`,
        replaceRange,
        sortText: (info.deprecated ? '9' : '1') + info.name,
      });
    }
    return items;
  }
  const assign = /^\s*([\w-]+)\s*(=>?|\+=)\s*(.*)$/.exec(c.before);
  if (!assign) return [];
  const name = assign[1]!.toLowerCase();
  const value = assign[3]!;
  const valueStart = c.before.length - value.length;
  if (name === 'context' || name === 'subscribecontext') return contextItems(c, rangeFrom(c, valueStart), undefined);
  if (SECRET.has(name) || name === 'register') return [];
  const info = SIP_OPTION_VALUES[name];
  if (!info?.values?.length) return [];
  const doc = SIP_OPTION_DOCS[name];
  const valueDoc = (v: string): string | undefined => doc?.values?.[v];
  if (name === 'insecure' && !value.includes(',')) {
    const replaceRange = { start: c.lineStart + valueStart, end: c.offset + (/^[^;\s]*/.exec(c.after)![0].length) };
    return ['port', 'invite', 'port,invite', 'no'].map((v, i) => ({ label: v, kind: 'value' as const, detail: valueDoc(v), replaceRange, sortText: String(i) }));
  }
  if (info.list) {
    const token = value.slice(value.lastIndexOf(',') + 1);
    const used = new Set(value.split(',').slice(0, -1).map((w) => w.trim().toLowerCase()));
    const replaceRange = { start: c.offset - token.length, end: c.offset + (/^[^,;\s]*/.exec(c.after)![0].length) };
    return info.values.filter((v) => !used.has(v)).map((v, i) => ({ label: v, kind: 'value' as const, detail: valueDoc(v) ?? (v === info.default ? 'default' : undefined), replaceRange, sortText: String(i).padStart(3, '0') }));
  }
  const replaceRange = { start: c.lineStart + valueStart, end: c.offset + (/^[^;\s]*/.exec(c.after)![0].length) };
  return info.values.map((v, i) => ({ label: v, kind: 'value' as const, detail: valueDoc(v) ?? (v === info.default ? 'default' : undefined), replaceRange, sortText: String(i).padStart(3, '0') }));
}

function contextItems(c: Ctx, replaceRange: Range, exclude: string | undefined): CompletionItem[] {
  const plan = c.analysis?.dialplan ?? rootPlan(c);
  if (!plan) return [];
  const items: CompletionItem[] = [];
  for (const ctx of plan.contexts.values()) {
    if (ctx.name === exclude) continue;
    items.push({ label: ctx.name, kind: 'context', detail: `${plural(ctx.extensions.length, 'extension')}${ctx.includes.length ? `, includes ${ctx.includes.map((i) => i.context).join(', ')}` : ''}`, replaceRange });
  }
  return items;
}

function rootPlan(c: Ctx): Dialplan | undefined {
  return c.analysis ? rootOf(c.analysis, c.file)?.dialplan : undefined;
}

// ---------------------------------------------------------------------------
// extensions.conf

function dialplanItems(c: Ctx): CompletionItem[] {
  const sec = c.section?.lower;
  const vars = variableItems(c);
  if (vars) return vars;
  if (sec === undefined) return [];
  const nameOnly = /^\s*([\w-]*)$/.exec(c.before);
  if (sec === 'general') {
    if (nameOnly) {
      const replaceRange = wordBefore(c);
      return Object.entries(DIALPLAN_GENERAL_OPTIONS).map(([name, d]) => ({ label: name, kind: 'option' as const, detail: `default ${d.default || '(empty)'}`, documentation: d.doc, insertText: `${name}=`, replaceRange }));
    }
    const m = /^\s*([\w-]+)\s*=>?\s*(\S*)$/.exec(c.before);
    const d = m ? DIALPLAN_GENERAL_OPTIONS[m[1]!.toLowerCase()] : undefined;
    if (!d?.values) return [];
    const replaceRange = { start: c.offset - m![2]!.length, end: c.offset };
    return d.values.map((v) => ({ label: v, kind: 'value' as const, detail: v === d.default ? 'default' : undefined, replaceRange }));
  }
  if (sec === 'globals') return [];
  if (nameOnly) {
    const replaceRange = wordBefore(c);
    return DIALPLAN_KEYS.map((k, i) => ({ label: `${k.name} =>`, kind: 'keyword' as const, detail: k.syntax, documentation: k.doc, insertText: k.snippet, snippet: true, replaceRange, filterText: k.name, sortText: String(i) }));
  }
  const key = /^\s*([A-Za-z]+)\s*=>?\s*/.exec(c.before);
  if (!key) return [];
  const kw = key[1]!.toLowerCase();
  const value = c.before.slice(key[0].length);
  const valueStart = key[0].length;
  if (kw === 'include') {
    if (value.includes(',')) return [];
    return contextItems(c, { start: c.lineStart + valueStart, end: c.offset + (/^[^,;\s]*/.exec(c.after)![0].length) }, c.section?.name);
  }
  if (kw !== 'exten' && !kw.startsWith('same')) return [];
  const commas = topLevelCommas(value);
  const appField = kw === 'exten' ? 2 : 1;
  if (commas.length < appField) return [];
  const appStart = commas[appField - 1]! + 1;
  const appText = value.slice(appStart);
  const paren = appText.indexOf('(');
  if (paren === -1) {
    const lead = appText.length - appText.trimStart().length;
    return applicationItems(c, rangeFrom(c, valueStart + appStart + lead));
  }
  const appName = appText.slice(0, paren).trim();
  const args = appText.slice(paren + 1);
  return argumentItems(c, appName, args);
}

/** Offsets of commas outside `[]` and `()`, as the extension field and the arguments split. */
function topLevelCommas(s: string): number[] {
  const out: number[] = [];
  let square = 0;
  let round = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (ch === '[') square++;
    else if (ch === ']' && square > 0) square--;
    else if (ch === '(') round++;
    else if (ch === ')' && round > 0) round--;
    else if (ch === ',' && square === 0 && round === 0) out.push(i);
  }
  return out;
}

function applicationItems(c: Ctx, replaceRange: Range): CompletionItem[] {
  const hasParen = c.after.trimStart().startsWith('(');
  const wordAfter = /^\w*/.exec(c.after)![0].length;
  const range = { start: replaceRange.start, end: replaceRange.end + wordAfter };
  return APPLICATIONS.map((a) => {
    const deprecated = (a.notes ?? []).some((n) => /removed in Asterisk 21|removed in 21/i.test(n)) || /Removed in Asterisk 21/.test(a.summary);
    return {
      label: a.name,
      kind: 'application' as const,
      detail: a.syntax,
      documentation: a.summary + (a.notes?.length ? `\n\n⚠ ${a.notes.join('\n\n⚠ ')}` : ''),
      insertText: hasParen ? a.name : `${a.name}(${a.snippet ?? ''})`,
      snippet: !hasParen,
      replaceRange: range,
      sortText: (deprecated ? '9' : '1') + a.name,
    };
  });
}

function argumentItems(c: Ctx, appName: string, args: string): CompletionItem[] {
  const app = appName.toLowerCase();
  const commas = topLevelCommas(args);
  const index = commas.length;
  const argStart = index ? commas[index - 1]! + 1 : 0;
  const current = args.slice(argStart);
  const items: CompletionItem[] = [];

  // A device after SIP/ (Dial, Queue members, Page, ChanSpy, …).
  const sipTok = /(?:^|[&,(\s])SIP\/([\w.+-]*)$/i.exec(current) ?? /^SIP\/([\w.+-]*)$/i.exec(current);
  if (sipTok) return peerItems(c, { start: c.offset - sipTok[1]!.length, end: c.offset + (/^[\w.+-]*/.exec(c.after)![0].length) });

  if (app === 'goto' || app === 'gosub') {
    const parts = args.split(',');
    const tokRange = { start: c.offset - current.trimStart().length, end: c.offset + (/^[^,()\s]*/.exec(c.after)![0].length) };
    if (index === 0) return contextItems(c, tokRange, undefined);
    if (index === 1) return extensionItems(c, parts[0]!.trim(), tokRange);
    if (index === 2) return labelItems(c, parts[0]!.trim(), parts[1]!.trim(), tokRange);
    return [];
  }
  if (app === 'gotoif' || app === 'gosubif') {
    const q = args.lastIndexOf('?');
    if (q === -1) return [];
    const colon = args.lastIndexOf(':');
    const label = args.slice(Math.max(q, colon) + 1);
    const parts = label.split(',');
    const tok = parts[parts.length - 1]!;
    const tokRange = { start: c.offset - tok.trimStart().length, end: c.offset + (/^[^,:()\s]*/.exec(c.after)![0].length) };
    if (parts.length === 1) return contextItems(c, tokRange, undefined);
    if (parts.length === 2) return extensionItems(c, parts[0]!.trim(), tokRange);
    if (parts.length === 3) return labelItems(c, parts[0]!.trim(), parts[1]!.trim(), tokRange);
    return [];
  }
  if (app === 'dial' && index === 0) {
    const tok = /[^&]*$/.exec(current)![0];
    if (!tok.includes('/')) {
      const range = { start: c.offset - tok.length, end: c.offset };
      for (const [tech, doc] of TECHS) items.push({ label: tech, kind: 'keyword', detail: doc, replaceRange: range });
      return items;
    }
  }
  if ((app === 'set' || app === 'mset') && !current.includes('=')) {
    const range = { start: c.offset - current.trimStart().length, end: c.offset };
    for (const f of FUNCTIONS) if (f.writable) items.push({ label: `${f.name}()`, kind: 'function', detail: f.syntax, documentation: f.doc, insertText: `${f.name}(${f.snippet ?? '$1'})=$0`, snippet: true, replaceRange: range, filterText: f.name });
    for (const name of knownVariableNames(c)) items.push({ label: name, kind: 'variable', insertText: `${name}=`, replaceRange: range });
    return items;
  }
  return items;
}

const TECHS: [string, string][] = [
  ['SIP/', 'chan_sip device (removed in Asterisk 21)'],
  ['PJSIP/', 'chan_pjsip endpoint'],
  ['IAX2/', 'IAX2 peer'],
  ['DAHDI/', 'DAHDI channel or group (g1, r1)'],
  ['Local/', 'Local/exten@context: run dialplan as the callee'],
];

function peerItems(c: Ctx, replaceRange: Range): CompletionItem[] {
  const sip = c.analysis?.sip;
  if (!sip) return [];
  const items: CompletionItem[] = [];
  for (const d of sip.devices.values()) {
    const host = deviceValue(d, 'host');
    const ctx = deviceValue(d, 'context');
    items.push({ label: d.name, kind: 'peer', detail: `${d.type}${host ? `, host=${host}` : ''}${ctx ? `, context=${ctx}` : ''}`, replaceRange });
  }
  return items;
}

function extensionItems(c: Ctx, context: string, replaceRange: Range): CompletionItem[] {
  const plan = c.analysis?.dialplan ?? rootPlan(c);
  const ctx = plan?.contexts.get(context) ?? plan?.contexts.get(c.section?.name ?? '');
  if (!ctx) return [];
  return ctx.extensions.slice(0, 500).map((e) => ({ label: e.name, kind: 'value' as const, detail: `${e.isPattern ? 'pattern' : 'extension'} in [${ctx.name}]`, replaceRange }));
}

function labelItems(c: Ctx, context: string, exten: string, replaceRange: Range): CompletionItem[] {
  const plan = c.analysis?.dialplan ?? rootPlan(c);
  const ctx = plan?.contexts.get(context);
  const ext = ctx?.extensions.find((e) => e.name === exten);
  const items: CompletionItem[] = [{ label: '1', kind: 'value', detail: 'priority 1', replaceRange }];
  for (const [label, p] of ext?.labels ?? []) items.push({ label, kind: 'value', detail: `label → priority ${p.priority}: ${p.app}`, replaceRange });
  return items;
}

/** Names for `${`: [globals], variables Set() in the current context. */
function knownVariableNames(c: Ctx): string[] {
  const plan = c.analysis?.dialplan ?? rootPlan(c);
  const names = new Set<string>();
  if (plan) for (const g of plan.globals.keys()) names.add(g);
  const ctx = c.section ? plan?.contexts.get(c.section.name) : undefined;
  for (const e of ctx?.extensions ?? []) {
    for (const p of e.priorities.values()) {
      const app = p.app.trim().toLowerCase();
      if (app !== 'set' && app !== 'mset') continue;
      for (const part of app === 'set' ? [p.appData] : p.appData.split(',')) {
        const m = /^\s*_{0,2}([A-Za-z][\w]*)\s*=/.exec(part);
        if (m) names.add(m[1]!);
      }
    }
  }
  return [...names];
}

/** `${` (or a lone `$`) before the cursor: variables and functions. */
function variableItems(c: Ctx): CompletionItem[] | undefined {
  const open = innermostOpen(c.before);
  if (open === undefined) {
    if (c.before.endsWith('$')) return variableList(c, { start: c.offset, end: c.offset }, true);
    return undefined;
  }
  const inner = c.before.slice(open + 2);
  const fn = /^([A-Za-z_]\w*)\(([^()]*)$/.exec(inner);
  if (fn) {
    const doc = functionDoc(fn[1]!);
    if (!doc?.items || fn[2]!.includes(',')) return [];
    const range = { start: c.offset - fn[2]!.length, end: c.offset + (/^\w*/.exec(c.after)![0].length) };
    return doc.items.map((i) => ({ label: i.name, kind: 'value' as const, detail: i.doc, replaceRange: range }));
  }
  if (!/^[\w]*$/.test(inner)) return [];
  return variableList(c, { start: c.offset - inner.length, end: c.offset + (/^\w*/.exec(c.after)![0].length) }, false);
}

function variableList(c: Ctx, replaceRange: Range, addBrace: boolean): CompletionItem[] {
  const close = c.after.startsWith('}') || /^\w*\}/.test(c.after) ? '' : '}';
  const pre = addBrace ? '{' : '';
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const plan = c.analysis?.dialplan ?? rootPlan(c);
  for (const name of knownVariableNames(c)) {
    seen.add(name);
    const g = plan?.globals.get(name);
    items.push({ label: name, kind: 'variable', detail: g ? `global = ${/secret|pass|pwd|pin\b|token/i.test(name) ? '••••••' : g.value}` : 'set in this context', insertText: pre + name + close, replaceRange, sortText: '0' + name });
  }
  for (const v of VARIABLES) {
    if (seen.has(v.name)) continue;
    items.push({ label: v.name, kind: 'variable', detail: v.values ? `values: ${v.values}` : undefined, documentation: v.doc, insertText: pre + v.name + close, replaceRange, sortText: '1' + v.name });
  }
  for (const f of FUNCTIONS) {
    items.push({ label: `${f.name}()`, kind: 'function', detail: f.syntax, documentation: f.doc, insertText: `${pre}${f.name}(${f.snippet ?? '$1'})${close}`, snippet: true, replaceRange, filterText: f.name, sortText: '2' + f.name });
  }
  return items;
}

/** Index of the innermost `${` not closed before the end of `s`. */
function innermostOpen(s: string): number | undefined {
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      stack.push(i);
      i++;
    } else if (s[i] === '}' && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : undefined;
}

/** The plain text of an LSP snippet (for clients without snippet support). */
export function snippetToText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1]!)) {
      out += snippet[++i];
    } else if (ch === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (ch === '$' && snippet[i + 1] === '{' && /\d/.test(snippet[i + 2] ?? '')) {
      let j = i + 2;
      while (/\d/.test(snippet[j]!)) j++;
      if (snippet[j] === '}') {
        i = j;
      } else if (snippet[j] === '|') {
        const end = snippet.indexOf('|}', j);
        out += snippet.slice(j + 1, end).split(',')[0];
        i = end + 1;
      } else {
        // `${n:default}`: keep the default (which may hold nested placeholders).
        let depth = 1;
        let k = j + 1;
        let inner = '';
        for (; k < snippet.length && depth > 0; k++) {
          if (snippet[k] === '\\') {
            inner += snippet[k]! + (snippet[k + 1] ?? '');
            k++;
            continue;
          }
          if (snippet[k] === '$' && snippet[k + 1] === '{') depth++;
          if (snippet[k] === '}') depth--;
          if (depth > 0) inner += snippet[k];
        }
        out += snippetToText(inner);
        i = k - 1;
      }
    } else out += ch;
  }
  return out;
}
