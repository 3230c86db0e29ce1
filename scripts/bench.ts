/**
 * `npm run bench`: how fast the core and the language server are on real-size
 * PBXs. Not part of `npm test`.
 *
 *   npm run bench [-- --json PATH] [--readme] [--quick] [--tiers 25KB,250KB] [--no-lsp] [--no-cold] [--node-defaults]
 *
 * It runs under the V8 settings of the language server (server/src/node-flags.ts,
 * re-running itself with them); --node-defaults measures with Node's defaults.
 *
 * Generates deterministic FreePBX-like workspaces in memory (scripts/bench/generate.ts)
 * and measures, in one process, median over repetitions after warm-up:
 *  - warm full check per tier (fresh Workspace each repetition: parse, load,
 *    models, every rule, cross-file) and MB/s; the incremental re-check after a
 *    one-line edit with the same Workspace; a bare line-scan baseline
 *    (split('\n') plus one regex per line) over the same text, and the ratio;
 *  - the same PBX spread over 30 #include'd files;
 *  - cold start: the first full check in a fresh `node` process (--cold DIR);
 *  - LSP latency on the 250 KB tier with the real server in-process;
 *  - Simulate dial lookups per second in a context of 100 and of 10,000 extensions;
 *  - peak RSS.
 * Prints a table with pass/fail against the targets; --json writes the results,
 * --readme rewrites the README section between <!-- bench:start --> and <!-- bench:end -->.
 *
 * Other modes (used by the profiling recipe in the README):
 *   node dist/bench.js --cold DIR                   first full check of DIR, JSON on stdout
 *   node dist/bench.js --profile 1MB [--reps N] [--out FILE]   V8 profiler around the checks, then hotspots
 *   node --cpu-prof dist/bench.js --profile-check 1MB [--reps N]
 *   node dist/bench.js --summarize FILE.cpuprofile [--top N]
 *   node dist/bench.js --readme-from RESULTS.json              rewrite the README section from saved results
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryHost, Workspace, type Analysis } from '../server/src/core';
import { contextIndex, findExtension } from '../server/src/core/simulate/find';
import { confFilesIn, nodeHost } from '../server/src/node-host';
import { SERVER_NODE_FLAGS } from '../server/src/node-flags';
import { generateIncludeWorkspace, generateTier, simulateContextText, simulateQueries, TIERS, type GeneratedWorkspace, type TierSpec } from './bench/generate';
import { formatSummary, inclusiveShare, summarizeProfile } from './bench/profile';
import { collectGarbage, median, peakRssMb, round, timeIt } from './bench/stats';

/* ------------------------------------------------------------------------ */
/* Targets                                                                   */
/* ------------------------------------------------------------------------ */

const TARGETS = {
  fullCheck1MbMs: 60,
  ratio1MbToLineScan: 5,
  keystrokeP95Ms: 50,
  hoverP95Ms: 20,
  completionP95Ms: 20,
  simulate10kLookupsPerSec: 200_000,
  simulateSlowdown10kVs100: 3,
  peakRssMb5Mb: 300,
};

/* ------------------------------------------------------------------------ */
/* Results                                                                   */
/* ------------------------------------------------------------------------ */

interface TierResult {
  name: string;
  /** Bytes of all text checked (extensions.conf + sip.conf); MB/s and the baseline use the same text. */
  bytes: number;
  extensionsConfBytes: number;
  users: number;
  files: number;
  fullCheckMsMedian: number;
  /** Process CPU time (all threads, GC included) of the same runs: less sensitive to other load on the machine. */
  fullCheckCpuMsMedian: number;
  lineScanMsMedian: number;
  ratioToLineScan: number;
  mbPerSec: number;
  incrementalMsMedian: number;
  incrementalCpuMsMedian: number;
  reps: number;
  diagnostics: number;
  errors: number;
}

interface TargetResult {
  name: string;
  target: string;
  value: string;
  pass: boolean | null;
}

interface BenchResult {
  machine: { cpus: number; model: string; node: string; platform: string; totalMemMb: number; loadAvgStart: number[]; loadAvgEnd?: number[]; nodeFlags?: string[] };
  tiers: TierResult[];
  includeWorkspace?: TierResult;
  coldStartMs: number | null;
  coldStart?: { tier: string; processStartToMainMs: number; firstCheckMs: number; spawnToExitMs: number; runs: number };
  keystrokeP50Ms: number | null;
  keystrokeP95Ms: number | null;
  hoverP95Ms: number | null;
  completionP95Ms: number | null;
  lsp?: { tier: string; edits: number; keystrokeMaxMs: number; openToDiagnosticsMs: number; hoverP50Ms: number | null; completionP50Ms: number | null; notes: string[] };
  simulate: { ext100LookupsPerSec: number; ext10kLookupsPerSec: number; ext100LookupsPerCpuSec: number; ext10kLookupsPerCpuSec: number; hitRate100: number; hitRate10k: number } | null;
  peakRssMb: number;
  /** The 5MB tier alone: peak RSS of a fresh process doing one full check (--cold). */
  peakRss5MbIsolatedMb?: number;
  /** The largest tier run: the longest single step of a full check in steps (what holds the server's event loop), median of 3. */
  longestStep?: { tier: string; ms: number; steps: number };
  revision?: { commit: string; dirtyCore: boolean };
  targets: TargetResult[];
  totalSeconds: number;
  generatedAt: string;
}

