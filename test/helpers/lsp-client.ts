/**
 * The in-process LSP test client shared by the LSP-level suites: the real
 * server (server/src/server.ts) on a stream pair, a client connection that
 * records diagnostics, logs and registrations, and waits on conditions
 * (never fixed sleeps).
 */
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type Registration,
} from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';

export const uri = (file: string): string => pathToFileURL(file).href;

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, symbol: {}, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  textDocument: {
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { relatedInformation: true },
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    documentLink: {},
    hover: { contentFormat: ['markdown'] },
    completion: { completionItem: { snippetSupport: true } },
  },
};

/** A minimal LSP client recording what the server sends. */
export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  settings: Record<string, unknown> = { diagnostics: { debounceMs: 0 } };
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly conn: ProtocolConnection,
    readonly server: Connection,
  ) {
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
      this.wake();
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'asterisk' ? this.settings : null)));
    conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
  }

  /** The server's capabilities (alias of initializeResult). */
  get init(): InitializeResult {
    return this.initializeResult;
  }

  /**
   * Start the real server in-process on a stream pair and initialize it with
   * these workspace folders (settings: the `asterisk` section; capabilities
   * replace the defaults below).
   */
  static async start(folders: string[], options: { settings?: Record<string, unknown>; capabilities?: ClientCapabilities } = {}): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
    const conn = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const client = new TestClient(conn, server);
    if (options.settings) client.settings = options.settings;
    conn.listen();
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      workspaceFolders: folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the first truthy value of `check`, re-evaluated on every message from the server. */
  waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const v = check();
        if (!v) return false;
        this.waiters.delete(attempt);
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics].map(([u, d]) => [u, d.map((x) => x.code)]))}; logs: ${this.logs.join('\n')}`));
      }, timeoutMs);
      if (!attempt()) this.waiters.add(attempt);
    });
  }

  /** Diagnostics of a file, once they satisfy `ok`. */
  diagnosticsWhen(file: string, what: string, ok: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(`${path.basename(file)}: ${what}`, () => {
      const d = this.diagnostics.get(uri(file));
      return d && ok(d) ? d : undefined;
    });
  }

  async open(file: string, text: string, languageId = 'asterisk'): Promise<void> {
    this.versions.set(file, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId, version: 1, text } });
  }

  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
  }

  async close(file: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri(file) } });
  }

  async dispose(): Promise<void> {
    await this.conn.sendRequest(ShutdownRequest.type);
    this.conn.dispose();
    this.server.dispose();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

