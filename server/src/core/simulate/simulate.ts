/**
 * Simulate dial: which extension Asterisk runs for a number (findExtension),
 * then the call followed statically from the winner: priorities with their
 * arguments substituted, Goto/GotoIf/Gosub/Return/Macro followed, stopping at
 * Dial (resolved to the sip.conf device), Hangup, the end of the priorities, a
 * dynamic target, or a loop.
 */
import type { Dialplan, Priority } from '../dialplan/model';
import { deviceValue, hasInboundSecret, insecureOf, isDynamic, type SipConfig, type SipDevice } from '../sip/model';
import { evaluateCondition, expand, splitArgs, type VarScope } from './expand';
import { findExtension, matchModes, type FindResult } from './find';

export interface SimulateInput {
  number: string;
  /** Enter at this context, or: */
  context?: string;
  /** … as a call from this sip.conf device (its context=, else [general] context), or: */
  fromPeer?: string;
  /** … as a guest call ([general] context while allowguest is on). */
  guest?: boolean;
  callerId?: string;
  /** Evaluate include time windows at this time (default now); null ignores them. */
  time?: Date | null;
}

export interface TraceStep {
  context: string;
  exten: string;
  priority: number;
  label?: string;
  app: string;
  args: string;
  expanded: string;
  file: string;
  line: number;
  note?: string;
  /** Other paths (e.g. the other branch of a GotoIf whose condition is unknown). */
  alternatives?: { label: string; trace: TraceStep[]; outcome: Outcome }[];
}

export interface DialTarget {
  tech: string;
  resource: string;
  peer?: string;
  number?: string;
  device?: { name: string; file: string; line: number; host?: string; authenticated: boolean; trunk: boolean };
}

export type Outcome =
  | { kind: 'dial'; message: string; targets: DialTarget[] }
  | { kind: 'hangup' | 'fallthrough' | 'dynamic' | 'loop' | 'no-match' | 'missing-target' | 'limit' | 'error'; message: string };

export interface SimulateResult {
  entry: { context: string; how: 'context' | 'peer' | 'guest'; peer?: string; notes: string[] };
  find: FindResult;
  result: 'match' | 'none';
  /** What Asterisk's three lookups say about the number. */
  modes: { exists: boolean; canMatch: boolean; matchMore: boolean };
  trace: TraceStep[];
  outcome: Outcome;
}

export class SimulateError extends Error {}

const MAX_STEPS = 500;

export function resolveEntry(input: SimulateInput, sip: SipConfig | undefined): SimulateResult['entry'] {
  if (input.context !== undefined) return { context: input.context, how: 'context', notes: [] };
  if (input.fromPeer !== undefined) {
    if (!sip) throw new SimulateError(`no sip.conf in the config directory, so device '${input.fromPeer}' is unknown`);
    const dev = sip.devices.get(input.fromPeer.toLowerCase());
    if (!dev) {
      const names = [...sip.devices.values()].map((d) => d.name);
      throw new SimulateError(`no device [${input.fromPeer}] in sip.conf` + (names.length ? ` (devices: ${names.slice(0, 20).join(', ')})` : ''));
    }
    const ctxVar = deviceValue(dev, 'context');
    const context = ctxVar ?? sip.general.context;
    const notes: string[] = [];
    if (ctxVar === undefined) notes.push(`[${dev.name}] has no context=, so its calls enter [general] context=${sip.general.context}.`);
    const ins = insecureOf(dev);
    const host = deviceValue(dev, 'host');
    if (!hasInboundSecret(dev) && (isDynamic(dev) || !host)) {
      notes.push(`Anyone on the Internet can place this call: [${dev.name}] has neither secret nor md5secret, so whoever ${isDynamic(dev) ? `registers as ${dev.name}` : `sends from its name`} is accepted without a password.`);
    } else if (ins.invite || !hasInboundSecret(dev)) {
      const why = ins.invite ? 'insecure=invite' : 'no secret or md5secret';
      notes.push(
        `This call is not authenticated (${why}): chan_sip accepts any INVITE that comes from ${host}'s address${ins.port ? ' (any port, insecure=port)' : ''}. ` +
          `Keep such a context unable to dial back out.`,
      );
    }
    return { context, how: 'peer', peer: dev.name, notes };
  }
  if (input.guest) {
    if (!sip) throw new SimulateError('no sip.conf in the config directory: guest calls are decided by its [general] section');
    if (!sip.general.allowguest) throw new SimulateError(`allowguest=no in sip.conf [general]: chan_sip refuses calls from unknown senders, so there is no guest call`);
    return { context: sip.general.context, how: 'guest', notes: [`Guest call: anyone on the network can send it (allowguest is on); it enters [general] context=${sip.general.context}.`] };
  }
  throw new SimulateError('say where the call enters: a context, a device (from-peer) or a guest call');
}

