/**
 * Inline suppression understood by the server and the CLI:
 *   ; astconf-disable-next-line missing-secret, toll-fraud-route
 * (no code: every diagnostic on the next line).
 */
import type { Diagnostic } from '../diagnostic';
import { LineIndex } from '../text/line-index';

const MARKER = /;\s*astconf-disable-next-line\b([^\n]*)/g;

export function suppressionsOf(text: string): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (!text.includes('astconf-disable-next-line')) return out;
  const index = new LineIndex(text);
  for (const m of text.matchAll(MARKER)) {
    const line = index.lineOf(m.index!) + 1;
    const codes = m[1]!.split(/[\s,]+/).map((c) => c.trim()).filter((c) => /^[a-z][a-z0-9-]*$/.test(c));
    out.set(line, codes.length === 0 ? 'all' : new Set(codes));
  }
  return out;
}

export function applySuppressions(diags: Diagnostic[], texts: Map<string, string>): Diagnostic[] {
  const cache = new Map<string, { marks: Map<number, Set<string> | 'all'>; index?: LineIndex }>();
  return diags.filter((d) => {
    let entry = cache.get(d.file);
    if (!entry) {
      entry = { marks: suppressionsOf(texts.get(d.file) ?? '') };
      cache.set(d.file, entry);
    }
    if (entry.marks.size === 0) return true;
    entry.index ??= new LineIndex(texts.get(d.file) ?? '');
    const mark = entry.marks.get(entry.index.lineOf(d.start));
    return !(mark === 'all' || mark?.has(d.code));
  });
}
