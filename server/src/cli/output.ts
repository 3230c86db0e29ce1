/** Turning core diagnostics into the CLI's text and JSON lines. */
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostic';
import { LineIndex } from '../core/text/line-index';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export function toJsonDiagnostics(diags: Diagnostic[], texts: Map<string, string>, cwd = process.cwd()): JsonDiagnostic[] {
  const indexes = new Map<string, LineIndex>();
  return diags.map((d) => {
    let index = indexes.get(d.file);
    if (!index) {
      index = new LineIndex(texts.get(d.file) ?? '');
      indexes.set(d.file, index);
    }
    const s = index.position(d.start);
    const e = index.position(d.end);
    const rel = path.relative(cwd, d.file);
    return {
      file: rel.startsWith('..') || path.isAbsolute(rel) ? d.file : rel,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    };
  });
}

export function formatText(d: JsonDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}
