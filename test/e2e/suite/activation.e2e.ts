/** The extension activates on the example workspace and claims sip.conf / extensions.conf. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, EXTENSION_ID, itspUri, openDoc, waitFor } from './helpers';
import { describe, it } from './mocha-api';

export default function activation(): void {
  describe('activation on examples/itsp', () => {
    it('is activated by the workspace (workspaceContains sip.conf) and starts the language server', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
      // Activated by the workspace itself, before any test touches it.
      await waitFor('activation by workspaceContains', () => ext.isActive, 60_000);
      const { api } = await activeExtension();
      const client = api?.client;
      if (client) {
        await waitFor('the language client to run', () => typeof client.isRunning !== 'function' || client.isRunning(), 30_000);
      }
    });

    it('opens sip.conf as asterisk-sip', async () => {
      const doc = await openDoc(itspUri('sip.conf'));
      assert.equal(doc.languageId, 'asterisk-sip');
    });

    it('opens extensions.conf as asterisk-dialplan', async () => {
      const doc = await openDoc(itspUri('extensions.conf'));
      assert.equal(doc.languageId, 'asterisk-dialplan');
    });

    it('registers its commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('asterisk.restartServer'), 'asterisk.restartServer is not registered');
    });
  });
}
