/**
 * Run by test/unit/shapes.test.ts, bundled, under `node --expose-gc --allow-natives-syntax --trace-opt
 * --trace-deopt`. It checks a generated workspace over and over, each time in a new Workspace, dropping the model
 * and collecting all garbage before the next check (the worst case for the hidden classes shapes.ts keeps); a
 * marker line separates the warm-up from the watched checks. Then it takes objects of each kept shape from a
 * last, live check and prints, as JSON after `shapes:`, whether some kept sample has each one's map.
 */
import { memoryHost, Workspace } from '../../server/src/core';
import { keptSamples } from '../../server/src/core/shapes';
import { tokenizeSource, lineLexer } from '../../server/src/core/parse/lexer';
import { applicationIndex } from '../../server/src/core/dialplan/app-index';
import { jumpGraph } from '../../server/src/core/rules/routing';
import { generateTier, TIERS } from '../../scripts/bench/generate';

const [tierName = '250KB', warmRuns = '10', watchedRuns = '4'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's own test hook, only under --allow-natives-syntax
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean;

const ws = generateTier(TIERS.find((t) => t.name === tierName)!);
const check = (): Workspace => {
  const w = new Workspace({ configDir: ws.dir, host: memoryHost(ws.files) });
  w.analyze(ws.paths);
  return w;
};
for (let i = 0; i < Number(warmRuns); i++) {
  check();
  gc();
}
console.log('--- watched checks ---');
for (let i = 0; i < Number(watchedRuns); i++) {
  check();
  gc();
}
console.log('--- done ---');

// One object of each kept shape, from a live check.
const live = check();
const plan = live.analyze(ws.paths).dialplan!;
const ext = [...plan.contexts.values()].flatMap((c) => c.extensions).find((e) => e.priorities.size > 1)!;
const text = ws.files[ws.extensionsPath]!;
const samples = keptSamples().flatMap((s) => (Array.isArray(s) ? s : [s]));
const kept = (o: unknown): boolean => o !== undefined && samples.some((s) => haveSameMap(s, o));
const edge = [...jumpGraph(plan).values()].flat().find((e) => e.priority !== undefined);
const shapes = {
  assignment: kept(live.parse(ws.extensionsPath, text).nodes.find((n) => n.kind === 'assignment')),
  priorityMap: kept(ext.priorities),
  priority: kept(ext.priorities.get(1)),
  applicationIndex: kept(applicationIndex(plan)),
  jumpEdge: kept(edge),
  sourceToken: kept(tokenizeSource(text.slice(0, 20_000)).tokens.find((t) => t.payload !== undefined)),
  lineToken: kept(lineLexer.tokenize(text.slice(0, 20_000)).tokens[0]),
};
console.log(`shapes: ${JSON.stringify(shapes)}`);
