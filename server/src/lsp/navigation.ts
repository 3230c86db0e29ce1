/**
 * textDocument/definition, references, prepareRename and rename: the core's
 * navigation features on the group's last analysis (a pending analysis of the
 * group runs first, so answers follow the latest edit). Results may land in
 * any file the analysis read; each converts with that file's own text.
 */
import * as path from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  type DefinitionParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis } from '../core';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../core/features/navigation';
import type { ParsedFile } from '../core/parse/parser';
import { LineIndexCache, positionsOf, type Positions } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import type { Group, WorkspaceIndex } from './workspace-index';

const lines = new LineIndexCache();

/** A document as one group's last analysis sees it. */
export interface DocumentView {
  file: string;
  group: Group;
  analysis: Analysis;
  parsed: ParsedFile;
  positions: Positions;
}

/**
 * The analysis that answers for a document: its own config dir's group first,
 * then any group that read it through an #include. Pending changes are analyzed first.
 */
export function documentView(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, uri: string): DocumentView | undefined {
  const file = index.pathOf(uri);
  if (!file) return undefined;
  const dir = path.dirname(file);
  const groups = index.groupsAffectedBy(file).sort((a, b) => Number(b.files.includes(file)) - Number(a.files.includes(file)) || Number(b.dir === dir) - Number(a.dir === dir));
  for (const group of groups) {
    scheduler.flush([group]);
    const analysis = group.last?.analysis;
    const text = analysis?.texts.get(file);
    if (!analysis || text === undefined) continue;
    const positions = positionsOf((f) => analysis.texts.get(f) ?? index.textOf(f), lines);
    return { file, group, analysis, parsed: group.workspace.parse(file, text), positions };
  }
  return undefined;
}

function toLocations(index: WorkspaceIndex, view: DocumentView, locs: { file: string; start: number; end: number }[]): Location[] {
  return locs.map((l) => ({ uri: index.uriOf(l.file), range: view.positions.range(l.file, l.start, l.end) }));
}

export function definition(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: DefinitionParams): Location[] {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (!view) return [];
  const offset = view.positions.offset(view.file, params.position);
  return toLocations(index, view, definitionAt(view.analysis, view.parsed, view.file, offset));
}

export function references(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: ReferenceParams): Location[] {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (!view) return [];
  const offset = view.positions.offset(view.file, params.position);
  return toLocations(index, view, referencesAt(view.analysis, view.parsed, view.file, offset, params.context.includeDeclaration));
}

/** The range and current name to rename, or an error the client shows as is. */
export function prepareRename(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: PrepareRenameParams): { range: Range; placeholder: string } | ResponseError<void> | null {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (!view) return null;
  const offset = view.positions.offset(view.file, params.position);
  const r = prepareRenameAt(view.analysis, view.parsed, view.file, offset);
  if (!r.ok) return new ResponseError(LSPErrorCodes.RequestFailed, r.message);
  return { range: view.positions.range(r.range.file, r.range.start, r.range.end), placeholder: r.placeholder };
}

/**
 * One WorkspaceEdit over every file that names the symbol. References written
 * through a variable are left as they are; `onSkipped` hears about them.
 */
export function rename(
  index: WorkspaceIndex,
  scheduler: DiagnosticsScheduler,
  params: RenameParams,
  onSkipped?: (message: string) => void,
): WorkspaceEdit | ResponseError<void> | null {
  const view = documentView(index, scheduler, params.textDocument.uri);
  if (!view) return null;
  const offset = view.positions.offset(view.file, params.position);
  const r = renameAt(view.analysis, view.parsed, view.file, offset, params.newName);
  if (!r.ok) return new ResponseError(LSPErrorCodes.RequestFailed, r.message);
  const changes: Record<string, TextEdit[]> = {};
  for (const e of r.edits) (changes[index.uriOf(e.file)] ??= []).push({ range: view.positions.range(e.file, e.start, e.end), newText: e.newText });
  if (r.skipped.length && onSkipped) {
    const where = r.skipped.map((l) => `${path.basename(l.file)}:${view.positions.range(l.file, l.start, l.end).start.line + 1}`).join(', ');
    onSkipped(`Renamed to '${params.newName}'; left unchanged where the name comes through a variable: ${where}.`);
  }
  return { changes };
}
