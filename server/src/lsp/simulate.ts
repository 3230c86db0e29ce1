/**
 * Simulate dial in the editor: `asterisk/simulate` (the core simulation of a
 * config dir's current analysis, as a serializable report with URIs),
 * `asterisk/simulateTargets` (contexts and devices for pickers, and the one at
 * the cursor) and the "Simulate Dial…" code lenses on context and device headers.
 */
import * as path from 'node:path';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Analysis } from '../core';
import { locate, nodeAt, rootOf } from '../core/features/locate';
import type { ParsedFile } from '../core/parse/parser';
import { simulationReport } from '../core/simulate/report';
import { simulate, SimulateError, type SimulateInput } from '../core/simulate/simulate';
import { deviceValue, hasInboundSecret, insecureOf, type SipConfig } from '../core/sip/model';
import { positionsOf } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import type { SimulateParams, SimulateResponse, SimulateTargets, SimulateTargetsParams, SourcePlace } from './protocol';
import type { Group, WorkspaceIndex } from './workspace-index';

/** The client command every lens runs (client/src/simulate.ts). */
export const SIMULATE_COMMAND = 'asterisk.simulateDial';

interface Picked {
  group: Group;
  analysis: Analysis;
}

/**
 * The config dir a request is about, analyzed on the current text: the dir of
 * `uri` (or a group that reads the file), else the first group with a dialplan.
 */
function pickGroup(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, uri: string | undefined): Picked | { error: string } {
  let groups: Group[];
  if (uri) {
    const file = index.pathOf(uri);
    if (!file) return { error: `not a file of an Asterisk config dir: ${uri}` };
    const asDir = index.group(file);
    const dir = path.dirname(file);
    groups = asDir ? [asDir] : index.groupsAffectedBy(file).sort((a, b) => Number(b.dir === dir) - Number(a.dir === dir));
    if (groups.length === 0) return { error: `${file} is not in a config dir the server knows (open it, or set asterisk.configDirectory)` };
  } else {
    groups = index.allGroups();
    if (groups.length === 0) return { error: 'no Asterisk config dir in the workspace (no sip.conf or extensions.conf found)' };
  }
  scheduler.flush(groups);
  const analyzed = groups.filter((g) => g.last).map((g) => ({ group: g, analysis: g.last!.analysis }));
  const picked = analyzed.find((p) => p.analysis.dialplan) ?? analyzed[0];
  return picked ?? { error: 'the config dir could not be analyzed (see the Asterisk Config output)' };
}

function placeFn(index: WorkspaceIndex, dir: string): (file: string, line: number) => SourcePlace {
  return (file, line) => ({ uri: index.uriOf(file), file: path.relative(dir, file) || file, line });
}

function parseTime(time: string | null | undefined): Date | null | undefined {
  if (time === null || time === undefined) return time;
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) throw new SimulateError(`time '${time}' is not an ISO 8601 date-time`);
  return d;
}

/** `asterisk/simulate`. */
export function simulateDial(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: SimulateParams): SimulateResponse {
  const number = typeof params?.number === 'string' ? params.number.trim() : '';
  if (!number) return { error: 'give the number to dial' };
  const chosen = [params.context !== undefined && params.context !== '', params.fromPeer !== undefined && params.fromPeer !== '', !!params.guest].filter(Boolean).length;
  if (chosen !== 1) return { error: 'say where the call enters: exactly one of a context, a device (fromPeer) or a guest call' };
  const picked = pickGroup(index, scheduler, params.uri);
  if ('error' in picked) return picked;
  const { group, analysis } = picked;
  const plan = analysis.dialplan;
  if (!plan) return { error: `no extensions.conf in ${group.dir}`, configDir: group.dir };
  try {
    const input: SimulateInput = {
      number,
      ...(params.context ? { context: params.context } : params.fromPeer ? { fromPeer: params.fromPeer } : { guest: true }),
      ...(params.callerId !== undefined && params.callerId !== null ? { callerId: params.callerId } : {}),
      time: parseTime(params.time),
    };
    if (input.time === undefined) delete input.time;
    const result = simulate(plan, analysis.sip, input);
    return { configDir: group.dir, ...simulationReport(plan, analysis.sip, input, result, placeFn(index, group.dir)) };
  } catch (err) {
    if (err instanceof SimulateError) return { error: err.message, configDir: group.dir };
    throw err;
  }
}

