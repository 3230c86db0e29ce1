/**
 * Diagnostics: debounced re-analysis of groups and publication of the results
 * for every file of a group, open or not. A file reported by several groups
 * (a shared #include) gets the union; a file with nothing left gets [] once.
 *
 * A run takes turns of about SLICE_MS on the event loop (Workspace.analyzeSteps;
 * a turn ends after the step that crosses it), so a large PBX does not hold up
 * the messages that arrive meanwhile, and it is dropped at its next turn when an
 * edit has made it stale. A request that needs the current analysis (hover, code
 * actions, …) finishes a current run at once.
 */
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { LineIndexCache, positionsOf, toLspDiagnostic } from './convert';
import type { Steps } from '../core';
import type { Group, GroupAnalysis, WorkspaceIndex } from './workspace-index';

/** How long one turn of an analysis holds the event loop (plus the step that crosses it). */
const SLICE_MS = 25;

interface Running {
  version: number;
  steps: Steps<GroupAnalysis>;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<Group, ReturnType<typeof setTimeout>>();
  /** Analyses between two turns. */
  private readonly running = new Map<Group, Running>();
  private readonly published = new Map<string, Map<string, LspDiagnostic[]>>();
  private readonly lines = new LineIndexCache();
  /** The URI each file's diagnostics went to, to clear them there (untitled documents). */
  private readonly sentTo = new Map<string, string>();
  /** Until settings are read, changes only accumulate. */
  private started = false;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly debounceMs: () => number,
    private readonly onError: (name: string, err: unknown) => void,
  ) {}

  /** Start analyzing: everything that changed so far runs now. */
  start(): void {
    if (this.disposed) return;
    this.started = true;
    this.schedule(this.index.allGroups(), 0);
  }

  /** Mark groups changed and (re)start their debounce timer. */
  schedule(groups: Iterable<Group>, delayMs = this.debounceMs()): void {
    for (const g of groups) {
      g.version++;
      if (!this.started) continue;
      clearTimeout(this.timers.get(g));
      const version = g.version;
      this.timers.set(
        g,
        setTimeout(() => this.fire(g, version), delayMs),
      );
    }
  }

  /** Run now whatever is pending for these groups (requests call this to answer on current text). */
  flush(groups: Iterable<Group> = this.index.allGroups()): void {
    for (const g of groups) {
      if (g.disposed || g.analyzedVersion === g.version) continue;
      clearTimeout(this.timers.get(g));
      this.timers.delete(g);
      const current = this.running.get(g);
      if (current && current.version === g.version) this.turn(g, current, Infinity);
      else this.run(g);
    }
  }

  /** A group went away: clear what it published. */
  removed(groups: Iterable<Group>): void {
    for (const g of groups) {
      clearTimeout(this.timers.get(g));
      this.timers.delete(g);
      this.publishGroup(g.dir, new Map());
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.running.clear();
    this.started = false;
    this.disposed = true;
  }

  private fire(g: Group, version: number): void {
    this.timers.delete(g); // schedule() clears a replaced timer, so a firing one is current
    // Stale: a newer change has its own timer, or a request already analyzed this version.
    if (g.disposed || g.version !== version || g.analyzedVersion === version) return;
    const run: Running = { version, steps: this.index.analyzeSteps(g) };
    this.running.set(g, run);
    this.turn(g, run, SLICE_MS);
  }

  /** Take steps of a run for up to `budgetMs`, then continue on a later turn of the event loop. */
  private turn(g: Group, run: Running, budgetMs: number): void {
    if (this.running.get(g) !== run) return; // finished by a request, or replaced
    if (g.disposed || g.version !== run.version) {
      this.running.delete(g); // stale: the newer change has its own timer
      return;
    }
    const deadline = performance.now() + budgetMs;
    try {
      for (;;) {
        const r = run.steps.next();
        if (r.done) {
          this.running.delete(g);
          this.publishGroup(g.dir, this.convert(g, r.value));
          return;
        }
        if (performance.now() >= deadline) break;
      }
    } catch (err) {
      this.running.delete(g);
      this.onError(`analysis of ${g.dir}`, err);
      return;
    }
    setImmediate(() => this.turn(g, run, SLICE_MS));
  }

  private run(g: Group): void {
    this.running.delete(g);
    try {
      const version = g.version;
      const result = this.index.analyze(g);
      if (g.disposed || g.version !== version) return; // changed while analyzing: the next run publishes
      this.publishGroup(g.dir, this.convert(g, result));
    } catch (err) {
      this.onError(`analysis of ${g.dir}`, err);
    }
  }

  private convert(g: Group, { run, analysis }: GroupAnalysis): Map<string, LspDiagnostic[]> {
    const positions = positionsOf((f) => analysis.texts.get(f), this.lines);
    const uriOf = (f: string): string => this.index.uriOf(f);
    const perFile = new Map<string, LspDiagnostic[]>();
    analysis.diagnostics.forEach((d, index) => {
      let list = perFile.get(d.file);
      if (!list) perFile.set(d.file, (list = []));
      list.push(toLspDiagnostic(d, positions, uriOf, { group: g.dir, run, index }));
    });
    return perFile;
  }

  private publishGroup(groupDir: string, perFile: Map<string, LspDiagnostic[]>): void {
    const touched = new Set<string>();
    for (const [file, byGroup] of this.published) if (byGroup.delete(groupDir)) touched.add(file);
    for (const [file, diags] of perFile) {
      if (diags.length === 0) continue;
      touched.add(file);
      let byGroup = this.published.get(file);
      if (!byGroup) this.published.set(file, (byGroup = new Map()));
      byGroup.set(groupDir, diags);
    }
    for (const file of touched) {
      const byGroup = this.published.get(file);
      const diagnostics = byGroup ? union([...byGroup.values()]) : [];
      if (byGroup && byGroup.size === 0) this.published.delete(file);
      const uri = diagnostics.length > 0 ? this.index.uriOf(file) : (this.sentTo.get(file) ?? this.index.uriOf(file));
      if (diagnostics.length > 0) this.sentTo.set(file, uri);
      else this.sentTo.delete(file);
      void this.connection.sendDiagnostics({ uri, diagnostics }).catch((err) => this.onError('publishDiagnostics', err));
    }
  }
}

function union(lists: LspDiagnostic[][]): LspDiagnostic[] {
  if (lists.length === 1) return lists[0]!;
  const seen = new Set<string>();
  const out: LspDiagnostic[] = [];
  for (const d of lists.flat()) {
    const key = `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}
