/**
 * The workspace as the server sees it: Asterisk config dirs ("groups"), each
 * with its own core Workspace, the open documents as overlays, and the last
 * analysis of each group. No LSP here beyond URIs.
 *
 * A group is one config dir: every *.conf directly in it, plus the open
 * documents that live there. Relative #include names resolve against it.
 * Groups come from the workspace folders (the folder and its immediate
 * subfolders that hold an Asterisk config), from `asterisk.configDirectory`,
 * and from the directory of any open Asterisk document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, runToEnd, Workspace, type Analysis, type ConfigHost, type FileKind, type SeverityOverride, type Steps } from '../core';

/** The kind of file each language id stands for. */
const LANGUAGE_KINDS: Record<string, FileKind> = {
  'asterisk-sip': 'sip',
  'asterisk-dialplan': 'extensions',
  'asterisk-pjsip': 'pjsip',
};
import { confFilesIn, nodeHost } from '../node-host';
import { fileUriToPath, pathToUri } from './convert';

export interface Group {
  readonly dir: string;
  /** Root files analyzed: the dir's *.conf files and the open documents in it. */
  files: string[];
  workspace: Workspace;
  /** Bumped on every change that concerns the group. */
  version: number;
  /** The version the last analysis saw. */
  analyzedVersion: number;
  last?: GroupAnalysis;
  disposed: boolean;
}

export interface GroupAnalysis {
  run: number;
  analysis: Analysis;
}

const UNTITLED_ROOT = path.join(path.sep, '__untitled__');
const UNTITLED_NAMES: Record<string, string> = {
  'asterisk-sip': 'sip.conf',
  'asterisk-dialplan': 'extensions.conf',
  'asterisk-pjsip': 'pjsip.conf',
};
const SKIPPED_DIRS = new Set(['node_modules']);

export class WorkspaceIndex {
  private readonly groups = new Map<string, Group>();
  /** Config dirs found by scanning the folders or set by configuration. */
  private pinned = new Set<string>();
  private roots: string[] = [];
  private severities: Record<string, SeverityOverride> = {};
  /** Open documents: path → text, and path → the URI the client uses. */
  private readonly overlays = new Map<string, string>();
  private readonly openUris = new Map<string, string>();
  private readonly untitled = new Map<string, string>();
  private runs = 0;
  private untitledCount = 0;
  private readonly languageKinds = new Map<string, FileKind>();

  constructor(private readonly host: ConfigHost = nodeHost()) {}

  // --- files and URIs -------------------------------------------------------

  /** Path of a document URI (untitled documents get a virtual path named after their language). */
  pathOf(uri: string, languageId?: string): string | undefined {
    const file = fileUriToPath(uri);
    // A language the user chose (files.associations) decides the kind of a file whatever its name.
    const kind = languageId ? LANGUAGE_KINDS[languageId] : undefined;
    if (file && kind) this.languageKinds.set(file, kind);
    if (file || !uri.startsWith('untitled:')) return file;
    let p = this.untitled.get(uri);
    if (!p) {
      p = path.join(UNTITLED_ROOT, String(++this.untitledCount), UNTITLED_NAMES[languageId ?? ''] ?? 'untitled.conf');
      this.untitled.set(uri, p);
    }
    return p;
  }

  uriOf(file: string): string {
    return this.openUris.get(file) ?? pathToUri(file);
  }

  /** The text the last analysis (or the editor, or the disk) has for a file. */
  textOf(file: string): string {
    return this.overlays.get(file) ?? this.host.readFile(file) ?? '';
  }

  // --- groups ---------------------------------------------------------------

  allGroups(): Group[] {
    return [...this.groups.values()];
  }

  group(dir: string): Group | undefined {
    return this.groups.get(dir);
  }

  /** Groups whose analysis depends on a file: its own dir, and any group that read it (includes). */
  groupsAffectedBy(file: string): Group[] {
    const dir = path.dirname(file);
    return this.allGroups().filter((g) => g.dir === dir || g.files.includes(file) || g.last?.analysis.texts.has(file));
  }

  /** (Re)scan the workspace folders; returns the groups that were removed. */
  setRoots(roots: readonly string[], configDirectory: string | undefined): Group[] {
    this.roots = roots.map((r) => path.normalize(r));
    const pinned = new Set<string>();
    for (const root of this.roots) {
      for (const dir of [root, ...subdirs(root)]) if (this.holdsAsteriskConfig(dir)) pinned.add(dir);
    }
    if (configDirectory) pinned.add(configDirectory);
    this.pinned = pinned;
    for (const dir of pinned) this.ensureGroup(dir);
    return this.prune();
  }

