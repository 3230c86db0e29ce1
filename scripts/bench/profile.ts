/**
 * Hotspots of a V8 .cpuprofile taken on dist/bench.js (node --cpu-prof):
 * self and inclusive time per function and self time per source file. A
 * bundle position maps back to its source file through the bundle's source map
 * (scripts/build.mjs writes one), or, without it, through the `// path` comment
 * esbuild puts at the start of each module when it does not minify.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench.js --profile-check 1MB
 *   node dist/bench.js --summarize /tmp/prof/<file>.cpuprofile
 */
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  name: string;
  file: string;
  selfPct: number;
  totalPct: number;
  selfMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: Hotspot[];
  files: { file: string; selfPct: number }[];
}

/** Module start lines of an esbuild bundle: [first line (0-based), source path]. */
function moduleMap(bundle: string): [number, string][] {
  const out: [number, string][] = [];
  const lines = bundle.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:[\w@.-]+\/)*[\w@.-]+\.(?:ts|js|mjs|cjs|json))$/.exec(lines[i]!);
    if (m) out.push([i, m[1]!]);
  }
  return out;
}

function fileOf(map: [number, string][], line: number): string {
  let lo = 0;
  let hi = map.length - 1;
  let best = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]![0] <= line) {
      best = map[mid]![1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** A source map's path ('../server/src/x.ts', 'file:///…/node_modules/y.js') relative to the project. */
function sourcePath(src: string): string {
  const p = src.startsWith('file:') ? fileURLToPath(src) : src;
  const i = p.lastIndexOf('node_modules/');
  if (i !== -1) return p.slice(i);
  if (path.isAbsolute(p)) return path.relative(process.cwd(), p);
  return path.normalize(p).replace(/^(\.\.\/)+/, '');
}

export function summarizeProfile(profilePath: string, top = 25): ProfileSummary {
  const prof = JSON.parse(fs.readFileSync(profilePath, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bundles = new Map<string, { map?: SourceMap; modules: [number, string][] }>();
  const locate = (cf: CallFrame): string => {
    if (!cf.url) return cf.functionName.startsWith('(') ? '' : '(native)';
    if (!cf.url.startsWith('file:')) return cf.url;
    let b = bundles.get(cf.url);
    if (!b) {
      b = { modules: [] };
      try {
        const file = fileURLToPath(cf.url);
        if (fs.existsSync(file + '.map')) b.map = new SourceMap(JSON.parse(fs.readFileSync(file + '.map', 'utf8')));
        else b.modules = moduleMap(fs.readFileSync(file, 'utf8'));
      } catch {
        // unreadable: fall back to the URL
      }
      bundles.set(cf.url, b);
    }
    if (b.map) {
      const e = b.map.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string };
      if (e?.originalSource) return sourcePath(e.originalSource);
    }
    return fileOf(b.modules, cf.lineNumber) || cf.url.replace(/^.*\//, '');
  };
  const keyOf = new Map<number, { name: string; file: string; key: string }>();
  for (const n of prof.nodes) {
    const cf = n.callFrame;
    const file = locate(cf);
    const name = cf.functionName || '(anonymous)';
    keyOf.set(n.id, { name, file, key: `${file}:${name}:${cf.lineNumber}` });
  }

  // Time of each sample: its delta (V8 reports the delta before each sample).
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  let all = 0;
  const idle = new Set(['(idle)', '(program)']);
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!;
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000;
    const k = keyOf.get(id)!;
    if (idle.has(k.name)) continue;
    all += dt;
    self.set(k.key, (self.get(k.key) ?? 0) + dt);
    fileSelf.set(k.file || k.name, (fileSelf.get(k.file || k.name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const kk = keyOf.get(n)!.key;
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + dt);
    }
  }
  const info = new Map([...keyOf.values()].map((k) => [k.key, k]));
  const functions = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => ({ name: info.get(key)!.name, file: info.get(key)!.file, selfMs: ms, selfPct: (100 * ms) / all, totalPct: (100 * (total.get(key) ?? ms)) / all }));
  const files = [...fileSelf].sort((a, b) => b[1] - a[1]).slice(0, top).map(([file, ms]) => ({ file, selfPct: (100 * ms) / all }));
  return { totalMs: all, functions, files };
}

/** Inclusive time of named functions (e.g. parseConfig, buildDialplan, runRule), as % of the profile. */
export function inclusiveShare(profilePath: string, names: string[]): Record<string, number> {
  const prof = JSON.parse(fs.readFileSync(profilePath, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const want = new Set(names);
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let all = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i]!;
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0);
    const fn = byId.get(id)!.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') continue;
    all += dt;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n)!.callFrame.functionName;
      if (want.has(name) && !seen.has(name)) {
        seen.add(name);
        out[name]! += dt;
      }
    }
  }
  for (const k of Object.keys(out)) out[k] = all ? (100 * out[k]!) / all : 0;
  return out;
}

export function formatSummary(s: ProfileSummary): string {
  const lines: string[] = [];
  lines.push(`profile: ${(s.totalMs / 1000).toFixed(2)} s of samples (idle excluded)`);
  lines.push('');
  lines.push('  self%  total%  function  (file)');
  for (const f of s.functions) lines.push(`  ${f.selfPct.toFixed(1).padStart(5)}  ${f.totalPct.toFixed(1).padStart(6)}  ${f.name}  (${f.file || '-'})`);
  lines.push('');
  lines.push('  self%  file');
  for (const f of s.files) lines.push(`  ${f.selfPct.toFixed(1).padStart(5)}  ${f.file}`);
  return lines.join('\n');
}
