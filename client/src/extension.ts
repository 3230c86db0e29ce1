/**
 * The VS Code client: starts dist/server.js over node IPC for the Asterisk
 * languages and forwards settings (`asterisk.*`) and *.conf file events. All
 * the work happens in the language server; the client adds the Simulate Dial
 * commands and panel (simulate.ts).
 */
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/node-flags';
import { registerSimulate } from './simulate';

export const LANGUAGES = ['asterisk', 'asterisk-sip', 'asterisk-dialplan', 'asterisk-pjsip'];

/** What `activate` returns, for tests (`vscode.extensions.getExtension(...).exports`). */
export interface AsteriskApi {
  client: LanguageClient;
}

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<AsteriskApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };

  const documentSelector: DocumentSelector = LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const outputChannel = window.createOutputChannel('Asterisk Config');
  const fileEvents = workspace.createFileSystemWatcher('**/*.conf');
  context.subscriptions.push(outputChannel, fileEvents);

  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel,
    // The id 'asterisk' makes the client honour the `asterisk.trace.server` setting.
    synchronize: { configurationSection: 'asterisk', fileEvents },
    // Hovers offer "Simulate dial…" as a command link; trust exactly that command.
    markdown: { isTrusted: { enabledCommands: ['asterisk.simulateDial'] } },
  };
  client = new LanguageClient('asterisk', 'Asterisk Config', serverOptions, clientOptions);

  context.subscriptions.push(
    commands.registerCommand('asterisk.restartServer', async () => {
      outputChannel.appendLine('Restarting the Asterisk language server…');
      await client?.restart();
    }),
  );
  // Registered before the client starts: requests wait for it.
  registerSimulate(context, client);

  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.stop();
}
