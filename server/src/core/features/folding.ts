/**
 * Folding ranges of one parsed file: sections, multi-line `;--` block comments,
 * runs of `;` comment lines, and the `exten`/`same` lines of one extension.
 * Ranges are offsets (start of the first line, end of the last line); the LSP
 * layer turns them into line numbers.
 */
import type { ParsedFile, SectionNode } from '../parse/parser';
import { LineIndex } from '../text/line-index';
import { extenFieldEnd } from '../dialplan/model';

export interface FoldingRange {
  start: number;
  end: number;
  kind?: 'comment';
}

type LineKind = 'blank' | 'content' | 'comment';

interface Lines {
  index: LineIndex;
  kinds: LineKind[];
}

const lineCache = new WeakMap<ParsedFile, Lines>();

/** Each physical line: blank, holding a parsed line, or only comment text. */
function linesOf(parsed: ParsedFile): Lines {
  let hit = lineCache.get(parsed);
  if (hit) return hit;
  const index = new LineIndex(parsed.text);
  const kinds: LineKind[] = [];
  for (let l = 0; l < index.lineCount; l++) kinds.push(/\S/.test(parsed.text.slice(index.lineStart(l), index.lineEnd(l))) ? 'comment' : 'blank');
  for (const n of parsed.nodes) {
    const last = index.lineOf(Math.max(n.range.start, n.range.end - 1));
    for (let l = index.lineOf(n.range.start); l <= last; l++) kinds[l] = 'content';
  }
  hit = { index, kinds };
  lineCache.set(parsed, hit);
  return hit;
}

export interface SectionExtent {
  node: SectionNode;
  /** Offset of the header's first character. */
  start: number;
  /** End of the section's last line. */
  end: number;
  /** 0-based lines of the header and of the last line. */
  startLine: number;
  endLine: number;
}

/**
 * Each section from its header to its last non-blank line before the next
 * header. Comment lines right above the next header (no blank line between)
 * describe that header, so they are left out.
 */
export function sectionExtents(parsed: ParsedFile): SectionExtent[] {
  const { index, kinds } = linesOf(parsed);
  const headers = parsed.nodes.filter((n): n is SectionNode => n.kind === 'section');
  return headers.map((node, i) => {
    const startLine = index.lineOf(node.range.start);
    const next = headers[i + 1];
    let e = next ? index.lineOf(next.range.start) - 1 : index.lineCount - 1;
    if (next) while (e > startLine && kinds[e] === 'comment') e--;
    while (e > startLine && kinds[e] === 'blank') e--;
    return { node, start: node.range.start, end: index.lineEnd(e), startLine, endLine: e };
  });
}

/** The extension field of an `exten =>` value: up to the first ',' outside [...]. */
function extensionField(value: string): string {
  const end = extenFieldEnd(value);
  return (end === -1 ? value : value.slice(0, end)).trim();
}

export function foldingRanges(parsed: ParsedFile): FoldingRange[] {
  const { index, kinds } = linesOf(parsed);
  const out: FoldingRange[] = [];
  const starts = new Set<number>();
  const fold = (a: number, b: number, kind?: 'comment'): void => {
    if (b <= a || starts.has(a)) return;
    starts.add(a);
    out.push({ start: index.lineStart(a), end: index.lineEnd(b), ...(kind ? { kind } : {}) });
  };

  for (const s of sectionExtents(parsed)) fold(s.startLine, s.endLine);

  // exten/same lines of one extension.
  let group: { key: string; first: number; last: number } | undefined;
  const flush = (): void => {
    if (group) fold(group.first, group.last);
    group = undefined;
  };
  for (const n of parsed.nodes) {
    const line = index.lineOf(n.range.start);
    const last = index.lineOf(Math.max(n.range.start, n.range.end - 1));
    const name = n.kind === 'assignment' ? n.name.toLowerCase() : '';
    if (name === 'exten' && n.kind === 'assignment') {
      const key = extensionField(n.value);
      if (group && group.key === key) group.last = last;
      else {
        flush();
        group = { key, first: line, last };
      }
    } else if (name.startsWith('same') && group) group.last = last;
    else flush();
  }
  flush();

  // Runs of comment-only lines, then block comments that start on a line with content.
  for (let l = 0; l < kinds.length; l++) {
    if (kinds[l] !== 'comment') continue;
    let e = l;
    while (e + 1 < kinds.length && kinds[e + 1] === 'comment') e++;
    fold(l, e, 'comment');
    l = e;
  }
  const c = parsed.comments;
  for (let i = 0; i + 1 < c.length; i += 2) {
    const a = index.lineOf(c[i]!);
    const b = index.lineOf(Math.max(c[i]!, c[i + 1]! - 1));
    if (b > a) fold(a, b, 'comment');
  }
  return out.sort((x, y) => x.start - y.start || y.end - x.end);
}
