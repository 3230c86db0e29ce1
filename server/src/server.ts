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
import { AnalysisRequest, SimulateRequest, SimulateTargetsRequest } from './lsp/protocol';
import { Session } from './lsp/session';
import { CompletionFeature, completionOptions } from './lsp/completion';
import { hover } from './lsp/hover';
import { simulateCodeLenses, simulateDial, simulateTargets } from './lsp/simulate';
import { definition, prepareRename, references, rename } from './lsp/navigation';
import { documentLinks, documentSymbols, foldingRanges, workspaceSymbols } from './lsp/symbols';

const SERVER_INFO = { name: 'asterisk-config', version: '0.1.0' };

export function capabilities(client: ClientCapabilities): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: client.textDocument?.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
    codeLensProvider: { resolveProvider: false },
    hoverProvider: true,
    completionProvider: completionOptions,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
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
  const completion = new CompletionFeature(session.index, session.scheduler);

  conn.onInitialize((p): InitializeResult => (guard('initialize', () => (session.initialize(p), completion.setClient(p.capabilities)))(), { capabilities: capabilities(p.capabilities), serverInfo: SERVER_INFO }));
  conn.onInitialized(
    guard('initialized', () => {
      conn.console.info(`Asterisk language server ${SERVER_INFO.version} on Node ${process.version}${process.execArgv.length ? ` (${process.execArgv.join(' ')})` : ''}`);
      session.initialized();
    }),
  );
  conn.onDidChangeConfiguration(guard('didChangeConfiguration', (p) => session.reloadSettings(p.settings)));
  conn.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', (p) => session.filesChanged(p.changes)));
  documents.onDidChangeContent(guard('didChangeContent', (e) => session.documentChanged(e.document)));
  documents.onDidClose(guard('didClose', (e) => session.documentClosed(e.document)));
  conn.onCodeAction(guard('codeAction', (p) => codeActions(session.index, session.scheduler, p), []));
  conn.onRequest(AnalysisRequest, guard('asterisk/analysis', (p) => analysisSummary(session.index, session.scheduler, p), { groups: [] }));
  conn.onCodeLens(guard('codeLens', (p) => simulateCodeLenses(session.index, session.scheduler, p), []));
  conn.onRequest(SimulateRequest, guard('asterisk/simulate', (p) => simulateDial(session.index, session.scheduler, p), { error: 'the simulation failed (see the Asterisk Config output)' }));
  conn.onRequest(SimulateTargetsRequest, guard('asterisk/simulateTargets', (p) => simulateTargets(session.index, session.scheduler, p), { contexts: [], devices: [] }));
  conn.onHover(guard('hover', (p) => hover(session.index, session.scheduler, p), null));
  conn.onCompletion(guard('completion', (p) => completion.complete(p), []));
  conn.onDefinition(guard('definition', (p) => definition(session.index, session.scheduler, p), []));
  conn.onReferences(guard('references', (p) => references(session.index, session.scheduler, p), []));
  conn.onPrepareRename(guard('prepareRename', (p) => prepareRename(session.index, session.scheduler, p), null));
  conn.onRenameRequest(guard('rename', (p) => rename(session.index, session.scheduler, p, (m) => conn.console.info(m)), null));
  conn.onDocumentSymbol(guard('documentSymbol', (p) => documentSymbols(session.index, session.scheduler, p), []));
  conn.onWorkspaceSymbol(guard('workspaceSymbol', (p) => workspaceSymbols(session.index, session.scheduler, p), []));
  conn.onFoldingRanges(guard('foldingRange', (p) => foldingRanges(session.index, p), []));
  conn.onDocumentLinks(guard('documentLink', (p) => documentLinks(session.index, session.scheduler, p), []));
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
