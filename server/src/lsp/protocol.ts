/**
 * Custom requests of the Asterisk language server, shared by the server, the
 * client and the tests. Method names are `asterisk/<name>`.
 */
import { RequestType } from 'vscode-languageserver';
import type { Severity } from '../core';

export interface AnalysisParams {
  /** Only the groups (config dirs) this document belongs to; all groups when omitted. */
  uri?: string;
}

export interface GroupSummary {
  /** The config dir: relative #include names resolve against it. */
  configDir: string;
  /** The files analyzed as roots (every *.conf of the dir, plus open documents there). */
  files: string[];
  /** Every file read, includes too. */
  filesRead: string[];
  diagnostics: number;
  bySeverity: Partial<Record<Severity, number>>;
  byCode: Record<string, number>;
}

export interface AnalysisSummary {
  groups: GroupSummary[];
}

/** `asterisk/analysis`: brings every pending analysis up to date and summarizes it. */
export const AnalysisRequest = new RequestType<AnalysisParams, AnalysisSummary, void>('asterisk/analysis');
