/** `astconf simulate`: one number with a readable trace, or a batch as JSON lines. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Workspace } from '../core/workspace';
import { simulationRecord } from '../core/simulate/report';
import { simulate, SimulateError, type SimulateInput, type SimulateResult, type TraceStep } from '../core/simulate/simulate';
import { confFilesIn, nodeHost } from '../node-host';

export const SIMULATE_HELP = `simulate
  astconf simulate NUMBER (--context C | --from-peer P | --guest) [--callerid N]
                   [--time ISO8601] [--config DIR] [--format text|json]
      Which extension Asterisk runs for NUMBER, and what the call does from there.
      --from-peer uses the sip.conf device's context (and says when anyone on the
      Internet can place that call); --guest uses [general] context (allowguest).
      --time evaluates include time windows at that moment (default: now).
  astconf simulate --config DIR --batch FILE|- [--format json]
      Reads lines CONTEXT<TAB>NUMBER[<TAB>CALLERID] (CONTEXT may be peer:NAME or
      guest; an empty CALLERID means no caller ID) and prints one JSON object per
      line, in input order: {"context","number","callerid","result":"match"|"none",
      "matched_context","extension","file","line","priority","outcome","trace"}.
      Keep such a file with expected answers in CI to catch routing regressions.
  Exit status: 0 answered (match or not), 2 usage error or unknown context/device.`;

function loadConfigDir(dir: string) {
  const files = confFilesIn(dir);
  if (!files.some((f) => path.basename(f) === 'extensions.conf') && !files.some((f) => /^extensions/.test(path.basename(f)))) {
    throw new SimulateError(`no extensions.conf in ${dir}`);
  }
  const ws = new Workspace({ configDir: dir, host: nodeHost() });
  const analysis = ws.analyze(files);
  if (!analysis.dialplan) throw new SimulateError(`no dialplan found in ${dir}`);
  return analysis;
}

/** The JSON record of one simulation (shared with the editor's report: core/simulate/report.ts). */
function toRecord(input: SimulateInput, r: SimulateResult, configDir: string) {
  return simulationRecord(input, r, (f) => path.relative(configDir, f) || f);
}

export function formatTrace(input: SimulateInput, r: SimulateResult, configDir: string): string {
  const lines: string[] = [];
  const who = r.entry.how === 'peer' ? `a call from ${r.entry.peer}` : r.entry.how === 'guest' ? 'a guest call' : 'a call';
  lines.push(`Simulating ${who} to ${input.number}${input.callerId !== undefined ? ` (caller ID ${input.callerId || 'empty'})` : ''} entering [${r.entry.context}]`);
  for (const n of r.entry.notes) lines.push(`  ! ${n}`);
  const found = r.find.found;
  if (!found) {
    lines.push(`No match: ${r.outcome.message}`);
    return lines.join('\n');
  }
  const rel = (f: string) => path.relative(configDir, f) || f;
  const p = found.priority;
  lines.push(`Winner: ${p.written} in [${found.context.name}] at ${rel(p.file)}:${p.lineNo}`);
  const path_ = r.find.steps.filter((s) => s.kind === 'enter').map((s) => (s.kind === 'enter' ? s.context : ''));
  if (found.context.name !== r.entry.context) lines.push(`  reached through include: ${path_.join(' → ')}`);
  const beaten = r.find.steps.filter((s) => s.kind === 'candidate' && s.extension !== found.extension);
  for (const b of beaten) if (b.kind === 'candidate') lines.push(`  ${b.extension.name} in [${b.context}] also matches but has no priority 1`);
  lines.push('Priorities:');
  const printSteps = (steps: TraceStep[], indent: string) => {
    for (const s of steps) {
      lines.push(`${indent}${rel(s.file)}:${s.line}  [${s.context}] ${s.exten},${s.priority}${s.label ? `(${s.label})` : ''}  ${s.app}(${s.expanded})`);
      if (s.note) lines.push(`${indent}    ${s.note}`);
      for (const a of s.alternatives ?? []) {
        lines.push(`${indent}    alternative, ${a.label}:`);
        printSteps(a.trace, indent + '      ');
        lines.push(`${indent}      → ${a.outcome.message}`);
      }
    }
  };
  printSteps(r.trace, '  ');
  lines.push(`Result: ${r.outcome.message}`);
  return lines.join('\n');
}

function parseTime(s: string | undefined): Date | undefined {
  if (s === undefined) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new SimulateError(`--time '${s}' is not an ISO 8601 date-time`);
  return d;
}

export async function runSimulate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      context: { type: 'string' },
      'from-peer': { type: 'string' },
      guest: { type: 'boolean' },
      callerid: { type: 'string' },
      time: { type: 'string' },
      config: { type: 'string', default: '.' },
      format: { type: 'string', default: 'text' },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SIMULATE_HELP + '\n');
    return 0;
  }
  const format = values.format!;
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json`);
  const configDir = path.resolve(values.config!);
  try {
    const time = parseTime(values.time);
    const analysis = loadConfigDir(configDir);
    const plan = analysis.dialplan!;
    if (values.batch !== undefined) {
      const text = values.batch === '-' ? fs.readFileSync(0, 'utf8') : readOrFail(values.batch);
      const out: string[] = [];
      for (const raw of text.split('\n')) {
        const line = raw.replace(/\r$/, '');
        if (line.trim() === '' || line.startsWith('#')) continue;
        const [c, number, cid] = line.split('\t');
        const input: SimulateInput = { number: number ?? '', callerId: cid === undefined || cid === '' ? undefined : cid, time };
        if (c!.startsWith('peer:')) input.fromPeer = c!.slice(5);
        else if (c === 'guest') input.guest = true;
        else input.context = c;
        try {
          out.push(JSON.stringify(toRecord(input, simulate(plan, analysis.sip, input), configDir)));
        } catch (e) {
          if (!(e instanceof SimulateError)) throw e;
          out.push(JSON.stringify({ context: c, number, callerid: cid ?? '', result: 'none', error: e.message }));
        }
      }
      process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
      return 0;
    }
    const number = positionals[0];
    if (number === undefined) return usage('simulate needs a NUMBER (or --batch FILE)');
    const chosen = [values.context !== undefined, values['from-peer'] !== undefined, !!values.guest].filter(Boolean).length;
    if (chosen !== 1) return usage('give exactly one of --context, --from-peer, --guest');
    const input: SimulateInput = { number, context: values.context, fromPeer: values['from-peer'], guest: values.guest, callerId: values.callerid, time };
    const r = simulate(plan, analysis.sip, input);
    if (format === 'json') process.stdout.write(JSON.stringify(toRecord(input, r, configDir), null, 2) + '\n');
    else process.stdout.write(formatTrace(input, r, configDir) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof SimulateError) {
      process.stderr.write(`astconf simulate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function readOrFail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new SimulateError(`cannot read ${file}`);
  }
}

function usage(msg: string): number {
  process.stderr.write(`astconf simulate: ${msg}\n`);
  return 2;
}
