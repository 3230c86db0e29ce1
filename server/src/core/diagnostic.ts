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

/**
 * Record a problem Asterisk reports while loading (the loader, the dialplan and
 * sip.conf models): `asterisk` is the exact text it logs, if any. A module
 * function over the list, so the per-line code that calls it stays optimized.
 */
export function pushLoadProblem(out: Diagnostic[], file: string, r: { start: number; end: number }, severity: Severity, code: string, message: string, asterisk?: string): Diagnostic {
  const d: Diagnostic = { file, start: r.start, end: r.end, severity, code, message };
  if (asterisk) d.data = { asterisk };
  out.push(d);
  return d;
}
