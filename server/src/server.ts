/**
 * The Asterisk language server: capabilities plus one-line handlers. State and
 * lifecycle live in lsp/session.ts, features in lsp/<feature>.ts, and all the
 * knowledge in the pure core. Every handler is guarded: a failure is logged to
 * the client's console and answered with a fallback, never fatal.
 *
 * Started by the VS Code client over node IPC (dist/server.js --node-ipc), by
 * `astconf lsp --stdio`, or in-process by tests with their own connection.
 *
 * Adding a feature (hover, completion, definition, references, rename, symbols,
 * folding, `asterisk/simulate`): write lsp/<feature>.ts taking the Session and
 * the LSP params, add its capability to `capabilities()`, and one handler line
 * below; custom requests go to lsp/protocol.ts.
 */
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSummary } from './lsp/analysis-request';
import { codeActions } from './lsp/code-actions';
import { makeGuard } from './lsp/guard';
import { AnalysisRequest } from './lsp/protocol';
import { Session } from './lsp/session';

const SERVER_INFO = { name: 'asterisk-config', version: '0.1.0' };

export function capabilities(client: ClientCapabilities): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: client.textDocument?.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/**
 * Start the server on a connection: the given one, or one made from the
 * process arguments (--node-ipc, --stdio, --socket=N, --pipe=NAME).
 */
export function startServer(connection?: Connection): Connection {
  const ownsProcess = !connection;
  const conn = connection ?? createConnection(ProposedFeatures.all);
  const guard = makeGuard(conn.console);
  const documents = new TextDocuments(TextDocument);
  const session = new Session(conn, guard);

  conn.onInitialize((p): InitializeResult => (guard('initialize', () => session.initialize(p))(), { capabilities: capabilities(p.capabilities), serverInfo: SERVER_INFO }));
  conn.onInitialized(guard('initialized', () => session.initialized()));
  conn.onDidChangeConfiguration(guard('didChangeConfiguration', (p) => session.reloadSettings(p.settings)));
  conn.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', (p) => session.filesChanged(p.changes)));
  documents.onDidChangeContent(guard('didChangeContent', (e) => session.documentChanged(e.document)));
  documents.onDidClose(guard('didClose', (e) => session.documentClosed(e.document)));
  conn.onCodeAction(guard('codeAction', (p) => codeActions(session.index, session.scheduler, p), []));
  conn.onRequest(AnalysisRequest, guard('asterisk/analysis', (p) => analysisSummary(session.index, session.scheduler, p), { groups: [] }));
  conn.onShutdown(guard('shutdown', () => session.dispose()));

  if (ownsProcess) {
    // Nothing outside a handler (a timer, a stray promise) may end the process either.
    process.on('uncaughtException', (err) => guard.report('uncaught exception', err));
    process.on('unhandledRejection', (err) => guard.report('unhandled rejection', err));
  }
  documents.listen(conn);
  conn.listen();
  return conn;
}

// Run as dist/server.js (the bundle the client starts), not when bundled into astconf.js.
declare const require: NodeJS.Require | undefined;
declare const module: NodeJS.Module | undefined;
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module && /(^|[\\/])server\.[cm]?[jt]s$/.test(require.main.filename)) {
  startServer();
}
