/**
 * textDocument/hover: the core's hoverAt() on the group's analysis. A hover
 * right after an edit reflects it: a pending analysis of the group is run
 * first (scheduler.flush, as code actions do); otherwise the last analysis is
 * reused, so a hover costs a locate() plus the Markdown.
 */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../core/features/hover';
import { LineIndexCache, positionsOf } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import type { Group, WorkspaceIndex } from './workspace-index';

/** Line indexes of the texts hovers run on (rebuilt only when a text changes). */
const lines = new LineIndexCache();

/** Groups that may answer for a file: its own config dir first, then groups that include it. */
export function groupsFor(index: WorkspaceIndex, file: string): Group[] {
  const groups = index.groupsAffectedBy(file);
  const own = groups.filter((g) => g.files.includes(file));
  return [...own, ...groups.filter((g) => !own.includes(g))];
}

export function hover(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: HoverParams): Hover | null {
  const file = index.pathOf(params.textDocument.uri);
  if (!file) return null;
  for (const g of groupsFor(index, file)) {
    scheduler.flush([g]); // no-op unless the group changed since its last analysis
    const analysis = g.last?.analysis;
    const text = analysis?.texts.get(file);
    if (!analysis || text === undefined) continue;
    const positions = positionsOf((f) => analysis.texts.get(f), lines);
    const offset = positions.offset(file, params.position);
    const found = hoverAt(analysis, g.workspace.parse(file, text), file, offset);
    if (found) {
      return {
        contents: { kind: MarkupKind.Markdown, value: found.markdown },
        range: positions.range(file, found.range.start, found.range.end),
      };
    }
  }
  return null;
}
