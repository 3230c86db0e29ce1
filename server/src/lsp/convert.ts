/**
 * Where core results leave for LSP: file paths ↔ URIs, UTF-16 offsets ↔
 * positions (through the core's LineIndex, the one converter) and core
 * diagnostics → LSP diagnostics.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
} from 'vscode-languageserver';
import { LineIndex, type Diagnostic, type Severity } from '../core';

export const SOURCE = 'asterisk';

/** The path of a file: URI, or undefined for other schemes. */
export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Line indexes per file, rebuilt only when the file's text changes. */
export class LineIndexCache {
  private readonly cache = new Map<string, LineIndex>();

  get(file: string, text: string): LineIndex {
    const hit = this.cache.get(file);
    if (hit && hit.text === text) return hit;
    const index = new LineIndex(text);
    this.cache.set(file, index);
    return index;
  }

  delete(file: string): void {
    this.cache.delete(file);
  }
}

/** Offsets ↔ line/column over one set of texts (e.g. `analysis.texts`); an unknown file reads as ''. */
export interface Positions {
  range(file: string, start: number, end: number): Range;
  offset(file: string, position: Position): number;
}

export function positionsOf(textOf: (file: string) => string | undefined, cache = new LineIndexCache()): Positions {
  const index = (file: string): LineIndex => cache.get(file, textOf(file) ?? '');
  return {
    range(file, start, end) {
      const li = index(file);
      return { start: li.position(start), end: li.position(end) };
    },
    offset(file, position) {
      return index(file).offsetAt(position.line, position.character);
    },
  };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a published diagnostic carries to find its core diagnostic again (code actions). */
export interface DiagnosticRef {
  /** Config dir of the group that reported it. */
  group: string;
  /** Analysis run that produced it. */
  run: number;
  /** Index in that run's `analysis.diagnostics`. */
  index: number;
}

export function isDiagnosticRef(data: unknown): data is DiagnosticRef {
  const d = data as DiagnosticRef | undefined;
  return !!d && typeof d.group === 'string' && typeof d.run === 'number' && typeof d.index === 'number';
}

export function toLspDiagnostic(d: Diagnostic, positions: Positions, uriOf: (file: string) => string, ref?: DiagnosticRef): LspDiagnostic {
  const out: LspDiagnostic = {
    range: positions.range(d.file, d.start, d.end),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.code,
    source: SOURCE,
    message: d.message,
  };
  if (d.code === 'deprecated-option') out.tags = [DiagnosticTag.Deprecated];
  if (d.related?.length) {
    out.relatedInformation = d.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: uriOf(r.file), range: positions.range(r.file, r.start, r.end) }, message: r.message }),
    );
  }
  if (ref) out.data = ref;
  return out;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