export function simulate(plan: Dialplan, sip: SipConfig | undefined, input: SimulateInput): SimulateResult {
  const entry = resolveEntry(input, sip);
  const q = { context: entry.context, exten: input.number, callerId: input.callerId, time: input.time };
  const find = findExtension(plan, q);
  const modes = matchModes(plan, q);
  const res: SimulateResult = { entry, find, result: find.found ? 'match' : 'none', modes, trace: [], outcome: { kind: 'no-match', message: '' } };
  if (!find.found) {
    res.outcome = { kind: 'no-match', message: noMatchMessage(plan, entry.context, input.number, modes, find) };
    return res;
  }
  const globals = new Map<string, string>();
  for (const [k, v] of plan.globals) globals.set(k, v.value);
  const run = new Runner(plan, sip, input.callerId, globals, input.time);
  const { trace, outcome } = run.follow(find.found.context.name, input.number, 1, new Map(), [], 0);
  res.trace = trace;
  res.outcome = outcome;
  return res;
}

function noMatchMessage(plan: Dialplan, context: string, number: string, modes: SimulateResult['modes'], find: FindResult): string {
  if (!plan.contexts.has(context)) {
    const near = [...plan.contexts.keys()].find((n) => n.toLowerCase() === context.toLowerCase());
    return `Context '${context}' does not exist in the dialplan` + (near ? ` (names are case-sensitive: '${near}' exists)` : '') + ': Asterisk rejects the call.';
  }
  const noPri = find.steps.filter((s) => s.kind === 'candidate' && !s.hasPriority);
  let msg = `No extension in '${context}' (or what it includes) matches ${number}`;
  if (noPri.length) msg = `${number} matches ${noPri.map((s) => (s.kind === 'candidate' ? `'${s.extension.name}' in [${s.context}]` : '')).join(', ')} but none of them has priority 1, so nothing runs`;
  if (modes.matchMore) msg += '; more digits could still match (Asterisk would wait for them)';
  else if (modes.canMatch) msg += '; it is a prefix of an extension';
  else msg += '; it is a dead end';
  if (find.switches.length) msg += `; Asterisk would also ask switch ${find.switches.map((s) => `${s.module}/${s.data}`).join(', ')} (not simulated)`;
  return msg + '.';
}

type Frame = { context: string; exten: string; priority: number; kind: 'gosub' | 'macro' };

class Runner {
  private steps = 0;
  constructor(
    private plan: Dialplan,
    private sip: SipConfig | undefined,
    private callerId: string | undefined,
    private globals: Map<string, string>,
    private time: Date | null | undefined,
  ) {}