/* ------------------------------------------------------------------------ */
/* Measurements                                                              */
/* ------------------------------------------------------------------------ */

/** The bare baseline: split each file into lines and run one regex per line. */
const LINE_RE = /^\s*(?:\[([^\]]*)\]|([\w-]+)\s*(=>|=)\s*([^;]*))/;
function lineScan(texts: string[]): number {
  let n = 0;
  for (const t of texts) {
    for (const line of t.split('\n')) {
      const m = LINE_RE.exec(line);
      if (m) n += m[1] !== undefined ? 1 : m[4]!.length;
    }
  }
  return n;
}

function fullCheck(ws: GeneratedWorkspace): { workspace: Workspace; analysis: Analysis } {
  const workspace = new Workspace({ configDir: ws.dir, host: memoryHost(ws.files) });
  return { workspace, analysis: workspace.analyze(ws.paths) };
}

const EDIT_NEEDLE = '\n same => n,Set(__PICKUPMARK=';

/** The file a user edits: the one holding [ext-local] users (the middle one when they are split). */
function editTarget(ws: GeneratedWorkspace): string {
  const holders = ws.paths.filter((p) => ws.files[p]!.includes(EDIT_NEEDLE));
  return holders[holders.length >> 1] ?? ws.extensionsPath;
}

/** A one-line edit in the middle of the dialplan: a different Set() value each time. */
function editOneLine(text: string, i: number): string {
  const needle = EDIT_NEEDLE;
  let at = text.indexOf(needle, text.length >> 1);
  if (at === -1) at = text.indexOf(needle);
  if (at === -1) return text + `\n; edit ${i}\n`;
  const close = text.indexOf(')', at + needle.length);
  return text.slice(0, close) + `-e${i}` + text.slice(close);
}

interface RepPlan {
  warmupMs: number;
  budgetMs: number;
  minReps: number;
  maxReps: number;
}

function repPlan(bytes: number, quick: boolean): RepPlan {
  const q = quick ? 0.4 : 1;
  if (bytes < 100_000) return { warmupMs: 1000 * q, budgetMs: 2000 * q, minReps: 5, maxReps: 30 };
  if (bytes < 600_000) return { warmupMs: 1500 * q, budgetMs: 3000 * q, minReps: 5, maxReps: 15 };
  if (bytes < 3_000_000) return { warmupMs: 2000 * q, budgetMs: 4000 * q, minReps: 7, maxReps: 15 };
  return { warmupMs: 1, budgetMs: 1, minReps: 3, maxReps: 3 };
}

