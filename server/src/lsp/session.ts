/**
 * The server's state and lifecycle: client capabilities, settings, workspace
 * folders, open documents and file events, feeding the WorkspaceIndex and the
 * DiagnosticsScheduler. Feature handlers (code actions, requests) read from it.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUriToPath, pathToUri } from './convert';
import { DiagnosticsScheduler } from './diagnostics';
import type { Guard } from './guard';
import { DEFAULT_SETTINGS, parseSettings, type ServerSettings } from './settings';
import { WorkspaceIndex, type Group } from './workspace-index';

export const CONFIG_SECTION = 'asterisk';
const WATCH_GLOB = '**/*.conf';

export class Session {
  readonly index = new WorkspaceIndex();
  readonly scheduler: DiagnosticsScheduler;
  settings: ServerSettings = DEFAULT_SETTINGS;
  private client: ClientCapabilities = {};
  private roots: string[] = [];
  private settingsRead = false;
  private settingsSeq = 0;
  private watchers: Disposable | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly guard: Guard,
  ) {
    this.scheduler = new DiagnosticsScheduler(connection, this.index, () => this.settings.debounceMs, guard.report);
  }

  initialize(params: InitializeParams): void {
    this.client = params.capabilities;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.map(fileUriToPath).filter((p): p is string => !!p);
    this.index.setRoots(this.roots, undefined);
  }

  get supportsFolderChanges(): boolean {
    return !!this.client.workspace?.workspaceFolders;
  }

  async initialized(): Promise<void> {
    if (this.supportsFolderChanges) {
      this.connection.workspace.onDidChangeWorkspaceFolders(this.guard('didChangeWorkspaceFolders', (e) => this.foldersChanged(e)));
    }
    await this.reloadSettings(undefined);
    this.scheduler.start();
  }

  /** Pull the `asterisk` section (or take the pushed one) and apply what changed. */
  async reloadSettings(pushed: unknown): Promise<void> {
    const seq = ++this.settingsSeq;
    let raw = (pushed as Record<string, unknown> | undefined)?.[CONFIG_SECTION];
    if (this.client.workspace?.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration(CONFIG_SECTION);
      } catch (err) {
        this.guard.report('workspace/configuration', err);
      }
    }
    if (seq !== this.settingsSeq) return; // a newer reload is on its way
    const prev = this.settings;
    const next = parseSettings(raw, this.roots);
    this.settings = next;
    const first = !this.settingsRead;
    this.settingsRead = true;

    const changed = new Set<Group>();
    if (JSON.stringify(prev.severities) !== JSON.stringify(next.severities)) {
      this.index.setSeverities(next.severities);
      for (const g of this.index.allGroups()) changed.add(g);
    }
    if (first || prev.configDirectory !== next.configDirectory) {
      this.scheduler.removed(this.index.setRoots(this.roots, next.configDirectory));
      for (const g of this.index.allGroups()) changed.add(g);
      await this.registerWatchers();
    }
    this.scheduler.schedule(changed, 0);
  }

  documentChanged(doc: TextDocument): void {
    this.apply(this.index.pathOf(doc.uri, doc.languageId), doc.uri, doc.getText());
  }

  documentClosed(doc: TextDocument): void {
    this.apply(this.index.pathOf(doc.uri, doc.languageId), doc.uri, undefined);
  }

  filesChanged(changes: FileEvent[]): void {
    const changed = new Set<Group>();
    for (const c of changes) {
      const file = fileUriToPath(c.uri);
      if (!file) continue;
      const kind = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      const r = this.index.fileEvent(file, kind);
      this.scheduler.removed(r.removed);
      for (const g of r.changed) changed.add(g);
    }
    this.scheduler.schedule(changed);
  }

  foldersChanged(e: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(e.removed.map((f) => fileUriToPath(f.uri)));
    const added = e.added.map((f) => fileUriToPath(f.uri)).filter((p): p is string => !!p);
    this.roots = [...this.roots.filter((r) => !removed.has(r)), ...added];
    this.scheduler.removed(this.index.setRoots(this.roots, this.settings.configDirectory));
    this.scheduler.schedule(this.index.allGroups(), 0);
  }

  /** On shutdown: stop analyzing. Registrations are left to die with the client (no requests while it goes away). */
  dispose(): void {
    this.scheduler.dispose();
    this.watchers = undefined;
  }

  private apply(file: string | undefined, uri: string, text: string | undefined): void {
    if (!file) return;
    const { changed, removed } = this.index.setDocument(file, uri, text);
    this.scheduler.removed(removed);
    this.scheduler.schedule(changed);
  }

  /** Watch **\/*.conf (and the configured config dir) when the client lets us register dynamically. */
  private async registerWatchers(): Promise<void> {
    const caps = this.client.workspace?.didChangeWatchedFiles;
    if (!caps?.dynamicRegistration) return;
    const watchers: FileSystemWatcher[] = [{ globPattern: WATCH_GLOB }];
    const dir = this.settings.configDirectory;
    if (dir && caps.relativePatternSupport) watchers.push({ globPattern: { baseUri: pathToUri(dir), pattern: '*.conf' } });
    const previous = this.watchers;
    this.watchers = undefined;
    previous?.dispose();
    try {
      this.watchers = await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    } catch (err) {
      this.guard.report('register file watchers', err);
    }
  }
}
