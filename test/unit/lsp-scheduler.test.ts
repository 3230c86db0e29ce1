/**
 * The diagnostics scheduler runs an analysis in turns (Workspace.analyzeSteps):
 * a run made stale by an edit is dropped at its next step and never published,
 * a request finishes the current run at once, and a long run gives the event
 * loop back between turns. A fake index steps through scripted analyses.
 */
import { describe, expect, it } from 'vitest';
import type { Connection } from 'vscode-languageserver';
import { runToEnd, type Analysis } from '../../server/src/core';
import { DiagnosticsScheduler } from '../../server/src/lsp/diagnostics';
import type { Group, GroupAnalysis, WorkspaceIndex } from '../../server/src/lsp/workspace-index';

const FILE = '/pbx/extensions.conf';

function analysisOf(version: number): Analysis {
  return {
    roots: [],
    diagnostics: [{ file: FILE, start: 0, end: 1, severity: 'warning', code: 'v', message: `version ${version}` }],
    texts: new Map([[FILE, 'x\n']]),
  };
}

/** An index of one group whose analysis takes `steps` steps of `stepMs` each. */
function fakeIndex(steps: number, stepMs: number): { index: WorkspaceIndex; group: Group; started: number[] } {
  const group = { dir: '/pbx', files: [FILE], workspace: undefined as never, version: 0, analyzedVersion: -1, disposed: false } as Group;
  const started: number[] = [];
  let runs = 0;
  function* analyzeSteps(g: Group): Generator<void, GroupAnalysis, void> {
    const version = g.version;
    started.push(version);
    for (let i = 0; i < steps; i++) {
      const until = performance.now() + stepMs;
      while (performance.now() < until);
      yield;
    }
    const result = { run: ++runs, analysis: analysisOf(version) };
    g.last = result;
    g.analyzedVersion = version;
    return result;
  }
  const index = {
    allGroups: () => [group],
    uriOf: (f: string) => `file://${f}`,
    analyzeSteps,
    analyze: (g: Group) => runToEnd(analyzeSteps(g)),
  } as unknown as WorkspaceIndex;
  return { index, group, started };
}

function recorder(): { connection: Connection; messages: string[] } {
  const messages: string[] = [];
  const connection = {
    sendDiagnostics: async (p: { diagnostics: { message: string }[] }) => {
      for (const d of p.diagnostics) messages.push(d.message);
    },
  } as unknown as Connection;
  return { connection, messages };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
};

describe('diagnostics scheduler', () => {
  it('drops a run made stale by an edit and publishes only the newer one', async () => {
    const { index, group, started } = fakeIndex(60, 5); // ~300 ms in 25 ms turns
    const { connection, messages } = recorder();
    // A debounce longer than the run: the stale run would finish before the newer one starts.
    const s = new DiagnosticsScheduler(connection, index, () => 500, (_name, e) => {
      throw e;
    });
    s.start(); // version 1, at once
    await until(() => started.length === 1);
    expect(group.analyzedVersion).toBe(-1); // turns taken, the run is not finished
    s.schedule([group]); // an edit: version 2
    await until(() => messages.length > 0);
    expect(started).toEqual([1, 2]);
    expect(messages).toEqual(['version 2']);
    s.dispose();
  });

  it('gives the event loop back between turns of a long run', async () => {
    const { index } = fakeIndex(20, 5);
    const { connection, messages } = recorder();
    const s = new DiagnosticsScheduler(connection, index, () => 0, () => undefined);
    s.start();
    let turnsSeen = 0;
    while (messages.length === 0 && turnsSeen < 1000) {
      await tick();
      turnsSeen++;
    }
    expect(messages).toEqual(['version 1']);
    expect(turnsSeen).toBeGreaterThan(2);
    s.dispose();
  });

  it('a request finishes the current run at once', async () => {
    const { index, group, started } = fakeIndex(60, 5);
    const { connection, messages } = recorder();
    const s = new DiagnosticsScheduler(connection, index, () => 0, () => undefined);
    s.start();
    await until(() => started.length === 1);
    s.flush([group]);
    expect(group.analyzedVersion).toBe(1);
    expect(started).toEqual([1]); // the same run, not a second one
    await tick();
    expect(messages).toEqual(['version 1']);
    s.dispose();
  });
});
