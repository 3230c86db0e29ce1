/**
 * Static variable substitution for Simulate dial: `${EXTEN}`, `${EXTEN:off[:len]}`,
 * `${CALLERID(num)}`, `${CONTEXT}`, `${PRIORITY}`, [globals] and variables set
 * earlier on the path. Anything else (functions, unknown variables) is dynamic:
 * it is kept as written and flagged.
 */
import { replaceVariables } from '../text/variables';

export interface VarScope {
  exten: string;
  context: string;
  priority: number;
  callerId?: string;
  vars: Map<string, string>;
  globals: Map<string, string>;
}

export interface Expanded {
  text: string;
  /** Names of what could not be resolved statically. */
  dynamic: string[];
}

/** Asterisk's substring rule for ${VAR:offset:length} (pbx.c substring()). */
export function substring(value: string, offset: number, length?: number): string {
  const len = value.length;
  let off = offset;
  if (off < 0) off = Math.max(0, len + off);
  if (off > len) return '';
  let end = len;
  if (length !== undefined) {
    if (length < 0) end = Math.max(off, len + length);
    else end = Math.min(len, off + length);
  }
  return value.slice(off, end);
}

function lookup(name: string, scope: VarScope): string | undefined {
  switch (name) {
    case 'EXTEN':
      return scope.exten;
    case 'CONTEXT':
      return scope.context;
    case 'PRIORITY':
      return String(scope.priority);
    case 'CALLERID(num)':
    case 'CALLERID(number)':
    case 'CALLERIDNUM':
      return scope.callerId ?? '';
  }
  if (scope.vars.has(name)) return scope.vars.get(name);
  if (scope.globals.has(name)) return scope.globals.get(name);
  return undefined;
}

export function expand(text: string, scope: VarScope): Expanded {
  const dynamic: string[] = [];
  const out = expandInner(text, scope, dynamic);
  return { text: out, dynamic };
}

function expandInner(text: string, scope: VarScope, dynamic: string[]): string {
  return replaceVariables(text, (inner) => {
    const m = /^([^:]+?)(?::(-?\d+)(?::(-?\d+))?)?$/.exec(inner);
    const name = m ? m[1]! : inner;
    const value = lookup(name, scope);
    if (value === undefined) {
      dynamic.push(name);
      return '${' + inner + '}';
    }
    if (m && m[2] !== undefined) return substring(value, parseInt(m[2], 10), m[3] !== undefined ? parseInt(m[3], 10) : undefined);
    return value;
  });
}

/**
 * Evaluate a GotoIf/ExecIf condition when it is static: a plain value (true when
 * not empty and not 0) or `$[a op b]` with literal operands. undefined = unknown.
 */
export function evaluateCondition(cond: string): boolean | undefined {
  const t = cond.trim();
  if (t.includes('${')) return undefined;
  const m = /^\$\[(.*)\]$/s.exec(t);
  if (!m) return truthy(t);
  const expr = m[1]!.trim();
  if (expr.includes('$[')) return undefined;
  const cmp = /^("?)(.*?)\1\s*(=|!=|<=|>=|<|>)\s*("?)(.*?)\4$/.exec(expr);
  if (cmp) {
    const a = cmp[2]!;
    const b = cmp[5]!;
    const na = Number(a);
    const nb = Number(b);
    const numeric = a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb);
    const c = numeric ? na - nb : a < b ? -1 : a > b ? 1 : 0;
    switch (cmp[3]) {
      case '=':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '>':
        return c > 0;
      case '<=':
        return c <= 0;
      case '>=':
        return c >= 0;
    }
  }
  if (/^-?\d+$/.test(expr) || expr === '') return truthy(expr);
  return undefined;
}

function truthy(v: string): boolean {
  return v !== '' && !/^0+$/.test(v) && v !== '0';
}

/** Split application arguments at top-level commas (parentheses, brackets and quotes nest; `\` protects a character). */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  for (let from = 0; ; ) {
    const end = argEnd(args, from);
    out.push(args.slice(from, end));
    if (end >= args.length) return out;
    from = end + 1;
  }
}

/** The first of the arguments (what splitArgs(args)[0] is). */
export function firstArg(args: string): string {
  return args.slice(0, argEnd(args, 0));
}

/** Where the argument that starts at `from` ends: its top-level comma, or the end of the text. */
function argEnd(args: string, from: number): number {
  let depth = 0;
  let quote = false;
  for (let i = from; i < args.length; i++) {
    const c = args.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34 /* " */) quote = !quote;
    else if (quote) continue;
    else if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
    else if (c === 44 && depth === 0) return i;
  }
  return args.length;
}
