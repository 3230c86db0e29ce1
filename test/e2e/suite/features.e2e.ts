/**
 * Pattern hovers and the "Simulate Dial" command. Both are being built: each
 * test is skipped (with the reason) while its feature is absent, and must pass
 * once it is there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, hoverText, itspUri, openDoc, serverCapabilities, waitFor } from './helpers';
import { before, describe, it, skip } from './mocha-api';

/** The winner extension of a simulate result, whatever the result's exact shape. */
function winnerOf(r: any): string | undefined {
  const candidates = [r?.winner?.extension, r?.winner?.exten, r?.winner?.name, r?.winner, r?.extension, r?.find?.found?.extension?.name, r?.find?.found?.extension?.exten];
  return candidates.find((c): c is string => typeof c === 'string');
}

function outcomeText(r: any): string {
  const o = r?.outcome;
  if (typeof o === 'string') return o;
  return o?.message ? `${o.message} ${JSON.stringify(o)}` : JSON.stringify(o ?? r);
}

export default function features(): void {
  describe('features being built', () => {
    before(async () => {
      await activeExtension();
    });

    it('hover on _NXXNXXXXXX explains the pattern (N = 2-9)', async function () {
      const doc = await openDoc(itspUri('extensions.conf'));
      const offset = doc.getText().indexOf('_NXXNXXXXXX');
      assert.ok(offset >= 0, '_NXXNXXXXXX not in extensions.conf');
      const position = doc.positionAt(offset + 1); // on the first N
      const caps = await serverCapabilities();
      const run = () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      if (caps && !caps.hoverProvider) skip(this, 'the language server has no hoverProvider yet (hovers are being built)');
      let hovers = await run();
      if (!caps && (!hovers || hovers.length === 0)) skip(this, 'no hover provider answered on _NXXNXXXXXX (hovers are being built)');
      // The provider is there: it must answer (the first analysis may still be running).
      hovers = await waitFor('a hover on _NXXNXXXXXX', async () => {
        const h = await run();
        return h && h.length > 0 && hoverText(h).trim() !== '' && h;
      });
      const text = hoverText(hovers);
      assert.match(text, /\bN\b/, `hover does not mention N: ${text}`);
      assert.match(text, /2\s*(-|–|to|\.\.)\s*9/, `hover does not say N is 2-9: ${text}`);
    });

    it('asterisk.simulateDial: 2223334444 from [internal] goes out through TheITSP-Out', async function () {
      const commands = await vscode.commands.getCommands(true);
      if (!commands.includes('asterisk.simulateDial')) skip(this, 'the command asterisk.simulateDial is not registered (Simulate Dial is being built)');
      await openDoc(itspUri('extensions.conf'));
      const result = await vscode.commands.executeCommand<any>('asterisk.simulateDial', { number: '2223334444', context: 'internal' });
      assert.ok(result && typeof result === 'object', `asterisk.simulateDial returned ${JSON.stringify(result)}`);
      assert.equal(winnerOf(result), '_NXXNXXXXXX', `winner of ${JSON.stringify(result).slice(0, 500)}`);
      assert.match(outcomeText(result), /TheITSP-Out/);
    });
  });
}
