/**
 * Custom requests of the Asterisk language server, shared by the server, the
 * client and the tests. Method names are `asterisk/<name>`.
 */
import { RequestType, type Position } from 'vscode-languageserver';
import type { Severity } from '../core';
import type { SimulationReport } from '../core/simulate/report';

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

// --- Simulate dial ------------------------------------------------------------

export interface SimulateParams {
  /** A file (or the directory) of the config dir to simulate in; default: the first config dir with a dialplan. */
  uri?: string;
  /** The dialed number (digits, *, #, +, or names like s, i, t). */
  number: string;
  /** Where the call enters: exactly one of context, fromPeer (a sip.conf device) or guest. */
  context?: string;
  fromPeer?: string;
  guest?: boolean;
  /** Caller number; omitted: no caller ID. */
  callerId?: string;
  /** Evaluate include time windows at this ISO 8601 time (default now); null ignores them. */
  time?: string | null;
}

/** A source line: `file` relative to the config dir (for display), `line` 1-based as in the file. */
export interface SourcePlace {
  uri: string;
  file: string;
  line: number;
}

/** `asterisk/simulate`'s answer: see core/simulate/report.ts for every field. */
export type SimulateReport = SimulationReport<SourcePlace> & { configDir: string };

export interface SimulateFailure {
  error: string;
  configDir?: string;
}

export type SimulateResponse = SimulateReport | SimulateFailure;

/** `asterisk/simulate`: which extension runs for a number and what the call does (or `{ error }`). */
export const SimulateRequest = new RequestType<SimulateParams, SimulateResponse, void>('asterisk/simulate');

export interface SimulateTargetsParams {
  /** A file of the config dir; default: the first config dir with a dialplan. */
  uri?: string;
  /** With uri: also say which context or device is at this position. */
  position?: Position;
}

export interface SimulateTargets {
  configDir?: string;
  /** Dialplan contexts in definition order; `line` (1-based) of the first [name] header. */
  contexts: ({ name: string; extensions: number } & SourcePlace)[];
  /** sip.conf devices (templates left out) with the context their calls enter. */
  devices: ({ name: string; context: string; unauthenticated: boolean } & SourcePlace)[];
  /** Guest calls: allowed when allowguest is on; they enter [general] context=. */
  guest?: { allowed: boolean; context: string };
  /** The context or device at `position`. */
  at?: { context?: string; fromPeer?: string; guest?: boolean };
}

/** `asterisk/simulateTargets`: what a simulation can start from (for pickers). */
export const SimulateTargetsRequest = new RequestType<SimulateTargetsParams, SimulateTargets, void>('asterisk/simulateTargets');
