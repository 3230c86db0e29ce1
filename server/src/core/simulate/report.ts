/**
 * Simulate dial results as plain, serializable records: the JSON line of
 * `astconf simulate --format json` / `--batch` ({@link simulationRecord}) and
 * the fuller report the editor shows ({@link simulationReport}): the winner,
 * why it beat the other candidates, the include path, the priorities that run
 * and the trunk the call leaves through.
 *
 * Where a file is named, the caller decides how (`at(file, line)`): the CLI
 * gives a path relative to the config dir, the language server a URI too.
 */
import type { Context, Dialplan, Extension } from '../dialplan/model';
import type { SipConfig } from '../sip/model';
import { timingMatches } from '../dialplan/timing';
import { contextIndex, MAX_STACK, type FindStep } from './find';
import type { DialTarget, Outcome, SimulateInput, SimulateResult, TraceStep } from './simulate';

/** Names a source line: `(file, 1-based line) => fields spread into the record`. */
export type Place<L extends object> = (file: string, line: number) => L;

/** One priority that runs, as records show it: `args` are the expanded arguments. */
export type StepRecord<L extends object, O> = {
  context: string;
  exten: string;
  priority: number;
  label?: string;
  app: string;
  /** Arguments after variable substitution. */
  args: string;
  /** Arguments as written (editor report only). */
  written?: string;
  note?: string;
  /** Other paths, e.g. the false branch of a GotoIf that cannot be decided statically. */
  alternatives?: { label: string; outcome: O; trace: StepRecord<L, O>[] }[];
} & L;

/** The trace as records; `outcome` converts the outcome of each alternative. */
export function stepRecords<L extends object, O>(steps: TraceStep[], at: Place<L>, outcome: (o: Outcome) => O, withWritten = false): StepRecord<L, O>[] {
  return steps.map(
    (s) =>
      ({
        context: s.context,
        exten: s.exten,
        priority: s.priority,
        ...(s.label ? { label: s.label } : {}),
        app: s.app,
        args: s.expanded,
        ...(withWritten ? { written: s.args } : {}),
        ...at(s.file, s.line),
        ...(s.note ? { note: s.note } : {}),
        ...(s.alternatives
          ? { alternatives: s.alternatives.map((a) => ({ label: a.label, outcome: outcome(a.outcome), trace: stepRecords(a.trace, at, outcome, withWritten) })) }
          : {}),
      }) as StepRecord<L, O>,
  );
}

/** How the batch input names the entry: the context, `peer:NAME` or `guest`. */
export function entryLabel(input: SimulateInput): string {
  return input.context ?? (input.fromPeer ? `peer:${input.fromPeer}` : 'guest');
}

/**
 * The JSON record of `astconf simulate --format json` and of each `--batch`
 * line (the oracle test reads result, matched_context, extension and line).
 * `fileName` names files (the CLI: relative to the config dir).
 */
export function simulationRecord(input: SimulateInput, r: SimulateResult, fileName: (file: string) => string) {
  const found = r.find.found;
  const p = found?.priority;
  return {
    context: entryLabel(input),
    number: input.number,
    callerid: input.callerId ?? '',
    entry_context: r.entry.context,
    result: r.result,
    matched_context: found ? found.context.name : null,
    extension: p ? p.written : null,
    file: p ? fileName(p.file) : null,
    line: p ? p.lineNo : null,
    priority: p ? p.priority : null,
    can_match_more: r.modes.matchMore,
    notes: r.entry.notes,
    outcome: r.outcome,
    trace: stepRecords(r.trace, (file, line) => ({ file: fileName(file), line }), (o) => o),
  };
}

// --- the editor's report ------------------------------------------------------

export type CandidateStatus = 'winner' | 'no-priority' | 'shadowed';

export interface ReportDevice {
  name: string;
  host?: string;
  /** Sends credentials (secret/md5secret/remotesecret). */
  authenticated: boolean;
  /** A fixed-host provider device rather than a phone. */
  trunk: boolean;
}

export type ReportTarget<L extends object> = Omit<DialTarget, 'device'> & { device?: ReportDevice & L };

export interface ReportOutcome<L extends object> {
  kind: Outcome['kind'];
  message: string;
  /** Dial(): each destination, with its sip.conf device when there is one. */
  targets?: ReportTarget<L>[];
  /** The provider device the call leaves through, if it does. */
  trunk?: ReportDevice & L & { number?: string };
}

