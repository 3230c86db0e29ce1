/**
 * Document symbols (the outline of one file) and workspace symbols (contexts,
 * devices, templates and extensions of every file, filtered by a fuzzy query).
 * A file's sections come from its parse, so the outline works for any file;
 * the analysis adds what each section is (context, device, template) and a
 * context's extensions.
 */
import * as path from 'node:path';
import { lastVar, type Category } from '../config/loader';
import type { Extension, Priority } from '../dialplan/model';
import type { ParsedFile, Range } from '../parse/parser';
import { fileKindOf, type Analysis, type FileKind, type RootResult } from '../workspace';
import { sectionExtents } from './folding';
import { rootOf } from './locate';
import { navigationIndex } from './navigation';

export type OutlineKind = 'context' | 'extension' | 'device' | 'template' | 'general' | 'globals' | 'section' | 'variable';

export interface DocumentSymbol {
  name: string;
  kind: OutlineKind;
  detail?: string;
  /** The whole element (a section: header to last line). */
  range: Range;
  /** The name. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: OutlineKind;
  file: string;
  range: Range;
  /** The context of an extension, the file of a section. */
  containerName?: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function categoryAt(root: RootResult | undefined, file: string, headerStart: number): Category | undefined {
  if (!root) return undefined;
  return root.config.categories.find(
    (c) => (c.file === file && c.header.range.start === headerStart) || c.appendedBy.some((a) => a.file === file && a.header.range.start === headerStart),
  );
}

function deviceDetail(cat: Category): string {
  const parts: string[] = [];
  const type = lastVar(cat, 'type')?.value;
  const host = lastVar(cat, 'host')?.value;
  if (type) parts.push(`type=${type}`);
  if (host) parts.push(`host=${host}`);
  if (cat.inherits.length) parts.push(`(${cat.inherits.map((i) => i.name).join(', ')})`);
  return parts.join(' ');
}

export function documentSymbols(analysis: Analysis | undefined, parsed: ParsedFile, file: string): DocumentSymbol[] {
  const root = analysis ? rootOf(analysis, file) : undefined;
  const kind: FileKind = root?.kind ?? fileKindOf(file);
  const out: DocumentSymbol[] = [];
  for (const ext of sectionExtents(parsed)) {
    const node = ext.node;
    const cat = categoryAt(root, file, node.range.start);
    const lower = node.name.toLowerCase();
    const template = cat?.template ?? (node.options ?? []).some((o) => o.text === '!');
    const sym: DocumentSymbol = { name: node.name, kind: 'section', range: { start: ext.start, end: ext.end }, selectionRange: node.nameRange, children: [] };
    const inherits = (node.options ?? []).filter((o) => o.text !== '!' && !o.text.startsWith('+')).map((o) => o.text);
    if (template) {
      sym.kind = 'template';
      sym.detail = 'template' + (inherits.length ? ` (${inherits.join(', ')})` : '');
    } else if (lower === 'general') {
      sym.kind = 'general';
    } else if (kind === 'extensions' && lower === 'globals') {
      sym.kind = 'globals';
      for (const n of parsed.nodes) {
        if (n.kind !== 'assignment' || n.range.start < ext.start || n.range.start > ext.end || n.op === 'none') continue;
        sym.children.push({ name: n.name, kind: 'variable', detail: n.value, range: n.range, selectionRange: n.nameRange, children: [] });
      }
    } else if (kind === 'extensions') {
      sym.kind = 'context';
      const ctx = root?.dialplan?.contexts.get(cat?.name ?? node.name);
      if (ctx) sym.children = extensionSymbols(ctx.extensions, file, ext.start, ext.end);
      sym.detail = plural(sym.children.length, 'extension', 'extensions');
    } else if (kind === 'sip' && lower !== 'authentication') {
      sym.kind = 'device';
      sym.detail = cat ? deviceDetail(cat) : inherits.length ? `(${inherits.join(', ')})` : undefined;
    }
    if (sym.detail === '' || sym.detail === undefined) delete sym.detail;
    out.push(sym);
  }
  return out;
}

/** The extensions with lines in [from, to] of a file, one symbol each, in line order. */
function extensionSymbols(extensions: Extension[], file: string, from: number, to: number): DocumentSymbol[] {
  const out: { first: number; sym: DocumentSymbol }[] = [];
  for (const e of extensions) {
    const lines: Priority[] = [];
    for (const p of e.priorities.values()) if (p.file === file && p.range.start >= from && p.range.start <= to) lines.push(p);
    if (lines.length === 0) continue;
    lines.sort((a, b) => a.range.start - b.range.start);
    const named = lines.find((p) => !p.same) ?? lines[0]!;
    const hint = lines.some((p) => p.priority < 0);
    const count = lines.filter((p) => p.priority > 0).length;
    out.push({
      first: lines[0]!.range.start,
      sym: {
        name: e.name + (e.cid !== undefined ? `/${e.cid}` : ''),
        kind: 'extension',
        detail: (hint ? 'hint, ' : '') + plural(count, 'priority', 'priorities'),
        range: { start: lines[0]!.range.start, end: lines[lines.length - 1]!.range.end },
        selectionRange: named.extenRange,
        children: [],
      },
    });
  }
  return out.sort((a, b) => a.first - b.first).map((x) => x.sym);
}

/** How well a name matches a query: 0 exact … 3 letters in order, undefined no match (case-insensitive). */
export function fuzzyScore(name: string, query: string): number | undefined {
  if (query === '') return 3;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  if (n.includes(q)) return 2;
  let i = 0;
  for (const c of n) if (c === q[i]) i++;
  return i === q.length ? 3 : undefined;
}

export const WORKSPACE_SYMBOL_LIMIT = 500;

export function workspaceSymbols(analysis: Analysis, query: string, limit = WORKSPACE_SYMBOL_LIMIT): WorkspaceSymbol[] {
  const found: { score: number; sym: WorkspaceSymbol }[] = [];
  const seen = new Set<string>();
  const add = (sym: WorkspaceSymbol): void => {
    const score = fuzzyScore(sym.name, query);
    if (score === undefined) return;
    const k = `${sym.kind}\0${sym.name}\0${sym.containerName ?? ''}\0${sym.file}\0${sym.range.start}`;
    if (seen.has(k)) return;
    seen.add(k);
    found.push({ score, sym });
  };
  for (const o of navigationIndex(analysis).occurrences) {
    if (o.declaration) add({ name: o.name, kind: o.kind, file: o.file, range: { start: o.start, end: o.end }, containerName: path.basename(o.file) });
  }
  for (const root of analysis.roots) {
    for (const ctx of root.dialplan?.contexts.values() ?? []) {
      for (const e of ctx.extensions) add({ name: e.name + (e.cid !== undefined ? `/${e.cid}` : ''), kind: 'extension', file: e.first.file, range: e.first.extenRange, containerName: ctx.name });
    }
  }
  // Stable: best score first, then sections in load order, then extensions.
  return found
    .map((f, i) => ({ ...f, i }))
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, limit)
    .map((f) => f.sym);
}
