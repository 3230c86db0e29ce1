/**
 * Quick fixes: the core's `fixes` of the diagnostics the client sends, as
 * CodeActions with a WorkspaceEdit (edits may span several files).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Diagnostic, Fix } from '../core';
import { isDiagnosticRef, positionsOf, sameRange, SOURCE, type Positions } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import type { Group, WorkspaceIndex } from './workspace-index';

export function codeActions(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const file = index.pathOf(params.textDocument.uri);
  if (!file) return [];
  const groups = index.groupsAffectedBy(file);
  scheduler.flush(groups); // answer on the current text

  const actions: CodeAction[] = [];
  for (const lsp of params.context.diagnostics) {
    if (lsp.source !== SOURCE) continue;
    const found = findCoreDiagnostic(index, groups, file, lsp);
    if (!found) continue;
    for (const fix of found.diagnostic.fixes ?? []) actions.push(toCodeAction(fix, lsp, found.positions, (f) => index.uriOf(f)));
  }
  return actions;
}

export function toCodeAction(fix: Fix, diagnostic: LspDiagnostic, positions: Positions, uriOf: (file: string) => string): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred ?? false,
    edit: toWorkspaceEdit(fix, positions, uriOf),
  };
}

export function toWorkspaceEdit(fix: Fix, positions: Positions, uriOf: (file: string) => string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of fix.edits) (changes[uriOf(e.file)] ??= []).push({ range: positions.range(e.file, e.start, e.end), newText: e.newText });
  return { changes };
}

/**
 * The core diagnostic behind a published one: by its `data` reference when it
 * comes from the group's last run, else (text changed since) by code and range.
 */
function findCoreDiagnostic(
  index: WorkspaceIndex,
  groups: Group[],
  file: string,
  lsp: LspDiagnostic,
): { diagnostic: Diagnostic; positions: Positions } | undefined {
  const positionsFor = (texts: Map<string, string>): Positions => positionsOf((f) => texts.get(f) ?? index.textOf(f));
  if (isDiagnosticRef(lsp.data)) {
    const last = index.group(lsp.data.group)?.last;
    const d = last && last.run === lsp.data.run ? last.analysis.diagnostics[lsp.data.index] : undefined;
    if (last && d && d.code === lsp.code && d.file === file) return { diagnostic: d, positions: positionsFor(last.analysis.texts) };
  }
  for (const g of groups) {
    const last = g.last;
    if (!last) continue;
    const positions = positionsFor(last.analysis.texts);
    const d = last.analysis.diagnostics.find((c) => c.file === file && c.code === lsp.code && sameRange(positions.range(c.file, c.start, c.end), lsp.range));
    if (d) return { diagnostic: d, positions };
  }
  return undefined;
}