  /** New per-code severities: fresh Workspaces, so no override survives in a cache. */
  setSeverities(severities: Record<string, SeverityOverride>): void {
    this.severities = severities;
    for (const g of this.groups.values()) g.workspace = this.newWorkspace(g.dir);
  }

  /** An open document's text (undefined when it closes); returns the groups to re-analyze and those removed. */
  setDocument(file: string, uri: string, text: string | undefined): { changed: Group[]; removed: Group[] } {
    if (text === undefined) {
      this.overlays.delete(file);
      this.openUris.delete(file);
      if (uri.startsWith('untitled:')) this.untitled.delete(uri);
    } else {
      this.overlays.set(file, text);
      this.openUris.set(file, uri);
    }
    for (const g of this.groups.values()) g.workspace.setOverlay(file, text);
    const dir = path.dirname(file);
    if (text !== undefined) this.ensureGroup(dir);
    else this.refreshFiles(dir);
    const removed = this.prune();
    return { changed: this.groupsAffectedBy(file), removed };
  }

  /** A file was created, changed or deleted on disk. */
  fileEvent(file: string, kind: 'created' | 'changed' | 'deleted'): { changed: Group[]; removed: Group[] } {
    const dir = path.dirname(file);
    if (kind !== 'changed') {
      if (this.groups.has(dir)) this.refreshFiles(dir);
      else if (kind === 'created' && fileKindOf(file) !== 'generic' && this.isScanned(dir)) {
        this.pinned.add(dir);
        this.ensureGroup(dir);
      }
    }
    return { changed: this.groupsAffectedBy(file), removed: this.prune() };
  }

  /** Analyze a group now (synchronously) and keep the result. */
  analyze(group: Group): GroupAnalysis {
    return runToEnd(this.analyzeSteps(group));
  }

  /** The same in steps (see Workspace.analyzeSteps); the result is kept when the last step is taken. */
  *analyzeSteps(group: Group): Steps<GroupAnalysis> {
    const version = group.version;
    const analysis = yield* group.workspace.analyzeSteps([...group.files]);
    const result = { run: ++this.runs, analysis };
    group.last = result;
    group.analyzedVersion = version;
    return result;
  }

  // --- internals --------------------------------------------------------------

  private newWorkspace(dir: string): Workspace {
    const ws = new Workspace({
      configDir: dir,
      host: this.host,
      severities: this.severities,
      kindOf: (f) => this.languageKinds.get(f) ?? fileKindOf(f),
    });
    for (const [file, text] of this.overlays) ws.setOverlay(file, text);
    return ws;
  }

  private ensureGroup(dir: string): Group {
    let g = this.groups.get(dir);
    if (!g) {
      g = { dir, files: [], workspace: this.newWorkspace(dir), version: 0, analyzedVersion: -1, disposed: false };
      this.groups.set(dir, g);
    }
    this.refreshFiles(dir);
    return g;
  }

  private refreshFiles(dir: string): void {
    const g = this.groups.get(dir);
    if (!g) return;
    const files = new Set(dir.startsWith(UNTITLED_ROOT) ? [] : confFilesIn(dir));
    for (const f of this.overlays.keys()) if (path.dirname(f) === dir) files.add(f);
    g.files = [...files].sort();
  }

  /** Drop groups that are neither pinned nor hold an open document. */
  private prune(): Group[] {
    const removed: Group[] = [];
    for (const g of this.groups.values()) {
      if (this.pinned.has(g.dir) || [...this.overlays.keys()].some((f) => path.dirname(f) === g.dir)) continue;
      g.disposed = true;
      this.groups.delete(g.dir);
      removed.push(g);
    }
    return removed;
  }

  private holdsAsteriskConfig(dir: string): boolean {
    return confFilesIn(dir).some((f) => fileKindOf(f) !== 'generic');
  }

  /** A dir the folder scan covers: a workspace folder or one of its immediate subfolders. */
  private isScanned(dir: string): boolean {
    return this.roots.some((r) => dir === r || (path.dirname(dir) === r && !isSkipped(path.basename(dir))));
  }
}

function isSkipped(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !isSkipped(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}