export interface SimulationReport<L extends object> {
  input: { number: string; context?: string; fromPeer?: string; guest?: boolean; callerId?: string; time?: string | null };
  /** Where the call enters; `device` is the sip.conf device of a call from a peer. */
  entry: { context: string; how: 'context' | 'peer' | 'guest'; peer?: string; device?: { name: string } & L };
  /** Warnings about the entry (e.g. anyone on the Internet can place this call). */
  notes: string[];
  result: 'match' | 'none';
  /** The extension that runs: as written on its priority-1 line. */
  winner?: { extension: string; context: string; priority: number; app: string; args: string } & L;
  /** Every extension that matches the number, in the order Asterisk tries them, and why each won or lost. */
  candidates: ({ extension: string; context: string; status: CandidateStatus; reason: string } & L)[];
  /** Contexts from the entry to the winner's; `via` is the include => line that led there. */
  includePath: { context: string; via?: { from: string } & L }[];
  /** Every context searched, in order. */
  searched: string[];
  /** What else the search met: closed time windows, include loops, missing contexts, switches. */
  searchNotes: { message: string; at?: L }[];
  /** The priorities that run. */
  trace: StepRecord<L, ReportOutcome<L>>[];
  outcome: ReportOutcome<L>;
  /** Asterisk's three lookups: the number runs as is / is a prefix / more digits could match. */
  modes: { exists: boolean; canMatch: boolean; matchMore: boolean };
}

export function simulationReport<L extends object>(plan: Dialplan, sip: SipConfig | undefined, input: SimulateInput, r: SimulateResult, at: Place<L>): SimulationReport<L> {
  const outcome = (o: Outcome): ReportOutcome<L> => reportOutcome(o, at);
  const found = r.find.found;
  const report: SimulationReport<L> = {
    input: {
      number: input.number,
      ...(input.context !== undefined ? { context: input.context } : {}),
      ...(input.fromPeer !== undefined ? { fromPeer: input.fromPeer } : {}),
      ...(input.guest ? { guest: true } : {}),
      ...(input.callerId !== undefined ? { callerId: input.callerId } : {}),
      ...(input.time !== undefined ? { time: input.time === null ? null : input.time.toISOString() } : {}),
    },
    entry: { context: r.entry.context, how: r.entry.how, ...(r.entry.peer ? { peer: r.entry.peer } : {}) },
    notes: [...r.entry.notes],
    result: r.result,
    ...(found
      ? { winner: { extension: found.priority.written, context: found.context.name, priority: found.priority.priority, app: found.priority.app, args: found.priority.appData, ...at(found.priority.file, found.priority.lineNo) } }
      : {}),
    candidates: candidates(plan, input, r, at),
    includePath: includePath(r.find.steps, at),
    searched: r.find.steps.filter((s) => s.kind === 'enter').map((s) => s.context),
    searchNotes: searchNotes(r.find.steps, input, at),
    trace: stepRecords(r.trace, at, outcome, true),
    outcome: outcome(r.outcome),
    modes: { ...r.modes },
  };
  const device = r.entry.peer ? sip?.devices.get(r.entry.peer.toLowerCase()) : undefined;
  const header = device?.sections[0];
  if (device && header) report.entry.device = { name: device.name, ...at(header.file, header.header.line.lineNo) };
  return report;
}

function reportOutcome<L extends object>(o: Outcome, at: Place<L>): ReportOutcome<L> {
  const out: ReportOutcome<L> = { kind: o.kind, message: o.message };
  if (o.kind !== 'dial') return out;
  out.targets = o.targets.map((t) => {
    const { device, ...rest } = t;
    return device ? { ...rest, device: deviceRecord(device, at) } : rest;
  });
  const trunk = o.targets.find((t) => t.device?.trunk);
  if (trunk?.device) out.trunk = { ...deviceRecord(trunk.device, at), ...(trunk.number !== undefined ? { number: trunk.number } : {}) };
  return out;
}

function deviceRecord<L extends object>(d: NonNullable<DialTarget['device']>, at: Place<L>): ReportDevice & L {
  return { name: d.name, ...(d.host !== undefined ? { host: d.host } : {}), authenticated: d.authenticated, trunk: d.trunk, ...at(d.file, d.line) };
}

/** The contexts on the stack when the search stopped: entry first, the winner's context last. */
function includePath<L extends object>(steps: FindStep[], at: Place<L>): SimulationReport<L>['includePath'] {
  const path: SimulationReport<L>['includePath'] = [];
  for (const s of steps) {
    if (s.kind !== 'enter') continue;
    path.length = s.depth;
    path.push({ context: s.context, ...(s.via ? { via: { from: s.via.from, ...at(s.via.file, s.via.line) } } : {}) });
  }
  return path;
}

