/**
 * Shared facts about how calls move, for the cross-file rules: which sip.conf
 * devices are outbound trunks, which dialplan lines dial them with the dialed
 * number, which contexts a context reaches through `include =>` and static
 * Goto/Gosub, and who can send calls without authentication.
 */
import type { Location, RelatedInformation } from '../diagnostic';
import type { Variable } from '../config/loader';
import type { Context, Dialplan, Priority } from '../dialplan/model';
import { deviceValue, deviceVar, hasInboundSecret, insecureOf, isDynamic, type SipConfig, type SipDevice } from '../sip/model';
import { firstArg } from '../simulate/expand';
import { JUMP_APPS } from '../dialplan/jumps';
import { sipDestinations } from '../dialplan/dial';
import { prioritiesRunning } from '../dialplan/app-index';
import { runToEnd, type Steps } from '../steps';
import { keepShape } from '../shapes';
import { lowerCase } from '../text/case';

export interface DialUse {
  priority: Priority;
  context: string;
  tech: string;
  peer: string;
  /** The number part (`SIP/peer/NUMBER` or `SIP/NUMBER@peer`), if any. */
  number?: string;
}

const dialCache = new WeakMap<Dialplan, DialUse[]>();

/** Substitute [globals] only (static knowledge): each `${NAME}` (letters, digits, `_`) of a global; the rest stays. */
function globalsOnly(text: string, plan: Dialplan): string {
  // A loop rather than a replace() callback: a callback made per call is optimized again at every check.
  let i = text.indexOf('${');
  if (i === -1) return text;
  let out = '';
  let kept = 0; // text before this offset is in out
  while (i !== -1) {
    let j = i + 2;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    if (j > i + 2 && text.charCodeAt(j) === 125 /* } */) {
      const v = plan.globals.get(text.slice(i + 2, j));
      if (v !== undefined) {
        out += text.slice(kept, i) + v.value;
        kept = j + 1;
      }
      i = text.indexOf('${', j + 1);
    } else i = text.indexOf('${', i + 2);
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/** [A-Za-z0-9_] */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Every SIP destination named in a Dial() of the dialplan. */
export function dialUses(plan: Dialplan): DialUse[] {
  let uses = dialCache.get(plan);
  if (uses) return uses;
  uses = [];
  for (const p of prioritiesRunning(plan, 'dial')) {
    // Only the first argument counts: the dialplan read it when constant; [globals] are substituted here when it
    // names one (what comes after it cannot move where it ends).
    const dests = p.dials ?? sipDestinations(firstArg(globalsOnly(p.appData, plan)));
    for (const d of dests) uses.push({ priority: p, context: p.context, tech: d.tech, peer: d.peer, number: d.number });
  }
  dialCache.set(plan, uses);
  return uses;
}

const outboundCache = new WeakMap<SipConfig, { plan: Dialplan | undefined; peers: Set<string> }>();

/** Devices used to place outbound calls: dialed with a number, with fromuser/defaultuser, or registered. */
export function outboundPeers(sip: SipConfig, plan: Dialplan | undefined): Set<string> {
  const hit = outboundCache.get(sip);
  if (hit && hit.plan === plan) return hit.peers;
  const out = new Set<string>();
  outboundCache.set(sip, { plan, peers: out });
  if (plan) for (const u of dialUses(plan)) if (u.number !== undefined && u.number !== '') out.add(lowerCase(u.peer));
  for (const [key, dev] of sip.devices) {
    if (deviceValue(dev, 'fromuser') || deviceValue(dev, 'defaultuser') || deviceValue(dev, 'username')) out.add(key);
  }
  for (const r of sip.registrations) {
    if (!r.entry) continue;
    if (r.entry.peer) out.add(lowerCase(r.entry.peer));
  }
  return out;
}

/** A trunk: an outbound device that is not a registering phone (`key`: its key in sip.devices, the name lower-cased). */
export function isTrunk(key: string, dev: SipDevice, outbound: Set<string>): boolean {
  return outbound.has(key) && !isDynamic(dev);
}

const trunkCache = new WeakMap<Dialplan, WeakMap<SipConfig, DialUse[]>>();

/** Dial lines that pass the dialed number on to a trunk. */
export function trunkDials(sip: SipConfig, plan: Dialplan): DialUse[] {
  let perPlan = trunkCache.get(plan);
  if (!perPlan) trunkCache.set(plan, (perPlan = new WeakMap()));
  const hit = perPlan.get(sip);
  if (hit) return hit;
  const outbound = outboundPeers(sip, plan);
  const dials = dialUses(plan).filter((u) => {
    if (!u.number || !/\$\{EXTEN/.test(u.number)) return false;
    const key = lowerCase(u.peer);
    const dev = sip.devices.get(key);
    return !!dev && isTrunk(key, dev, outbound);
  });
  perPlan.set(sip, dials);
  return dials;
}

export interface ReachStep {
  context: string;
  /** How we got here from the previous context. */
  via?: Location & { message: string };
}

export interface Edge {
  to: string;
  via: Location & { message: string };
  /** The priority that jumps (absent for an include). */
  priority?: Priority;
}

/** A static jump; where it is written is worked out only when a path through it is reported. */
class JumpEdge implements Edge {
  constructor(
    readonly to: string,
    readonly priority: Priority,
  ) {}
  get via(): Location & { message: string } {
    const p = this.priority;
    const r = p.range;
    return { file: p.file, start: r.start, end: r.end, message: `${p.app}() in [${p.context}] jumps to [${this.to}]` };
  }
}

// Its map outlives every jump graph (see shapes.ts).
keepShape(new JumpEdge('', undefined as unknown as Priority));

const graphCache = new WeakMap<Dialplan, Map<string, Edge[]>>();

/** Every context's outgoing edges (includes, then static jumps: the first to each existing context, every one to a missing one), computed once per dialplan. */
export function jumpGraph(plan: Dialplan): Map<string, Edge[]> {
  return graphCache.get(plan) ?? runToEnd(jumpGraphSteps(plan));
}

/** Jump lines read between two steps of jumpGraphSteps. */
const JUMPS_PER_STEP = 4096;

/** jumpGraph in steps (a multi-megabyte dialplan has tens of thousands of Goto and Gosub lines). */
export function* jumpGraphSteps(plan: Dialplan): Steps<Map<string, Edge[]>> {
  const g = new Map<string, Edge[]>();
  for (const [name, ctx] of plan.contexts) {
    const edges: Edge[] = [];
    for (const inc of ctx.includes) edges.push({ to: inc.context, via: { file: inc.file, start: inc.range.start, end: inc.range.end, message: `[${name}] includes [${inc.context}]` } });
    g.set(name, edges);
  }
  const jumps = prioritiesRunning(plan, ...JUMP_APPS);
  const known = new Map<string, Map<string, boolean>>();
  for (let from = 0; from < jumps.length; from += JUMPS_PER_STEP) {
    if (from > 0) yield;
    addJumpEdges(plan, g, known, jumps, from, Math.min(jumps.length, from + JUMPS_PER_STEP));
  }
  graphCache.set(plan, g);
  return g;
}

/**
 * The static jumps of jumps[from, to) as edges of their contexts. Of the jumps from one context to an existing one
 * only the first becomes an edge (a FreePBX context jumps to the same few contexts from every user's lines, and the
 * paths found through the graph take the first edge to each context anyway); every jump to a context that does not
 * exist is an edge, for unknown-context to report each line. `known`: per context, each target seen so far and
 * whether it exists.
 */
function addJumpEdges(plan: Dialplan, g: Map<string, Edge[]>, known: Map<string, Map<string, boolean>>, jumps: readonly Priority[], from: number, to: number): void {
  let context = '';
  let seen: Map<string, boolean> | undefined;
  let edges: Edge[] | undefined;
  for (let i = from; i < to; i++) {
    const p = jumps[i]!;
    const targets = p.jumps;
    if (targets.length === 0) continue;
    if (seen === undefined || p.context !== context) {
      // The lines come in file order: a context's jumps are mostly one run.
      context = p.context;
      edges = g.get(context)!;
      seen = known.get(context);
      if (!seen) known.set(context, (seen = new Map()));
    }
    for (const j of targets) {
      const exists = seen.get(j.context);
      if (exists === true) continue;
      if (exists === undefined) seen.set(j.context, plan.contexts.has(j.context));
      edges!.push(new JumpEdge(j.context, p));
    }
  }
}

const reachCache = new WeakMap<Dialplan, Map<string, Map<string, ReachStep[]>>>();

/** Contexts reachable from `start` (breadth-first), each with the path that reaches it. */
export function reachableContexts(plan: Dialplan, start: string): Map<string, ReachStep[]> {
  let perPlan = reachCache.get(plan);
  if (!perPlan) reachCache.set(plan, (perPlan = new Map()));
  const hit = perPlan.get(start);
  if (hit) return hit;
  const paths = new Map<string, ReachStep[]>();
  perPlan.set(start, paths);
  if (!plan.contexts.has(start)) return paths;
  const graph = jumpGraph(plan);
  paths.set(start, [{ context: start }]);
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const name = queue[qi]!;
    const here = paths.get(name)!;
    for (const e of graph.get(name) ?? []) {
      if (paths.has(e.to) || !plan.contexts.has(e.to)) continue;
      paths.set(e.to, [...here, { context: e.to, via: e.via }]);
      queue.push(e.to);
    }
  }
  return paths;
}

export interface EntryPoint {
  kind: 'device' | 'guest';
  device?: SipDevice;
  context: string;
  /** The line that decides the context (device context=, or [general] context=). */
  contextVar?: Variable;
  why: string;
}

/** Who can send calls into the dialplan without authenticating. */
export function unauthenticatedEntries(sip: SipConfig): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const dev of sip.devices.values()) {
    const ins = insecureOf(dev);
    const noSecret = !hasInboundSecret(dev);
    if (!ins.invite && !noSecret) continue;
    const cv = deviceVar(dev, 'context');
    out.push({
      kind: 'device',
      device: dev,
      context: cv?.value ?? sip.general.context,
      contextVar: cv ?? sip.general.contextVar,
      why: ins.invite ? `[${dev.name}] has insecure=invite: its calls are not challenged` : `[${dev.name}] has neither secret nor md5secret: its calls are not challenged`,
    });
  }
  if (sip.general.allowguest) {
    out.push({ kind: 'guest', context: sip.general.context, contextVar: sip.general.contextVar, why: `allowguest is on${sip.general.allowguestVar ? '' : ' (the default)'}: calls from unknown senders are accepted as guests` });
  }
  return out;
}

/** Contexts from which an unauthenticated caller could reach a trunk. */
export function fraudPath(plan: Dialplan, sip: SipConfig, context: string): { dial: DialUse; path: ReachStep[] } | undefined {
  const dials = trunkDials(sip, plan);
  if (dials.length === 0) return undefined;
  const reach = reachableContexts(plan, context);
  for (const d of dials) {
    const path = reach.get(d.context);
    if (path) return { dial: d, path };
  }
  return undefined;
}

export function pathRelated(path: ReachStep[], dial: DialUse): RelatedInformation[] {
  const rel: RelatedInformation[] = [];
  for (const s of path) if (s.via) rel.push({ file: s.via.file, start: s.via.start, end: s.via.end, message: s.via.message });
  const p = dial.priority;
  rel.push({ file: p.file, start: p.range.start, end: p.range.end, message: `[${dial.context}] ${p.written} dials ${dial.tech}/${dial.peer}/${dial.number} — out through the trunk ${dial.peer}` });
  return rel;
}

export type { Context };