function measureTier(ws: GeneratedWorkspace, quick: boolean, log: (s: string) => void): TierResult {
  const plan = repPlan(ws.extensionsBytes, quick);
  const texts = ws.paths.map((p) => ws.files[p]!);

  // Warm-up: JIT tiers and the young generation's size settle over the first
  // runs (at least 3, at most 10, within the warm-up budget); the last run's
  // Workspace serves the incremental re-checks.
  let warm = fullCheck(ws);
  let warmMs = 0;
  const tw = performance.now();
  for (let i = 0; i < 9 && (i < 2 || performance.now() - tw < plan.warmupMs); i++) {
    collectGarbage();
    const r = timeIt(() => fullCheck(ws));
    warm = r.value;
    warmMs = r.ms;
  }
  if (warmMs === 0) warmMs = performance.now() - tw || 1;
  const reps = Math.max(plan.minReps, Math.min(plan.maxReps, Math.floor(plan.budgetMs / warmMs)));
  const errors = warm.analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const diagnostics = warm.analysis.diagnostics.length;

  // The baseline over the same text is measured between the full checks (each from a collected heap), so that
  // both see the same moments of this machine: its speed changes from minute to minute, and a ratio of two
  // numbers taken a minute apart moved with it.
  for (let i = 0; i < 3; i++) lineScan(texts);
  const full: number[] = [];
  const cpu: number[] = [];
  const scan: number[] = [];
  for (let i = 0; i < Math.max(reps, 10); i++) {
    if (i < reps) {
      collectGarbage();
      const c0 = process.cpuUsage();
      full.push(timeIt(() => fullCheck(ws)).ms);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    collectGarbage();
    scan.push(timeIt(() => lineScan(texts)).ms);
  }
  log(`  ${ws.name}: full check ${round(median(full))} ms, CPU ${round(median(cpu))} ms (median of ${reps})`);

  // Incremental: same Workspace, a dialplan buffer changes by one line each time (after a few edits that warm up
  // the code only this path runs: the reparse that keeps unchanged lines, the reuse checks; one at 5 MB, where
  // each edit keeps two models of the tier alive for a while and the smaller tiers have warmed the code).
  const target = editTarget(ws);
  const base = ws.files[target]!;
  for (let i = 0; i < (ws.extensionsBytes < 3_000_000 ? 5 : 1); i++) {
    warm.workspace.setOverlay(target, editOneLine(base, 1000 + i));
    warm.workspace.analyze(ws.paths);
  }
  const incremental: number[] = [];
  const incrementalCpu: number[] = [];
  for (let i = 0; i < Math.min(reps, ws.extensionsBytes < 600_000 ? 10 : 5); i++) {
    const edited = editOneLine(base, i);
    collectGarbage();
    const c0 = process.cpuUsage();
    incremental.push(
      timeIt(() => {
        warm.workspace.setOverlay(target, edited);
        return warm.workspace.analyze(ws.paths);
      }).ms,
    );
    const c = process.cpuUsage(c0);
    incrementalCpu.push((c.user + c.system) / 1000);
  }

  const fullMs = median(full);
  const scanMs = median(scan);
  return {
    name: ws.name,
    bytes: ws.totalBytes,
    extensionsConfBytes: ws.extensionsBytes,
    users: ws.users,
    files: ws.paths.length,
    fullCheckMsMedian: round(fullMs, 2),
    fullCheckCpuMsMedian: round(median(cpu), 2),
    lineScanMsMedian: round(scanMs, 3),
    ratioToLineScan: round(fullMs / scanMs, 1),
    mbPerSec: round(ws.totalBytes / 1e6 / (fullMs / 1000), 2),
    incrementalMsMedian: round(median(incremental), 2),
    incrementalCpuMsMedian: round(median(incrementalCpu), 2),
    reps,
    diagnostics,
    errors,
  };
}

/** The longest step of Workspace.analyzeSteps (the language server yields between steps), median of 3 full checks. */
function measureLongestStep(ws: GeneratedWorkspace): { tier: string; ms: number; steps: number } {
  const longest: number[] = [];
  let steps = 0;
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    const it = new Workspace({ configDir: ws.dir, host: memoryHost(ws.files) }).analyzeSteps(ws.paths);
    let max = 0;
    steps = 0;
    let t = performance.now();
    for (let r = it.next(); ; r = it.next()) {
      const now = performance.now();
      max = Math.max(max, now - t);
      t = now;
      steps++;
      if (r.done) break;
    }
    longest.push(max);
  }
  return { tier: ws.name, ms: round(median(longest), 1), steps };
}

interface SimulateRate {
  lookupsPerSec: number;
  lookupsPerCpuSec: number;
  hitRate: number;
}

/**
 * Lookups per second of findExtension in one context of each size, its compiled
 * index warm. The sizes take turns (five windows each): the slowdown from the
 * smallest to the largest compares rates taken in the same minutes, which a
 * shared VM whose speed drifts would otherwise skew.
 */
function measureSimulate(counts: number[], quick: boolean): SimulateRate[] {
  const runs = counts.map((count) => {
    const file = path.join(path.sep, 'bench', 'simulate', 'extensions.conf');
    const context = `sim-${count}`;
    const plan = new Workspace({ configDir: path.dirname(file), host: memoryHost({ [file]: simulateContextText(count, undefined, context) }) }).analyze([file]).dialplan!;
    const ctx = plan.contexts.get(context);
    if (!ctx || ctx.extensions.length !== count) throw new Error(`simulate bench: context ${context} has ${ctx?.extensions.length} extensions, expected ${count}`);
    contextIndex(ctx);
    const queries = simulateQueries(20_000, count);
    /** One pass over the queries; the number that found an extension. */
    const pass = (): number => {
      let hits = 0;
      for (const q of queries) if (findExtension(plan, { context, exten: q.exten, callerId: q.callerId }).found) hits++;
      return hits;
    };
    const hits = pass(); // also the warm-up: JIT and index
    return { pass, lookups: queries.length, hitRate: round(hits / queries.length, 3), rates: [] as number[], cpuRates: [] as number[] };
  });
  for (let r = 0; r < 5; r++) {
    for (const run of runs) {
      collectGarbage();
      let n = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < (quick ? 150 : 400)) {
        run.pass();
        n += run.lookups;
        t = performance.now();
      }
      const c = process.cpuUsage(c0);
      run.rates.push(n / ((t - t0) / 1000));
      run.cpuRates.push(n / ((c.user + c.system) / 1e6));
    }
  }
  return runs.map((run) => ({ lookupsPerSec: Math.round(median(run.rates)), lookupsPerCpuSec: Math.round(median(run.cpuRates)), hitRate: run.hitRate }));
}

/** Write a workspace's files to a temp dir (cold start and the LSP read the disk). */
function writeToDisk(ws: GeneratedWorkspace): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astconf-bench-'));
  for (const [file, text] of Object.entries(ws.files)) fs.writeFileSync(path.join(dir, path.relative(ws.dir, file)), text);
  return dir;
}

interface ColdOutput {
  processStartToMainMs: number;
  firstCheckMs: number;
  totalMs: number;
  maxRssMb: number;
  diagnostics: number;
}