  follow(context: string, exten: string, priority: number, vars: Map<string, string>, stack: Frame[], depth: number): { trace: TraceStep[]; outcome: Outcome } {
    const trace: TraceStep[] = [];
    const seen = new Map<string, number>();
    let ctx = context;
    let ex = exten;
    let pri = priority;
    for (;;) {
      if (++this.steps > MAX_STEPS) return { trace, outcome: { kind: 'limit', message: `Stopped after ${MAX_STEPS} steps.` } };
      const key = `${ctx}\0${ex}\0${pri}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count > 2) return { trace, outcome: { kind: 'loop', message: `The call loops: it comes back to ${ctx},${ex},${pri} again.` } };
      const found = findExtension(this.plan, { context: ctx, exten: ex, priority: pri, callerId: this.callerId, time: this.time }).found;
      if (!found) {
        const top = stack[stack.length - 1];
        if (top && top.kind === 'macro') {
          stack = stack.slice(0, -1);
          ctx = top.context;
          ex = top.exten;
          pri = top.priority;
          continue;
        }
        if (pri === 1) return { trace, outcome: { kind: 'missing-target', message: `Nothing answers ${ex} at priority 1 in [${ctx}]: Asterisk sends the call to 'i' if it exists, else hangs up.` } };
        return {
          trace,
          outcome: {
            kind: 'fallthrough',
            message: this.plan.general.autofallthrough
              ? `No priority ${pri} after ${ex},${pri - 1} in [${ctx}]: the call ends (autofallthrough=yes hangs up).`
              : `No priority ${pri} after ${ex},${pri - 1} in [${ctx}]: with autofallthrough=no the channel waits for input.`,
          },
        };
      }
      const p = found.priority;
      ctx = found.context.name;
      const scope: VarScope = { exten: ex, context: ctx, priority: pri, callerId: this.callerId, vars, globals: this.globals };
      const exp = expand(p.appData, scope);
      const step: TraceStep = { context: ctx, exten: ex, priority: pri, label: p.label, app: p.app, args: p.appData, expanded: exp.text, file: p.file, line: p.lineNo };
      trace.push(step);
      const app = p.appKey;
      const args = splitArgs(exp.text);
      const jump = (spec: string[], why: string): Outcome | { context: string; exten: string; priority: number } => this.resolveGoto(spec, ctx, ex, why);

      if (app === 'goto' || app === 'gosub' || app === 'macro' || app === 'gotoif' || app === 'gosubif') {
        let spec: string[] | undefined;
        let subArgs: string[] = [];
        if (app === 'gotoif' || app === 'gosubif') {
          const raw = exp.text;
          const q = raw.indexOf('?');
          const cond = q === -1 ? raw : raw.slice(0, q);
          const branches = q === -1 ? '' : raw.slice(q + 1);
          const colon = topLevelColon(branches);
          const tBranch = colon === -1 ? branches : branches.slice(0, colon);
          const fBranch = colon === -1 ? '' : branches.slice(colon + 1);
          const value = evaluateCondition(cond);
          const pickBranch = (b: string): string[] | undefined => (b.trim() === '' ? undefined : splitArgs(app === 'gosubif' ? b.replace(/\(.*$/, '') : b));
          if (value === undefined) {
            step.note = `Condition ${cond.trim() || '(empty)'} cannot be decided statically: following the true branch; the false branch is shown as an alternative.`;
            if (depth < 2) {
              const alt = pickBranch(fBranch);
              const target = alt ? jump(alt, 'GotoIf false branch') : { context: ctx, exten: ex, priority: pri + 1 };
              const altRun = 'kind' in target ? { trace: [], outcome: target } : this.follow(target.context, target.exten, target.priority, new Map(vars), stack, depth + 1);
              step.alternatives = [{ label: `if ${cond.trim()} is false`, trace: altRun.trace, outcome: altRun.outcome }];
            }
            spec = pickBranch(tBranch);
          } else {
            step.note = `Condition is ${value ? 'true' : 'false'}.`;
            spec = pickBranch(value ? tBranch : fBranch);
          }
          if (!spec) {
            pri++;
            continue;
          }
          if (app === 'gosubif') {
            const b = value === false ? fBranch : tBranch;
            const m = /\((.*)\)\s*$/.exec(b);
            subArgs = m ? splitArgs(m[1]!) : [];
          }
        } else if (app === 'macro') {
          const [name, ...margs] = args;
          if (!name || name.includes('${')) return { trace, outcome: { kind: 'dynamic', message: `Macro name ${name ?? ''} is only known at run time.` } };
          const target = `macro-${name.trim()}`;
          if (!this.plan.contexts.has(target)) return { trace, outcome: { kind: 'missing-target', message: `Macro(${name}) needs a context [${target}], which does not exist.` } };
          const mvars = new Map(vars);
          margs.forEach((a, i) => mvars.set(`ARG${i + 1}`, a));
          mvars.set('MACRO_EXTEN', ex);
          mvars.set('MACRO_CONTEXT', ctx);
          stack = [...stack, { context: ctx, exten: ex, priority: pri + 1, kind: 'macro' }];
          vars = mvars;
          ctx = target;
          ex = 's';
          pri = 1;
          continue;
        } else {
          const open = exp.text.indexOf('(');
          const targetText = app === 'gosub' && open !== -1 ? exp.text.slice(0, open) : exp.text;
          if (app === 'gosub' && open !== -1) subArgs = splitArgs(exp.text.slice(open + 1, exp.text.lastIndexOf(')') === -1 ? undefined : exp.text.lastIndexOf(')')));
          spec = splitArgs(targetText);
        }
        const target = jump(spec, p.app);
        if ('kind' in target) return { trace, outcome: target };
        if (app === 'gosub' || app === 'gosubif') {
          stack = [...stack, { context: ctx, exten: ex, priority: pri + 1, kind: 'gosub' }];
          vars = new Map(vars);
          subArgs.forEach((a, i) => vars.set(`ARG${i + 1}`, a));
        }
        ctx = target.context;
        ex = target.exten;
        pri = target.priority;
        continue;
      }
      if (app === 'return' || app === 'macroexit') {
        const top = stack[stack.length - 1];
        if (!top) {
          if (app === 'macroexit') return { trace, outcome: { kind: 'hangup', message: 'MacroExit outside a macro: the call ends.' } };
          return { trace, outcome: { kind: 'error', message: 'Return without a Gosub: Asterisk logs an error and the call ends.' } };
        }
        stack = stack.slice(0, -1);
        ctx = top.context;
        ex = top.exten;
        pri = top.priority;
        continue;
      }
      if (app === 'set' || app === 'mset') {
        for (const a of app === 'set' ? [exp.text] : args) {
          const eq = a.indexOf('=');
          if (eq > 0) {
            const name = a.slice(0, eq).trim();
            const m = /^GLOBAL\((.+)\)$/.exec(name);
            if (m) this.globals.set(m[1]!, a.slice(eq + 1));
            else vars.set(name.replace(/^_+/, ''), a.slice(eq + 1));
          }
        }
        pri++;
        continue;
      }
      if (app === 'dial') {
        const targets = this.resolveDial(args[0] ?? '');
        return { trace, outcome: { kind: 'dial', message: dialMessage(targets), targets } };
      }
      if (app === 'hangup') return { trace, outcome: { kind: 'hangup', message: `Hangup(${exp.text}) ends the call.` } };
      if (app === '' && p.appData === '') {
        pri++;
        continue;
      }
      pri++;
    }
  }

  /** Goto([[context,]exten,]priority): priority may be a label of the target extension. */
  private resolveGoto(spec: string[], ctx: string, ex: string, why: string): Outcome | { context: string; exten: string; priority: number } {
    const parts = spec.map((s) => s.trim());
    let context = ctx;
    let exten = ex;
    let pri: string;
    if (parts.length >= 3) [context, exten, pri] = [parts[0]!, parts[1]!, parts[2]!];
    else if (parts.length === 2) [exten, pri] = [parts[0]!, parts[1]!];
    else pri = parts[0] ?? '';
    const dyn = [context, exten, pri].find((x) => x.includes('${') || x.includes('$['));
    if (dyn !== undefined) return { kind: 'dynamic', message: `${why} jumps to a target only known at run time (${spec.join(',')}).` };
    if (!this.plan.contexts.has(context)) return { kind: 'missing-target', message: `${why} jumps to context [${context}], which does not exist: Asterisk logs an error and the call ends.` };
    const n = /^\d+$/.test(pri) ? parseInt(pri, 10) : undefined;
    if (n !== undefined) return { context, exten, priority: n };
    const m = /^(.*?)([+-]\d+)?$/.exec(pri)!;
    const found = findExtension(this.plan, { context, exten, label: m[1]!, callerId: this.callerId, time: this.time }).found;
    if (!found) return { kind: 'missing-target', message: `${why}: no label '${m[1]}' in extension ${exten} of [${context}]: Asterisk logs "Priority '${pri}' must be a number > 0, or valid label" and the call ends.` };
    return { context: found.context.name, exten, priority: found.priority.priority + (m[2] ? parseInt(m[2], 10) : 0) };
  }

  private resolveDial(arg: string): DialTarget[] {
    return arg
      .split('&')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((dest) => {
        const slash = dest.indexOf('/');
        const tech = slash === -1 ? dest : dest.slice(0, slash);
        const resource = slash === -1 ? '' : dest.slice(slash + 1);
        const t: DialTarget = { tech, resource };
        if (tech.toUpperCase() === 'SIP') {
          const at = resource.indexOf('@');
          if (at !== -1) {
            t.number = resource.slice(0, at);
            t.peer = resource.slice(at + 1).split(/[:/]/)[0];
          } else {
            const s2 = resource.indexOf('/');
            t.peer = s2 === -1 ? resource : resource.slice(0, s2);
            if (s2 !== -1) t.number = resource.slice(s2 + 1);
          }
          const dev = t.peer ? this.sip?.devices.get(t.peer.toLowerCase()) : undefined;
          if (dev) t.device = describeDevice(dev, this.sip!);
        }
        return t;
      });
  }
}

function topLevelColon(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ':' && depth === 0) return i;
  }
  return -1;
}

export function describeDevice(dev: SipDevice, sip: SipConfig): NonNullable<DialTarget['device']> {
  const host = deviceValue(dev, 'host');
  const registered = sip.registrations.some((r) => r.entry && (r.entry.peer?.toLowerCase() === dev.name.toLowerCase() || r.entry.host.toLowerCase() === (host ?? '').toLowerCase()));
  const outboundAuth = !!(deviceValue(dev, 'secret') || deviceValue(dev, 'md5secret') || deviceValue(dev, 'remotesecret'));
  const trunk = !isDynamic(dev) && !!host && (registered || !!deviceValue(dev, 'fromuser') || !!deviceValue(dev, 'defaultuser') || outboundAuth || dev.peer);
  const header = dev.sections[0]!;
  return { name: dev.name, file: header.file, line: header.header.line.lineNo, host, authenticated: outboundAuth, trunk };
}

function dialMessage(targets: DialTarget[]): string {
  if (targets.length === 0) return 'Dial() with no destination: Asterisk logs an error and continues.';
  return targets
    .map((t) => {
      if (t.tech.toUpperCase() !== 'SIP') return `Dial ${t.tech}/${t.resource} (not a chan_sip device; not resolved).`;
      if (!t.peer) return `Dial SIP/${t.resource}: no device named.`;
      if (t.peer.includes('${')) return `Dial SIP/${t.resource}: the device is only known at run time.`;
      if (!t.device) return `Dial SIP/${t.resource}: there is no [${t.peer}] in sip.conf, so Asterisk treats '${t.peer}' as a host name and calls it directly.`;
      const d = t.device;
      const as = t.number ? ` as ${t.number}` : '';
      if (d.trunk) return `The call leaves through ${d.name}${as} (host ${d.host}${d.authenticated ? ', authenticates with its secret' : ', no credentials'}).`;
      return `The call rings ${d.name}${as}${d.host ? ` (host ${d.host})` : ''}.`;
    })
    .join(' ');
}

export type { Priority };
