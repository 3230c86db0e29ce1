/**
 * Document links: the argument of `#include` / `#tryinclude` opens the file the
 * loader read for it (a glob links to its first match; nothing when no file
 * was found). `#exec` is never linked.
 */
import type { ParsedFile, Range } from '../parse/parser';
import type { Analysis } from '../workspace';

export interface DocumentLink {
  range: Range;
  /** Path of the target file. */
  target: string;
  tooltip?: string;
}

export function documentLinks(analysis: Analysis | undefined, parsed: ParsedFile, file: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const node of parsed.nodes) {
    if (node.kind !== 'directive' || !node.argRange) continue;
    const word = node.name.toLowerCase();
    if (word !== 'include' && word !== 'tryinclude') continue;
    let targets: string[] = [];
    for (const root of analysis?.roots ?? []) {
      // By place, not identity: the parse may be a newer object for the same text.
      const rec = root.config.includes.find((i) => i.from === file && i.directive.range.start === node.range.start && i.targets.length > 0);
      if (rec) {
        targets = rec.targets;
        break;
      }
    }
    if (targets.length === 0) continue;
    out.push({ range: node.argRange, target: targets[0]!, tooltip: targets.length > 1 ? `${targets.length} files match; opens the first` : undefined });
    if (out[out.length - 1]!.tooltip === undefined) delete out[out.length - 1]!.tooltip;
  }
  return out;
}