/** Child mode: the first full check of a directory, the way astconf check reads it. */
function coldMain(dir: string): void {
  const mainAt = performance.now(); // ms since the process started: node boot + loading this bundle
  const t0 = performance.now();
  const analysis = new Workspace({ configDir: dir, host: nodeHost() }).analyze(confFilesIn(dir));
  const t1 = performance.now();
  const out: ColdOutput = { processStartToMainMs: mainAt, firstCheckMs: t1 - t0, totalMs: t1, maxRssMb: peakRssMb(), diagnostics: analysis.diagnostics.length };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function measureCold(ws: GeneratedWorkspace, runs: number): { coldStartMs: number; processStartToMainMs: number; firstCheckMs: number; spawnToExitMs: number; maxRssMb: number } {
  const dir = writeToDisk(ws);
  try {
    const outs: (ColdOutput & { wall: number })[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--cold', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const wall = performance.now() - t0;
      if (r.status !== 0) throw new Error(`cold start child failed: ${r.stderr}`);
      outs.push({ ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as ColdOutput), wall });
    }
    return {
      coldStartMs: round(median(outs.map((o) => o.totalMs))),
      processStartToMainMs: round(median(outs.map((o) => o.processStartToMainMs))),
      firstCheckMs: round(median(outs.map((o) => o.firstCheckMs))),
      spawnToExitMs: round(median(outs.map((o) => o.wall))),
      maxRssMb: round(Math.max(...outs.map((o) => o.maxRssMb))),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/* ------------------------------------------------------------------------ */
/* Report                                                                    */
/* ------------------------------------------------------------------------ */

function revision(): BenchResult['revision'] {
  const git = (...args: string[]): string | undefined => {
    const r = spawnSync('git', args, { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  return commit ? { commit, dirtyCore: (git('status', '--porcelain', '--', 'server/src') ?? '') !== '' } : undefined;
}

function machine(): BenchResult['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemMb: Math.round(os.totalmem() / 1024 / 1024),
    loadAvgStart: os.loadavg().map((x) => round(x, 2)),
    nodeFlags: process.execArgv.filter((f) => f.startsWith('--max-') || f.startsWith('--min-')),
  };
}

const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x >= 1000 ? Math.round(x).toLocaleString('en-US') : String(round(x, digits)));
const kb = (b: number): string => (b >= 1e6 ? `${round(b / 1e6, 2)} MB` : `${round(b / 1e3, 1)} KB`);

function targetsOf(r: BenchResult): TargetResult[] {
  const t: TargetResult[] = [];
  const tier1 = r.tiers.find((x) => x.name === '1MB');
  const tier5 = r.tiers.find((x) => x.name === '5MB');
  const pass = (v: number | null | undefined, ok: (v: number) => boolean): boolean | null => (v === null || v === undefined || !Number.isFinite(v) ? null : ok(v));
  t.push({ name: '1 MB tier: warm full check', target: `≤ ${TARGETS.fullCheck1MbMs} ms`, value: tier1 ? `${fmt(tier1.fullCheckMsMedian)} ms` : 'n/a', pass: pass(tier1?.fullCheckMsMedian, (v) => v <= TARGETS.fullCheck1MbMs) });
  t.push({ name: '1 MB tier: full check vs line scan', target: `≤ ${TARGETS.ratio1MbToLineScan}×`, value: tier1 ? `${fmt(tier1.ratioToLineScan)}×` : 'n/a', pass: pass(tier1?.ratioToLineScan, (v) => v <= TARGETS.ratio1MbToLineScan) });
  t.push({ name: 'Keystroke → diagnostics p95 (250 KB)', target: `≤ ${TARGETS.keystrokeP95Ms} ms`, value: `${fmt(r.keystrokeP95Ms)} ms`, pass: pass(r.keystrokeP95Ms, (v) => v <= TARGETS.keystrokeP95Ms) });
  t.push({ name: 'Hover p95', target: `≤ ${TARGETS.hoverP95Ms} ms`, value: r.hoverP95Ms === null ? 'not implemented' : `${fmt(r.hoverP95Ms)} ms`, pass: pass(r.hoverP95Ms, (v) => v <= TARGETS.hoverP95Ms) });
  t.push({ name: 'Completion p95', target: `≤ ${TARGETS.completionP95Ms} ms`, value: r.completionP95Ms === null ? 'not implemented' : `${fmt(r.completionP95Ms)} ms`, pass: pass(r.completionP95Ms, (v) => v <= TARGETS.completionP95Ms) });
  const s = r.simulate;
  t.push({ name: 'Simulate lookups/s at 10,000 extensions', target: `≥ ${TARGETS.simulate10kLookupsPerSec.toLocaleString('en-US')}`, value: s ? fmt(s.ext10kLookupsPerSec) : 'n/a', pass: pass(s?.ext10kLookupsPerSec, (v) => v >= TARGETS.simulate10kLookupsPerSec) });
  const slow = s ? s.ext100LookupsPerSec / s.ext10kLookupsPerSec : null;
  t.push({ name: 'Simulate slowdown 10,000 vs 100 extensions', target: `≤ ${TARGETS.simulateSlowdown10kVs100}×`, value: slow === null ? 'n/a' : `${fmt(slow, 2)}×`, pass: pass(slow, (v) => v <= TARGETS.simulateSlowdown10kVs100) });
  const iso = r.peakRss5MbIsolatedMb;
  t.push({
    name: '5 MB tier completes, peak RSS',
    target: `≤ ${TARGETS.peakRssMb5Mb} MB`,
    value: !tier5 ? 'n/a (5MB tier not run)' : iso !== undefined ? `${fmt(iso, 0)} MB alone in a fresh process (${fmt(r.peakRssMb, 0)} MB for the whole bench)` : `${fmt(r.peakRssMb, 0)} MB (whole bench process)`,
    pass: tier5 ? (iso ?? r.peakRssMb) <= TARGETS.peakRssMb5Mb : null,
  });
  return t;
}

const mark = (p: boolean | null): string => (p === null ? 'n/a' : p ? 'PASS' : 'FAIL');

function table(headers: string[], rows: string[][], markdown: boolean): string {
  if (markdown) {
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function report(r: BenchResult, markdown: boolean): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Machine: ${m.cpus} × ${m.model}, ${m.totalMemMb.toLocaleString('en-US')} MB RAM, Node ${m.node}, ${m.platform}; load average ${m.loadAvgStart[0]} at start${m.loadAvgEnd ? `, ${m.loadAvgEnd[0]} at end` : ''}`);
  out.push(`V8 settings: ${m.nodeFlags?.length ? `${m.nodeFlags.join(' ')} (the language server's, server/src/node-flags.ts)` : "Node's defaults"}`);
  out.push('');
  const tiers = [...r.tiers, ...(r.includeWorkspace ? [r.includeWorkspace] : [])];
  out.push(
    table(
      ['Tier', 'Text checked', 'Users', 'Files', 'Full check (median)', 'CPU time', 'MB/s', 'Line scan', 'Ratio', 'One-line edit re-check (CPU)', 'Reps'],
      tiers.map((t) => [
        t.name,
        kb(t.bytes),
        String(t.users),
        String(t.files),
        `${fmt(t.fullCheckMsMedian)} ms`,
        `${fmt(t.fullCheckCpuMsMedian)} ms`,
        fmt(t.mbPerSec, 2),
        `${fmt(t.lineScanMsMedian, 2)} ms`,
        `${fmt(t.ratioToLineScan)}×`,
        `${fmt(t.incrementalMsMedian)} ms (${fmt(t.incrementalCpuMsMedian)} ms)`,
        String(t.reps),
      ]),
      markdown,
    ),
  );
  out.push('');
  const other: string[][] = [];
  if (r.coldStart) other.push([`Cold start, first full check in a fresh process (${r.coldStart.tier})`, `${fmt(r.coldStartMs)} ms (boot + load ${fmt(r.coldStart.processStartToMainMs)} ms, check ${fmt(r.coldStart.firstCheckMs)} ms; spawn → exit ${fmt(r.coldStart.spawnToExitMs)} ms)`]);
  if (r.lsp) {
    other.push([`Keystroke → diagnostics (${r.lsp.tier}, ${r.lsp.edits} edits)`, `p50 ${fmt(r.keystrokeP50Ms)} ms, p95 ${fmt(r.keystrokeP95Ms)} ms, max ${fmt(r.lsp.keystrokeMaxMs)} ms`]);
    other.push(['didOpen → first diagnostics', `${fmt(r.lsp.openToDiagnosticsMs)} ms`]);
    other.push(['Hover', r.hoverP95Ms === null ? 'not implemented by the server yet' : `p50 ${fmt(r.lsp.hoverP50Ms)} ms, p95 ${fmt(r.hoverP95Ms)} ms`]);
    other.push(['Completion', r.completionP95Ms === null ? 'not implemented by the server yet' : `p50 ${fmt(r.lsp.completionP50Ms)} ms, p95 ${fmt(r.completionP95Ms)} ms`]);
  }
  if (r.simulate) {
    other.push(['Simulate lookups/s, 100 extensions', `${fmt(r.simulate.ext100LookupsPerSec)} (per CPU-second ${fmt(r.simulate.ext100LookupsPerCpuSec)}; hit rate ${fmt(r.simulate.hitRate100 * 100)}%)`]);
    other.push(['Simulate lookups/s, 10,000 extensions', `${fmt(r.simulate.ext10kLookupsPerSec)} (per CPU-second ${fmt(r.simulate.ext10kLookupsPerCpuSec)}; hit rate ${fmt(r.simulate.hitRate10k * 100)}%)`]);
  }
  other.push(['Peak RSS of the bench process', `${fmt(r.peakRssMb, 0)} MB`]);
  if (r.peakRss5MbIsolatedMb !== undefined) other.push(['Peak RSS, 5MB tier alone (fresh process, one full check)', `${fmt(r.peakRss5MbIsolatedMb, 0)} MB`]);
  if (r.longestStep) other.push([`Longest step of a ${r.longestStep.tier} check (server event loop held at once)`, `${fmt(r.longestStep.ms)} ms (of ${r.longestStep.steps} steps)`]);
  out.push(table(['Measure', 'Result'], other, markdown));
  out.push('');
  out.push(table(['Target', 'Goal', 'Measured', 'Result'], r.targets.map((t) => [t.name, t.target, t.value, mark(t.pass)]), markdown));
  return out.join('\n');
}

function updateReadme(r: BenchResult): void {
  const file = path.resolve(__dirname, '..', 'README.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const body = [
    start,
    '## Performance',
    '',
    '`npm run bench` (not part of `npm test`; about half a minute) generates deterministic FreePBX-like',
    'workspaces in memory (`scripts/bench/generate.ts`: users with hints, `n` priorities, labels, Macro/Gosub,',
    "GotoIf `$[…]`, DIDs, outbound routes, IVRs, queues, ring groups, time conditions, includes; a sip.conf with a",
    'template and one device per user) and measures the warm full check (fresh `Workspace` per repetition: parse,',
    'load, models, every rule), the re-check after a one-line edit (same `Workspace`), a bare line-scan baseline',
    "(`split('\\n')` + one regex per line) on the same text, the cold start in a fresh process, the language",
    'server in-process (debounce 0), the longest uninterrupted step of the largest tier\'s check (the language',
    'server yields to other messages between steps), Simulate dial lookups and peak RSS. `-- --json PATH` writes the numbers,',
    '`-- --readme` rewrites this section. "Text checked" is extensions.conf + sip.conf; tier names are the size of',
    'extensions.conf. Wall-clock numbers need an idle machine: when the load average is above the number of CPUs',
    'other processes competed for them, and the CPU-time column (process CPU, GC threads included) is the steadier',
    'figure; on this shared VM the same run varies by up to 2× from one hour to the next, which is why the ratio to',
    'the line scan of the same run is reported too (the line scans are timed between the full checks, each from a',
    'collected heap, so that both see the same minutes).',
    '',
    'The bench runs under the V8 settings the language server is started with (`server/src/node-flags.ts`:',
    '64 MB young-generation semi-spaces, so that a full check of a large PBX is not interrupted by repeated',
    "scavenges of the model it is building); `npm run bench -- --node-defaults` measures with Node's defaults.",
    '',
    'What keeps a check fast (found with the profilers below): the parser takes a token per section or directive',
    'line and per run of assignment lines; an assignment line is its own node, logical line and loader Variable; and',
    'the code that runs per line stays optimized from one check to the next. V8 drops optimized code whose',
    'assumptions die, so per-line code calls no closure made per check (a call to one that has died loses its',
    'feedback), creates objects with all their fields (a field added later gives short-lived objects a shape',
    'that dies between checks), and one object of each hot class and a token of each lexer are kept for the life',
    'of the process (`server/src/core/shapes.ts`): V8 frees the shape of a class instance, or of a token with a',
    'payload, when a full collection finds no object that has it, and throws away all code optimized for it',
    '(the tokens of a parse never outlive it; the bench drops each model): the next check ran unoptimized while',
    'it compiled again (1 MB, both builds run at once, one per core: 61 → 34 ms). A deoptimization that comes',
    'back at every check shows with',
    '`node --max-semi-space-size=64 --trace-deopt dist/bench.js --tiers 1MB --no-lsp --no-cold --node-defaults`',
    '("reason: weak objects" for a freed shape).',
    'Per line, a search is a String#indexOf rather than a charCodeAt loop (a value is a slice of the file, where',
    'each charCodeAt costs more than the call: 50 vs 20 ns to find a \'(\' 7 characters in), except over a span',
    'known to be short (an application name up to its \'(\', a priority\'s comma); work is done for the lines it concerns only: the application index',
    'holds the Dial/Goto/Gosub lines the rules ask for, sip.conf lines no check can say anything about skip the',
    'checks, a jump graph keeps one edge per pair of existing contexts (the index is one list in line order: the',
    'jump applications\' lines are one pass over it, not a merge of four lists); a Goto\'s targets and a Dial\'s constant',
    'destinations are read while the line is built, not found again by the rules (the usual `SIP/name,` read where',
    'it is written, without a regular expression; a Goto/Gosub target text read',
    'once: every user\'s `Gosub(sub-record-check,s,1(…))` shares one list); a context asked once or twice (did-not-routed',
    'asks one question per register line) is scanned rather than indexed: only a context asked more often, or with',
    'patterns, has its lookup index built (`literalMatches`, `server/src/core/dialplan/pattern.ts`).',
    'The parse makes each line\'s strings next to its node, so the dialplan\'s per-line chain of loads (line, value,',
    'file text) finds them together (a pass that read every line\'s first character ahead of the dialplan, which',
    'made it 4–13% faster when the line strings were made apart from the nodes, measures even since and is gone).',
    'Large arrays: an array of more than 16,000 entries is a large object of V8\'s heap, mapped afresh each time, and',
    'each of its pages is a page fault (about 5 µs on this VM). The scan\'s table of a file\'s lines is typed arrays',
    'of offsets (the allocator hands their memory back parse after parse; each line\'s text is cut where its node is',
    'made), and a new section\'s run of plain lines becomes its list of variables in one copy rather than by pushes',
    'that grow it through copies: 225 → 41 page faults a check of the 1 MB tier (those 41: the parse\'s list of',
    'nodes), the parse 10% and the load 30% faster. An extension\'s labels are two short lists, not a Map each.',
    'A file with one character past Latin-1 anywhere (the em dash in the generated files\' first comment, curly',
    'quotes, a name in another script) is held by V8 as UTF-16, and so is every string cut from it; there',
    'String#toLowerCase goes through ICU (100 ns a call: names and values of sections and devices go through',
    '`lowerCase`, `server/src/core/text/case.ts`, which returns a string with nothing to lower-case as it is) and',
    'indexOf(\'\\0\') tests every character (0.8 ms a megabyte: a file\'s first NUL is found in its Latin-1 bytes',
    'instead, 0.1 ms).',
    '',
    'What keeps a keystroke fast: the reparse reads only the edited lines and moves the nodes after them in place',
    '(same objects); the dialplan keeps every context whose lines are all those same objects (with the same',
    '[globals] and no load problem), and in the context typed into, each unchanged line takes again the priority it',
    'made last time when it still fits (same context and extension, a priority number the lines before it still',
    'give; `test/unit/incremental.test.ts` checks every re-check against a fresh one). The rules still run over the',
    'whole workspace, and a full check (the columns above) builds everything.',
    '',
    `Last run (${r.generatedAt.slice(0, 10)}, ${round(r.totalSeconds)} s${r.revision ? `, commit ${r.revision.commit}${r.revision.dirtyCore ? ' + uncommitted server/src changes' : ''}` : ''}):`,
    '',
    report(r, true),
    '',
    'Profiling: `node dist/bench.js --profile 1MB` (V8 profiler around ten full checks, then the hotspots by',
    'function and source file), or `node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench.js --profile-check 1MB`',
    'then `node dist/bench.js --summarize /tmp/prof/*.cpuprofile`.',
    end,
  ].join('\n');
  // Read-modify-write in one go: others edit README.md too.
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  const next = a !== -1 && b > a ? text.slice(0, a) + body + text.slice(b + end.length) : text.replace(/\n*$/, '\n\n') + body + '\n';
  fs.writeFileSync(file, next);
}

/* ------------------------------------------------------------------------ */
/* Main                                                                      */
/* ------------------------------------------------------------------------ */

/** Inclusive share of the phases of a full check. */
function printPhases(profile: string): void {
  const share = inclusiveShare(profile, ['parseConfigSteps', 'scanLines', 'tokenize', 'buildAssignment', 'loadConfig', 'buildDialplanSteps', 'buildSipConfig', 'runRule', 'finish', '(garbage collector)']);
  console.log('\n  inclusive%  phase');
  for (const [k, v] of Object.entries(share)) console.log(`  ${v.toFixed(1).padStart(10)}  ${k}`);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const flag = (name: string): boolean => process.argv.includes(name);

/**
 * Measure under the V8 settings the language server runs with: re-run this
 * script with them unless they are set (or `--node-defaults` asks for Node's own).
 */
function rerunWithServerFlags(): boolean {
  if (flag('--node-defaults') || SERVER_NODE_FLAGS.every((f) => process.execArgv.includes(f))) return false;
  const r = spawnSync(process.execPath, [...process.execArgv, ...SERVER_NODE_FLAGS, process.argv[1]!, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
  return true;
}

async function main(): Promise<void> {
  const cold = arg('--cold');
  if (cold) return coldMain(cold);
  if (rerunWithServerFlags()) return;

  const summarize = arg('--summarize');
  if (summarize) {
    console.log(formatSummary(summarizeProfile(summarize, Number(arg('--top') ?? 25))));
    printPhases(summarize);
    return;
  }

  const inProcess = arg('--profile');
  if (inProcess) {
    // The V8 profiler around the measured checks only (not the generation), then the hotspots.
    const spec = TIERS.find((t) => t.name === inProcess);
    if (!spec) throw new Error(`unknown tier ${inProcess} (${TIERS.map((t) => t.name).join(', ')})`);
    const out = arg('--out') ?? path.join(os.tmpdir(), `astconf-bench-${spec.name}.cpuprofile`);
    const ws = generateTier(spec);
    const reps = Number(arg('--reps') ?? 10);
    fullCheck(ws);
    fullCheck(ws);
    const session = new inspector.Session();
    session.connect();
    const post = (method: string, params?: object): Promise<unknown> => new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    const times: number[] = [];
    for (let i = 0; i < reps; i++) times.push(timeIt(() => fullCheck(ws)).ms);
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.writeFileSync(out, JSON.stringify(profile));
    console.log(`${spec.name}: ${reps} full checks under the profiler, median ${round(median(times))} ms; profile: ${out}\n`);
    console.log(formatSummary(summarizeProfile(out, Number(arg('--top') ?? 25))));
    printPhases(out);
    return;
  }

  const profileTier = arg('--profile-check');
  if (profileTier) {
    const spec = TIERS.find((t) => t.name === profileTier);
    if (!spec) throw new Error(`unknown tier ${profileTier} (${TIERS.map((t) => t.name).join(', ')})`);
    const ws = generateTier(spec);
    const reps = Number(arg('--reps') ?? 10);
    fullCheck(ws); // warm-up
    const times: number[] = [];
    for (let i = 0; i < reps; i++) times.push(timeIt(() => fullCheck(ws)).ms);
    console.log(`${spec.name}: ${reps} full checks, median ${round(median(times))} ms`);
    return;
  }

  const from = arg('--readme-from');
  if (from) {
    updateReadme(JSON.parse(fs.readFileSync(from, 'utf8')) as BenchResult);
    return;
  }

  const started = performance.now();
  const quick = flag('--quick');
  const wanted = arg('--tiers')?.split(',');
  const log = (s: string): void => void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${s}\n`);
  const tiersToRun: TierSpec[] = TIERS.filter((t) => !wanted || wanted.includes(t.name));

  const result: BenchResult = {
    machine: machine(),
    tiers: [],
    coldStartMs: null,
    keystrokeP50Ms: null,
    keystrokeP95Ms: null,
    hoverP95Ms: null,
    completionP95Ms: null,
    simulate: null,
    peakRssMb: 0,
    targets: [],
    totalSeconds: 0,
    generatedAt: new Date().toISOString(),
  };

  log('Full check per tier…');
  for (const spec of tiersToRun) {
    const ws = generateTier(spec);
    result.tiers.push(measureTier(ws, quick, log));
    if (spec === tiersToRun[tiersToRun.length - 1]) result.longestStep = measureLongestStep(ws);
  }
  {
    const ws = generateIncludeWorkspace(250_000, 30);
    result.includeWorkspace = measureTier(ws, quick, log);
  }
  for (const t of [...result.tiers, result.includeWorkspace]) if (t && t.errors > 0) log(`  warning: ${t.name} has ${t.errors} error diagnostics (the generator should produce valid configs)`);

  log('Simulate…');
  const [s100, s10k] = measureSimulate([100, 10_000], quick) as [SimulateRate, SimulateRate];
  result.simulate = {
    ext100LookupsPerSec: s100.lookupsPerSec,
    ext10kLookupsPerSec: s10k.lookupsPerSec,
    ext100LookupsPerCpuSec: s100.lookupsPerCpuSec,
    ext10kLookupsPerCpuSec: s10k.lookupsPerCpuSec,
    hitRate100: s100.hitRate,
    hitRate10k: s10k.hitRate,
  };

  const lspTier = generateTier(TIERS.find((t) => t.name === '250KB')!);
  if (!flag('--no-lsp')) {
    log('LSP (250KB, in-process)…');
    const { measureLsp } = await import('./bench/lsp');
    const l = await measureLsp(lspTier, { edits: 50, requests: 50 });
    result.keystrokeP50Ms = round(l.keystrokeP50Ms, 2);
    result.keystrokeP95Ms = round(l.keystrokeP95Ms, 2);
    result.hoverP95Ms = l.hoverP95Ms === null ? null : round(l.hoverP95Ms, 2);
    result.completionP95Ms = l.completionP95Ms === null ? null : round(l.completionP95Ms, 2);
    result.lsp = { tier: '250KB', edits: l.edits, keystrokeMaxMs: round(l.keystrokeMaxMs, 2), openToDiagnosticsMs: round(l.openToDiagnosticsMs, 1), hoverP50Ms: l.hoverP50Ms === null ? null : round(l.hoverP50Ms, 2), completionP50Ms: l.completionP50Ms === null ? null : round(l.completionP50Ms, 2), notes: l.notes };
    for (const n of l.notes) log(`  note: ${n}`);
  }

  if (!flag('--no-cold')) {
    log('Cold start (250KB, fresh process)…');
    const c = measureCold(lspTier, quick ? 1 : 3);
    result.coldStartMs = c.coldStartMs;
    result.coldStart = { tier: '250KB', processStartToMainMs: c.processStartToMainMs, firstCheckMs: c.firstCheckMs, spawnToExitMs: c.spawnToExitMs, runs: quick ? 1 : 3 };
    if (tiersToRun.some((t) => t.name === '5MB')) {
      log('5MB tier alone in a fresh process (peak RSS)…');
      result.peakRss5MbIsolatedMb = measureCold(generateTier(TIERS.find((t) => t.name === '5MB')!), 1).maxRssMb;
    }
  }
  result.revision = revision();

  result.machine.loadAvgEnd = os.loadavg().map((x) => round(x, 2));
  result.peakRssMb = round(peakRssMb(), 1);
  result.totalSeconds = round((performance.now() - started) / 1000, 1);
  result.targets = targetsOf(result);

  console.log(report(result, false));
  const json = arg('--json');
  if (json) {
    fs.writeFileSync(json, JSON.stringify(result, null, 2) + '\n');
    log(`\nwrote ${json}`);
  }
  if (flag('--readme')) {
    updateReadme(result);
    log('updated README.md (bench section)');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
