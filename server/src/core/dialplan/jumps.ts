/**
 * The static jump targets of a Goto, Gosub, GotoIf or GosubIf line: the contexts it names as constants
 * (`context,exten,priority`). Worked out once, while the dialplan is built and the line is at hand, for the rules
 * (which contexts a context reaches, jumps to contexts that do not exist) and for navigation.
 */
import { splitArgs } from '../simulate/expand';

export interface JumpTarget {
  context: string;
  exten?: string;
}

export const NO_JUMPS: readonly JumpTarget[] = Object.freeze([]);

/** Applications that can jump to another context (lower-case keys). */
export const JUMP_APPS: readonly string[] = ['goto', 'gosub', 'gotoif', 'gosubif'];

/**
 * The targets of application `app` (lower-case key) run with the arguments value[from, to): a Goto/Gosub's own,
 * both branches of a GotoIf/GosubIf's `cond?a:b`; none for other applications.
 */
export function staticJumpTargets(app: string, value: string, from: number, to: number): readonly JumpTarget[] {
  if (!JUMP_APPS.includes(app)) return NO_JUMPS;
  // context,exten,priority needs two commas (most Goto/GotoIf lines name a label or exten,priority only).
  const c1 = value.indexOf(',', from);
  if (c1 === -1 || c1 >= to) return NO_JUMPS;
  const c2 = value.indexOf(',', c1 + 1);
  if (c2 === -1 || c2 >= to) return NO_JUMPS;
  // A Gosub's arguments in (...) are not part of its target.
  const gosub = app === 'gosub' || app === 'gosubif';
  if (app === 'goto' || app === 'gosub') return targetsOf(value, from, gosub ? cutAtParen(value, from, to) : to);
  const data = value.slice(from, to);
  const q = data.indexOf('?');
  if (q === -1) return NO_JUMPS;
  // Both branches of cond?a:b.
  const out: JumpTarget[] = [];
  let at = q + 1;
  for (;;) {
    const colon = data.indexOf(':', at);
    const end = colon === -1 ? data.length : colon;
    addJumpTarget(data, at, gosub ? cutAtParen(data, at, end) : end, out);
    if (colon === -1) break;
    at = colon + 1;
  }
  return out.length === 0 ? NO_JUMPS : out;
}

/** Where a Gosub's target in value[from, to) ends: at its arguments' '(', if any. */
function cutAtParen(value: string, from: number, to: number): number {
  const paren = value.indexOf('(', from);
  return paren !== -1 && paren < to ? paren : to;
}

/**
 * The targets of a Goto or Gosub, whose target is value[from, to). The same few targets come back on many lines
 * (every user's `Gosub(sub-record-check,s,1(…))` in a FreePBX dialplan): the answer for each target text is kept.
 * The kept text is a copy (a slice would keep the whole file's text alive), and the lists are frozen: every line
 * with that target shares one.
 */
function targetsOf(value: string, from: number, to: number): readonly JumpTarget[] {
  const text = value.slice(from, to);
  let targets = targetCache.get(text);
  if (targets === undefined) {
    const own = (' ' + text).slice(1);
    const out: JumpTarget[] = [];
    addJumpTarget(own, 0, own.length, out);
    targets = out.length === 0 ? NO_JUMPS : Object.freeze(out);
    if (targetCache.size >= TARGET_CACHE_MAX) targetCache.clear();
    targetCache.set(own, targets);
  }
  return targets;
}

const TARGET_CACHE_MAX = 4096;
const targetCache = new Map<string, readonly JumpTarget[]>();

/** The target written in data[from, to), if it names a constant context. */
function addJumpTarget(data: string, from: number, to: number, out: JumpTarget[]): void {
  const c1 = data.indexOf(',', from);
  if (c1 === -1 || c1 >= to) return;
  const c2 = data.indexOf(',', c1 + 1);
  if (c2 === -1 || c2 >= to) return;
  let context: string;
  let exten: string;
  if (plainArgs(data, from, to)) {
    // No quote, escape or bracket: the commas split the arguments as they are (the usual context,exten,priority).
    const c3 = data.indexOf(',', c2 + 1);
    if (c3 !== -1 && c3 < to) return;
    context = data.slice(from, c1).trim();
    exten = data.slice(c1 + 1, c2).trim();
  } else {
    const parts = splitArgs(from === 0 && to === data.length ? data : data.slice(from, to));
    if (parts.length !== 3) return;
    context = parts[0]!.trim();
    exten = parts[1]!.trim();
  }
  if (context.includes('$') || context === '') return;
  out.push({ context, exten });
}

/** No '"', '\\', '(' or '[' in data[from, to): nothing that splitArgs would treat otherwise than a comma split. */
function plainArgs(data: string, from: number, to: number): boolean {
  return absent(data, '"', from, to) && absent(data, '\\', from, to) && absent(data, '(', from, to) && absent(data, '[', from, to);
}

function absent(data: string, c: string, from: number, to: number): boolean {
  const at = data.indexOf(c, from);
  return at === -1 || at >= to;
}
