/** `asterisk/analysis`: a small summary of the current analysis of each group. */
import type { Severity } from '../core';
import type { DiagnosticsScheduler } from './diagnostics';
import type { AnalysisParams, AnalysisSummary, GroupSummary } from './protocol';
import type { WorkspaceIndex } from './workspace-index';

export function analysisSummary(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: AnalysisParams | null | undefined): AnalysisSummary {
  const file = params?.uri ? index.pathOf(params.uri) : undefined;
  const groups = file ? index.groupsAffectedBy(file) : index.allGroups();
  scheduler.flush(groups);
  return {
    groups: groups.map((g): GroupSummary => {
      const analysis = g.last?.analysis;
      const bySeverity: Partial<Record<Severity, number>> = {};
      const byCode: Record<string, number> = {};
      for (const d of analysis?.diagnostics ?? []) {
        bySeverity[d.severity] = (bySeverity[d.severity] ?? 0) + 1;
        byCode[d.code] = (byCode[d.code] ?? 0) + 1;
      }
      return {
        configDir: g.dir,
        files: [...g.files],
        filesRead: [...(analysis?.texts.keys() ?? [])].sort(),
        diagnostics: analysis?.diagnostics.length ?? 0,
        bySeverity,
        byCode,
      };
    }),
  };
}
