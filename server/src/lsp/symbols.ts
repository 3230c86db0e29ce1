/**
 * textDocument/documentSymbol, workspace/symbol, textDocument/foldingRange and
 * textDocument/documentLink: the core's outline, symbol search, folding and
 * #include links, converted to LSP. Folding needs only the document's text, so
 * it never waits for an analysis.
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentLink,
  type DocumentLinkParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver';
import { foldingRanges as coreFolding } from '../core/features/folding';
import { documentLinks as coreLinks } from '../core/features/links';
import { documentSymbols as coreSymbols, workspaceSymbols as coreWorkspaceSymbols, WORKSPACE_SYMBOL_LIMIT, type DocumentSymbol as CoreSymbol, type OutlineKind } from '../core/features/symbols';
import { parseConfig } from '../core/parse/parser';
import { LineIndexCache, positionsOf, type Positions } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import { documentView } from './navigation';
import type { WorkspaceIndex } from './workspace-index';

const lines = new LineIndexCache();

const KINDS: Record<OutlineKind, SymbolKind> = {
  context: SymbolKind.Namespace,
  extension: SymbolKind.Function,
  device: SymbolKind.Object,
  template: SymbolKind.Class,
  general: SymbolKind.Module,
  globals: SymbolKind.Module,
  section: SymbolKind.Module,
  variable: SymbolKind.Variable,
};

function toDocumentSymbol(s: CoreSymbol, file: string, positions: Positions): DocumentSymbol {
  const out: DocumentSymbol = {
    name: s.name === '' ? '(unnamed)' : s.name,
    kind: KINDS[s.kind],
    range: positions.range(file, s.range.start, s.range.end),
    selectionRange: positions.range(file, s.selectionRange.start, s.selectionRange.end),
  };
  if (s.detail) out.detail = s.detail;
  if (s.children.length) out.children = s.children.map((c) => toDocumentSymbol(c, file, positions));
  return out;
}

export function documentSymbols(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: DocumentSymbolParams): DocumentSymbol[] {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (view) return coreSymbols(view.analysis, view.parsed, view.file).map((s) => toDocumentSymbol(s, view.file, view.positions));
  // A file no group read (yet): the outline of its text alone.
  const file = index.pathOf(params.textDocument.uri);
  if (!file) return [];
  const text = index.textOf(file);
  const positions = positionsOf(() => text, lines);
  return coreSymbols(undefined, parseConfig(text), file).map((s) => toDocumentSymbol(s, file, positions));
}

export function workspaceSymbols(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: WorkspaceSymbolParams): SymbolInformation[] {
  scheduler.flush();
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const g of index.allGroups()) {
    const analysis = g.last?.analysis;
    if (!analysis) continue;
    const positions = positionsOf((f) => analysis.texts.get(f) ?? index.textOf(f), lines);
    for (const s of coreWorkspaceSymbols(analysis, params.query)) {
      const key = `${s.kind}\0${s.name}\0${s.containerName ?? ''}\0${s.file}\0${s.range.start}`;
      if (seen.has(key)) continue; // a file read by two groups
      seen.add(key);
      const info: SymbolInformation = { name: s.name, kind: KINDS[s.kind], location: { uri: index.uriOf(s.file), range: positions.range(s.file, s.range.start, s.range.end) } };
      if (s.containerName) info.containerName = s.containerName;
      out.push(info);
      if (out.length >= WORKSPACE_SYMBOL_LIMIT) return out;
    }
  }
  return out;
}

export function foldingRanges(index: WorkspaceIndex, params: FoldingRangeParams): FoldingRange[] {
  const file = index.pathOf(params.textDocument.uri);
  if (!file) return [];
  const text = index.textOf(file);
  // The group's workspace keeps the parse, so the next analysis of this text reuses it.
  const ws = index.groupsAffectedBy(file)[0]?.workspace;
  const parsed = ws ? ws.parse(file, text) : parseConfig(text);
  const positions = positionsOf(() => text, lines);
  return coreFolding(parsed).map((f) => {
    const r = positions.range(file, f.start, f.end);
    const out: FoldingRange = { startLine: r.start.line, endLine: r.end.line };
    if (f.kind === 'comment') out.kind = FoldingRangeKind.Comment;
    return out;
  });
}

export function documentLinks(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: DocumentLinkParams): DocumentLink[] {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (!view) return [];
  return coreLinks(view.analysis, view.parsed, view.file).map((l) => {
    const link: DocumentLink = { range: view.positions.range(view.file, l.range.start, l.range.end), target: index.uriOf(l.target) };
    if (l.tooltip) link.tooltip = l.tooltip;
    return link;
  });
}