/** `asterisk/simulateTargets`. */
export function simulateTargets(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: SimulateTargetsParams | null | undefined): SimulateTargets {
  const picked = pickGroup(index, scheduler, params?.uri);
  if ('error' in picked) return { contexts: [], devices: [] };
  const { group, analysis } = picked;
  const place = placeFn(index, group.dir);
  const out: SimulateTargets = { configDir: group.dir, contexts: [], devices: [] };
  for (const ctx of analysis.dialplan?.contexts.values() ?? []) {
    const first = ctx.sections[0];
    if (!first) continue;
    out.contexts.push({ name: ctx.name, extensions: ctx.extensions.length, ...place(first.file, first.header.line.lineNo) });
  }
  const sip = analysis.sip;
  if (sip) {
    for (const dev of sip.devices.values()) {
      const first = dev.sections[0];
      if (!first) continue;
      const ins = insecureOf(dev);
      out.devices.push({
        name: dev.name,
        context: deviceValue(dev, 'context') ?? sip.general.context,
        unauthenticated: ins.invite || !hasInboundSecret(dev),
        ...place(first.file, first.header.line.lineNo),
      });
    }
    out.guest = { allowed: sip.general.allowguest, context: sip.general.context };
  }
  if (params?.uri && params.position) {
    const at = targetAt(group, analysis, params.uri, params.position, index);
    if (at) out.at = at;
  }
  return out;
}

/** The context or device the cursor is in (or names, like `context=internal` or `include => phones`). */
function targetAt(group: Group, analysis: Analysis, uri: string, position: { line: number; character: number }, index: WorkspaceIndex): SimulateTargets['at'] {
  const file = index.pathOf(uri);
  if (!file) return undefined;
  const text = analysis.texts.get(file);
  if (text === undefined) return undefined;
  const offset = positionsOf((f) => analysis.texts.get(f)).offset(file, position);
  const parsed = group.workspace.parse(file, text);
  const plan = analysis.dialplan;
  const sip = analysis.sip;
  const t = locate(analysis, parsed, file, offset).target;
  if (t) {
    if (t.kind === 'context-ref' && plan?.contexts.has(t.name)) return { context: t.name };
    if ('context' in t && typeof t.context === 'string' && plan?.contexts.has(t.context)) return { context: t.context };
  }
  const section = enclosingSection(parsed, offset);
  if (section === undefined) return undefined;
  const kind = rootOf(analysis, file)?.kind;
  if (kind === 'extensions' && plan?.contexts.has(section)) return { context: section };
  if (kind === 'sip' && sip) return sipTarget(sip, section);
  return undefined;
}

function sipTarget(sip: SipConfig, section: string): SimulateTargets['at'] {
  const dev = sip.devices.get(section.toLowerCase());
  if (dev) return { fromPeer: dev.name };
  if (section.toLowerCase() === 'general' && sip.general.allowguest) return { guest: true };
  return undefined;
}

/** The name of the [section] whose lines contain `offset`. */
function enclosingSection(parsed: ParsedFile, offset: number): string | undefined {
  const here = nodeAt(parsed, offset);
  let i = here ? parsed.nodes.indexOf(here) : parsed.nodes.findIndex((n) => n.range.start > offset) - 1;
  if (i < -1) i = parsed.nodes.length - 1;
  for (; i >= 0; i--) {
    const n = parsed.nodes[i]!;
    if (n.kind === 'section') return n.name.trim();
  }
  return undefined;
}

/** "Simulate Dial…" above each context header of a dialplan file and each device header of sip.conf. */
export function simulateCodeLenses(index: WorkspaceIndex, scheduler: DiagnosticsScheduler, params: CodeLensParams): CodeLens[] {
  const uri = params.textDocument.uri;
  const picked = pickGroup(index, scheduler, uri);
  if ('error' in picked) return [];
  const { analysis } = picked;
  const file = index.pathOf(uri);
  if (!file || !analysis.texts.has(file)) return [];
  const positions = positionsOf((f) => analysis.texts.get(f));
  const lenses: CodeLens[] = [];
  const lens = (start: number, end: number, title: string, args: Record<string, unknown>): void => {
    lenses.push({ range: positions.range(file, start, end), command: { title, command: SIMULATE_COMMAND, arguments: [{ ...args, uri }] } });
  };
  for (const ctx of analysis.dialplan?.contexts.values() ?? []) {
    for (const s of ctx.sections) if (s.file === file) lens(s.header.range.start, s.header.range.end, 'Simulate Dial…', { context: ctx.name });
  }
  const sip = analysis.sip;
  if (sip && sip.config.files.includes(file)) {
    for (const dev of sip.devices.values()) {
      for (const s of dev.sections) if (s.file === file) lens(s.header.range.start, s.header.range.end, `Simulate a call from ${dev.name}…`, { fromPeer: dev.name });
    }
    const general = sip.general.section;
    if (general && general.file === file && sip.general.allowguest) lens(general.header.range.start, general.header.range.end, 'Simulate a guest call…', { guest: true });
  }
  return lenses;
}
