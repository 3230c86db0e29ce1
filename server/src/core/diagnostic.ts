/**
 * Diagnostics of the pure core. Positions are half-open UTF-16 offsets into the
 * text of `file`; they become line/column only where a result leaves the core
 * (see text/line-index.ts).
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Location {
  file: string;
  start: number;
  end: number;
}

export interface RelatedInformation extends Location {
  message: string;
}

export interface Diagnostic extends Location {
  severity: Severity;
  /** Stable kebab-case code, e.g. `missing-include`. */
  code: string;
  message: string;
  related?: RelatedInformation[];
  /** Quick fixes: edits the user may accept (never applied silently). */
  fixes?: Fix[];
  /** Rule-specific data (e.g. `{ asterisk: '<exact Asterisk log text>' }`). */
  data?: unknown;
}

export interface TextEdit extends Location {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix (shown first, applied by "auto fix"). */
  preferred?: boolean;
}
