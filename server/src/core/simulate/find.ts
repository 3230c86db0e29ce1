/**
 * Which extension Asterisk runs: `pbx_find_extension` of the default (old)
 * matcher, main/pbx.c. Own context first (extensions in sorted order, the first
 * that matches — caller ID included — and has the requested priority), then
 * switches, then includes in file order, depth-first, with the case-insensitive
 * include-loop guard. Each context is compiled once per dialplan into an index
 * whose lookup cost grows with the length of the number.
 */
import type { Context, Dialplan, Extension, Priority, Switch } from '../dialplan/model';
import { dialedMatchKey, ExtensionIndex, literalMatches, mayMatchExactly, type ExtensionEntry, type MatchMode } from '../dialplan/pattern';
import { timingMatches } from '../dialplan/timing';

export const MAX_STACK = 512;

export interface FindQuery {
  context: string;
  exten: string;
  /** Requested priority (default 1). */
  priority?: number;
  /** Or a label (E_FINDLABEL). */
  label?: string;
  /** Caller number; undefined = no caller ID. */
  callerId?: string;
  /** When include time windows are evaluated; null = ignore every window (report only). */
  time?: Date | null;
  mode?: MatchMode;
}

export type FindStep =
  | { kind: 'enter'; context: string; depth: number; via?: { from: string; line: number; file: string } }
  | { kind: 'no-context'; context: string; depth: number }
  | { kind: 'loop'; context: string; depth: number }
  | { kind: 'candidate'; context: string; extension: Extension; hasPriority: boolean; result: 1 | 2 }
  | { kind: 'early-stop'; context: string; extension: Extension }
  | { kind: 'switch'; context: string; sw: Switch }
  | { kind: 'include-closed'; context: string; include: string; line: number; file: string }
  | { kind: 'include-window-ignored'; context: string; include: string; line: number; file: string }
  | { kind: 'too-deep'; context: string };

export interface FindResult {
  found?: { context: Context; extension: Extension; priority: Priority };
  steps: FindStep[];
  /** Switches Asterisk would ask before the includes (not simulated). */
  switches: Switch[];
}

const indexes = new WeakMap<Context, ExtensionIndex<Extension>>();

/** An extension as the index takes it (a module function: a closure made per context is optimized again at every check). */
function indexEntry(e: Extension): { exten: string; cid: string | undefined; value: Extension } {
  return { exten: e.name, cid: e.cid, value: e };
}

/** The compiled lookup index of a context (built once per dialplan). */
export function contextIndex(ctx: Context): ExtensionIndex<Extension> {
  let idx = indexes.get(ctx);
  if (!idx) {
    idx = new ExtensionIndex(ctx.extensions.map(indexEntry));
    indexes.set(ctx, idx);
  }
  return idx;
}

export function findExtension(plan: Dialplan, q: FindQuery): FindResult {
  const res: FindResult = { steps: [], switches: [] };
  const stack: string[] = [];
  const mode = q.mode ?? 'match';
  const wanted = q.priority ?? 1;

  const search = (name: string, via: { from: string; line: number; file: string } | undefined): boolean | 'stop' => {
    const depth = stack.length;
    const ctx = plan.contexts.get(name);
    if (!ctx) {
      res.steps.push({ kind: 'no-context', context: name, depth });
      return false;
    }
    const lower = name.toLowerCase();
    if (stack.some((s) => s.toLowerCase() === lower)) {
      res.steps.push({ kind: 'loop', context: name, depth });
      return false;
    }
    if (stack.length >= MAX_STACK) {
      res.steps.push({ kind: 'too-deep', context: name });
      return false;
    }
    stack.push(name);
    res.steps.push({ kind: 'enter', context: name, depth, via });
    const scanned = scannedMatches(ctx, q.exten, q.callerId, mode);
    const matches: readonly { entry: { value: Extension }; result: 1 | 2 }[] = scanned ? scanned.map((e) => ({ entry: e, result: 1 })) : contextIndex(ctx).lookup(q.exten, q.callerId, mode);
    for (const m of matches) {
      const ext = m.entry.value;
      if (m.result === 2 && mode === 'matchmore') {
        res.steps.push({ kind: 'early-stop', context: name, extension: ext });
        return 'stop';
      }
      const p = q.label !== undefined ? ext.labels.get(q.label) : ext.priorities.get(wanted);
      res.steps.push({ kind: 'candidate', context: name, extension: ext, hasPriority: !!p, result: m.result });
      if (p) {
        res.found = { context: ctx, extension: ext, priority: p };
        return true;
      }
    }
    for (const sw of ctx.switches) {
      res.steps.push({ kind: 'switch', context: name, sw });
      res.switches.push(sw);
    }
    for (const inc of ctx.includes) {
      if (inc.timing) {
        if (q.time === null) {
          res.steps.push({ kind: 'include-window-ignored', context: name, include: inc.context, line: inc.lineNo, file: inc.file });
        } else if (!timingMatches(inc.timing, q.time ?? new Date())) {
          res.steps.push({ kind: 'include-closed', context: name, include: inc.context, line: inc.lineNo, file: inc.file });
          continue;
        }
      }
      const r = search(inc.context, { from: name, line: inc.lineNo, file: inc.file });
      if (r) return r;
    }
    return false;
  };

  search(q.context, undefined);
  return res;
}

/** E_MATCH lookups a context without patterns answers by a scan before its index is built (see scannedMatches). */
const SCANNED_LOOKUPS = 3;
const scannedLookups = new WeakMap<Context, number>();

/**
 * The matches of `exten` among the context's own extensions by a scan of its literals (literalMatches), for the
 * first few E_MATCH lookups in a context without patterns whose index is not built; undefined otherwise (the index
 * answers). did-not-routed asks one question per register line of contexts no other check looks into: building
 * the index of a context of hundreds of DIDs cost more than the scans.
 */
function scannedMatches(ctx: Context, exten: string, callerId: string | undefined, mode: MatchMode): ExtensionEntry<Extension>[] | undefined {
  if (mode !== 'match' || indexes.has(ctx)) return undefined;
  const n = scannedLookups.get(ctx) ?? 0;
  if (n >= SCANNED_LOOKUPS) return undefined;
  const hits = literalMatches(ctx.extensions.map(indexEntry), exten, callerId);
  scannedLookups.set(ctx, hits ? n + 1 : SCANNED_LOOKUPS); // a pattern: the index from now on
  return hits;
}

/**
 * False when no extension of the context itself can match `exten` (E_MATCH), told without building the context's
 * index: it has no pattern, and no literal whose key is the number's. For asking every context about one number
 * (did-not-routed), where building the index of each would cost more than the question.
 */
export function mayMatchOwn(ctx: Context, exten: string): boolean {
  const key = dialedMatchKey(exten);
  for (const e of ctx.extensions) if (mayMatchExactly(e.name, key)) return true;
  return false;
}

/** Asterisk's three questions about a number in a context. */
export function matchModes(plan: Dialplan, q: Omit<FindQuery, 'mode'>): { exists: boolean; canMatch: boolean; matchMore: boolean } {
  return {
    exists: !!findExtension(plan, { ...q, mode: 'match' }).found,
    canMatch: !!findExtension(plan, { ...q, mode: 'canmatch' }).found,
    matchMore: !!findExtension(plan, { ...q, mode: 'matchmore' }).found,
  };
}