function searchNotes<L extends object>(steps: FindStep[], input: SimulateInput, at: Place<L>): SimulationReport<L>['searchNotes'] {
  const out: SimulationReport<L>['searchNotes'] = [];
  const when = input.time ? ` at ${input.time.toISOString()}` : ' now';
  for (const s of steps) {
    switch (s.kind) {
      case 'no-context':
        if (s.depth > 0) out.push({ message: `include => ${s.context}: there is no context [${s.context}], so Asterisk skips it.` });
        break;
      case 'loop':
        out.push({ message: `[${s.context}] is already being searched (an include loop): Asterisk skips it.` });
        break;
      case 'include-closed':
        out.push({ message: `include => ${s.include} in [${s.context}] is outside its time window${when}: skipped.`, at: at(s.file, s.line) });
        break;
      case 'include-window-ignored':
        out.push({ message: `include => ${s.include} in [${s.context}] has a time window, ignored in this simulation.`, at: at(s.file, s.line) });
        break;
      case 'switch':
        out.push({ message: `[${s.context}] has switch => ${s.sw.module}/${s.sw.data}: Asterisk would ask it before the includes (not simulated).`, at: at(s.sw.file, s.sw.lineNo) });
        break;
      case 'too-deep':
        out.push({ message: `Includes nested deeper than ${MAX_STACK} at [${s.context}]: Asterisk stops searching there.` });
        break;
      default:
        break;
    }
  }
  return out;
}

const extensionText = (e: Extension): string => e.first.written;

/**
 * The candidates Asterisk tried (from the search), then those it never reached
 * because the winner came first: later in the winner's context (sort order) or
 * in contexts searched after it.
 */
function candidates<L extends object>(plan: Dialplan, input: SimulateInput, r: SimulateResult, at: Place<L>): SimulationReport<L>['candidates'] {
  const found = r.find.found;
  const wanted = 1;
  const out: SimulationReport<L>['candidates'] = [];
  const tried = new Set<Extension>();
  for (const s of r.find.steps) {
    if (s.kind !== 'candidate') continue;
    tried.add(s.extension);
    const won = !!found && found.extension === s.extension && found.context.name === s.context;
    if (won) {
      const p = found.priority;
      out.push({
        extension: p.written,
        context: s.context,
        status: 'winner',
        reason: `Matches ${input.number} and has priority ${wanted}: this is the extension that runs.`,
        ...at(p.file, p.lineNo),
      });
    } else {
      out.push({
        extension: extensionText(s.extension),
        context: s.context,
        status: 'no-priority',
        reason: `Matches ${input.number} but has no priority ${wanted}, so Asterisk keeps looking.`,
        ...at(s.extension.first.file, s.extension.first.lineNo),
      });
    }
  }
  if (!found) return out;
  const winnerCtx = found.context.name;
  const winner = found.priority.written;
  for (const { context, extension } of allMatches(plan, r.entry.context, input)) {
    if (tried.has(extension)) continue;
    tried.add(extension);
    const reason =
      context === winnerCtx
        ? `Also matches ${input.number}, but ${winner} sorts before it in [${context}] and Asterisk takes the first match that has priority ${wanted}.`
        : `Also matches ${input.number}, but Asterisk only searches [${context}] after [${winnerCtx}] (a context's own extensions first, then its includes in order).`;
    out.push({ extension: extensionText(extension), context, status: 'shadowed', reason, ...at(extension.first.file, extension.first.lineNo) });
  }
  return out;
}

const MAX_VISITS = 1000;

/** Every matching extension in the order the search would meet them if it never stopped. */
function allMatches(plan: Dialplan, entry: string, input: SimulateInput): { context: string; extension: Extension }[] {
  const out: { context: string; extension: Extension }[] = [];
  const stack: string[] = [];
  let visits = 0;
  const now = input.time ?? new Date();
  const walk = (ctx: Context): void => {
    const lower = ctx.name.toLowerCase();
    if (++visits > MAX_VISITS || stack.length >= MAX_STACK || stack.some((s) => s.toLowerCase() === lower)) return;
    stack.push(ctx.name);
    for (const m of contextIndex(ctx).lookup(input.number, input.callerId, 'match')) out.push({ context: ctx.name, extension: m.entry.value });
    for (const inc of ctx.includes) {
      if (inc.timing && input.time !== null && !timingMatches(inc.timing, now)) continue;
      const next = plan.contexts.get(inc.context);
      if (next) walk(next);
    }
    stack.pop();
  };
  const start = plan.contexts.get(entry);
  if (start) walk(start);
  return out;
}
