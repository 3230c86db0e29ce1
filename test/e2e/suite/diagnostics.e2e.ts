/**
 * Diagnostics reach VS Code with the right codes and ranges, and quick fixes
 * edit the file: examples/itsp is clean; broken copies of it are not.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, describeDiagnostics, diagnosticsOf, brokenCopy, itspUri, lineOf, MISSION_CODES, openDoc, serverRequest, waitFor } from './helpers';
import { before, describe, it } from './mocha-api';

interface AnalysisSummary {
  groups: { configDir: string; files: string[]; diagnostics: number; byCode: Record<string, number> }[];
}

/** The code action whose edit fixes `diagnostic`, found through VS Code's code-action provider command. */
async function quickFixFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await waitFor(`a quick fix for ${codeOf(diagnostic)}`, async () => {
    const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const fixes = (all ?? []).filter((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && title.test(a.title));
    return fixes.length > 0 && fixes;
  });
  return actions[0]!;
}

export default function diagnostics(): void {
  describe('diagnostics', () => {
    before(async () => {
      await activeExtension();
    });

    it('examples/itsp has none of the mission codes', async () => {
      const sip = await openDoc(itspUri('sip.conf'));
      const ext = await openDoc(itspUri('extensions.conf'));
      // Bring the server's analysis up to date (asterisk/analysis), then compare with what VS Code shows.
      const summary = await serverRequest<AnalysisSummary>('asterisk/analysis', { uri: sip.uri.toString() });
      if (summary) {
        const dir = path.dirname(sip.uri.fsPath);
        const group = summary.groups.find((g) => g.configDir === dir);
        assert.ok(group, `the server has no group for ${dir}: ${JSON.stringify(summary.groups.map((g) => g.configDir))}`);
        for (const code of MISSION_CODES) assert.equal(group.byCode[code] ?? 0, 0, `the server reports ${code} on examples/itsp`);
        const shown = () => group.files.reduce((n, f) => n + vscode.languages.getDiagnostics(vscode.Uri.file(f)).length, 0);
        await waitFor(`VS Code to show the server's ${group.diagnostics} diagnostic(s)`, () => shown() === group.diagnostics);
      }
      for (const doc of [sip, ext]) {
        const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => MISSION_CODES.includes(codeOf(d) ?? ''));
        assert.deepEqual(found.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`), [], `${path.basename(doc.uri.fsPath)} has mission diagnostics`);
      }
    });

    describe('a copy with insecure=very', () => {
      let uri: vscode.Uri;
      let line: number;
      let diagnostic: vscode.Diagnostic;

      before(async () => {
        const dir = brokenCopy({ 'sip.conf': (t) => t.replace(/^insecure=port,invite$/m, 'insecure=very') });
        uri = vscode.Uri.file(path.join(dir, 'sip.conf'));
        const doc = await openDoc(uri);
        line = lineOf(doc, 'insecure=very');
      });

      it('reports invalid-insecure on the value of that line', async () => {
        diagnostic = (await waitFor(`invalid-insecure in ${uri.fsPath}`, () => diagnosticsOf(uri, 'invalid-insecure')[0], 30_000));
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(diagnostic.source, 'asterisk');
        const col = 'insecure='.length;
        assert.deepEqual(
          [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
          [line, col, line, col + 'very'.length],
          'range of invalid-insecure',
        );
        assert.match(diagnostic.message, /very/);
        assert.equal(diagnosticsOf(uri, 'invalid-insecure').length, 1, describeDiagnostics(uri));
      });

      it('quick fix "Change to insecure=port,invite" edits the file', async () => {
        assert.ok(diagnostic, 'needs the diagnostic of the previous test');
        const action = await quickFixFor(uri, diagnostic, /insecure=port,invite/);
        assert.ok(action.edit);
        assert.ok(await vscode.workspace.applyEdit(action.edit), 'workspace.applyEdit failed');
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.equal(doc.lineAt(line).text, 'insecure=port,invite');
        assert.ok(await doc.save(), 'save failed');
        await waitFor('invalid-insecure to go away after the fix', () => diagnosticsOf(uri, 'invalid-insecure').length === 0, 30_000);
      });
    });

    describe('a copy with a phone without secret', () => {
      let uri: vscode.Uri;
      let line: number;
      let diagnostic: vscode.Diagnostic;

      before(async () => {
        const dir = brokenCopy({ 'sip.conf': (t) => `${t.trimEnd()}\n\n; a second desk phone, forgotten secret\n[TestPhone-B](office-phone)\n` });
        uri = vscode.Uri.file(path.join(dir, 'sip.conf'));
        const doc = await openDoc(uri);
        line = lineOf(doc, '[TestPhone-B](office-phone)');
      });

      it('reports missing-secret on the section name', async () => {
        diagnostic = await waitFor(`missing-secret in ${uri.fsPath}`, () => diagnosticsOf(uri, 'missing-secret').find((d) => d.range.start.line === line), 30_000);
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.deepEqual(
          [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
          [line, 1, line, 1 + 'TestPhone-B'.length],
          'range of missing-secret',
        );
        assert.match(diagnostic.message, /TestPhone-B/);
      });

      it('quick fix "Add a random secret" edits the file', async () => {
        assert.ok(diagnostic, 'needs the diagnostic of the previous test');
        const action = await quickFixFor(uri, diagnostic, /secret/i);
        assert.ok(await vscode.workspace.applyEdit(action.edit!), 'workspace.applyEdit failed');
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.match(doc.lineAt(line + 1).text, /^secret=\S{8,}$/, 'a secret= line after the section header');
        await waitFor('missing-secret to go away after the fix', () => diagnosticsOf(uri, 'missing-secret').length === 0, 30_000);
        assert.ok(await doc.save(), 'save failed');
      });
    });
  });
}
