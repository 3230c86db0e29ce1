/**
 * server/src/core/shapes.ts: the hidden classes of the hot objects outlive every model, so a full garbage
 * collection that frees a whole model (and the tokens of every parse) throws no optimized code away. Run in a
 * process of its own, under V8's tracing and test hooks: test/helpers/shapes-probe.ts, bundled with esbuild.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/shared';

function runProbe(): { warmUp: string; watched: string; shapes: Record<string, boolean> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astconf-shapes-'));
  try {
    const outfile = path.join(dir, 'probe.js');
    buildSync({ entryPoints: [path.join(ROOT, 'test/helpers/shapes-probe.ts')], outfile, bundle: true, platform: 'node', target: 'node20', logLevel: 'error' });
    const r = spawnSync(process.execPath, ['--expose-gc', '--allow-natives-syntax', '--trace-opt', '--trace-deopt', outfile, '250KB', '10', '4'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
    const [warmUp = '', rest = ''] = r.stdout.split('--- watched checks ---\n');
    const [watched = '', after = ''] = rest.split('--- done ---\n');
    const shapes = /^shapes: (.*)$/m.exec(after);
    if (!shapes) throw new Error(`no shapes line in the probe's output: ${after.slice(-500)}`);
    return { warmUp, watched, shapes: JSON.parse(shapes[1]!) as Record<string, boolean> };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('kept hidden classes (shapes.ts)', () => {
  let probe: ReturnType<typeof runProbe>;
  beforeAll(() => {
    probe = runProbe();
  }, 120_000);

  it.each(['assignment', 'priorityMap', 'priority', 'applicationIndex', 'jumpEdge', 'sourceToken', 'lineToken'])(
    'a kept sample has the map of a live %s',
    (shape) => {
      expect(probe.shapes[shape]).toBe(true);
    },
  );

  it('the hot code was optimized (so a full collection could throw it away)', () => {
    for (const fn of ['addPriority', 'handleLines', 'tokenizeInternal']) expect(probe.warmUp + probe.watched).toMatch(new RegExp(`completed optimizing .*<JSFunction ${fn} `));
  });

  it('a full collection after a check drops no optimized code for a freed map', () => {
    const dropped = probe.watched.split('\n').filter((l) => l.includes('reason: weak objects'));
    expect(dropped).toEqual([]);
  });
});
