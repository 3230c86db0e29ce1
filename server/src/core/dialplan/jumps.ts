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
  const data = value.slice(from, to);
  const gosub = app === 'gosub' || app === 'gosubif';
  const out: JumpTarget[] = [];
  if (app === 'goto' || app === 'gosub') addJumpTarget(data, 0, data.length, gosub, out);
  else {
    const q = data.indexOf('?');
    if (q === -1) return NO_JUMPS;
    // Both branches of cond?a:b.
    let at = q + 1;
    for (;;) {
      const colon = data.indexOf(':', at);
      addJumpTarget(data, at, colon === -1 ? data.length : colon, gosub, out);
      if (colon === -1) break;
      at = colon + 1;
    }
  }
  return out.length === 0 ? NO_JUMPS : out;
}

/** The target written in data[from, to), if it names a constant context. */
function addJumpTarget(data: string, from: number, to: number, gosub: boolean, out: JumpTarget[]): void {
  // Gosub's arguments in (...) are not part of the target.
  if (gosub) {
    const paren = data.indexOf('(', from);
    if (paren !== -1 && paren < to) to = paren;
  }
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
