/**
 * The real language server, in-process: a client protocol connection talks to
 * startServer() over a pair of in-memory streams. Every wait is on a condition
 * (a notification arriving), never a fixed sleep.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver/node';
import { LineIndex, Workspace, type TextEdit as CoreEdit } from '../../server/src/core';
import { confFilesIn, nodeHost } from '../../server/src/node-host';
import { AnalysisRequest } from '../../server/src/lsp/protocol';
import { TestClient, uri } from '../helpers/lsp-client';

const FIXTURES = path.resolve(__dirname, '../fixtures/lsp');

const codes = (d: Diagnostic[]): string[] => d.map((x) => String(x.code));
const runOf = (d: Diagnostic): number => (d.data as { run: number }).run;

function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function applyLspEdits(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const at = (p: { line: number; character: number }): number => li.offsetAt(p.line, p.character);
  return applyEdits(
    text,
    edits.map((e) => ({ start: at(e.range.start), end: at(e.range.end), newText: e.newText })),
  );
}

describe('language server', () => {
  let root: string;
  let dir: string;
  let sip: string;
  let ext: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asterisk-lsp-'));
    dir = path.join(root, 'asterisk'); // an immediate subfolder of the workspace folder
    fs.cpSync(path.join(FIXTURES, 'basic'), dir, { recursive: true });
    sip = path.join(dir, 'sip.conf');
    ext = path.join(dir, 'extensions.conf');
  });

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics for a closed file and an open one, and re-analyzes the group on change', async () => {
    client = await TestClient.start([root]);
    expect(client.initializeResult.capabilities.codeActionProvider).toBeTruthy();

    // sip.conf is never opened: its diagnostics come from the workspace scan.
    const before = await client.diagnosticsWhen(sip, 'deprecated-option', (d) => codes(d).includes('deprecated-option'));
    expect(codes(before)).toEqual(['deprecated-option']);
    const d = before.find((x) => x.code === 'deprecated-option')!;
    expect(d).toMatchObject({ source: 'asterisk', range: { start: { line: 7, character: 0 } } });

    // extensions.conf opened, then edited: its new problem appears, and sip.conf (same group) is re-published.
    const text = fs.readFileSync(ext, 'utf8');
    await client.open(ext, text, 'asterisk-dialplan');
    await client.change(ext, text + 'exten => 101,1,Dial,SIP/x\n');
    const extDiags = await client.diagnosticsWhen(ext, 'app-without-parentheses', (x) => codes(x).includes('app-without-parentheses'));
    const bad = extDiags.find((x) => x.code === 'app-without-parentheses')!;
    expect(bad.range).toEqual({ start: { line: 2, character: 15 }, end: { line: 2, character: 25 } });
    await client.diagnosticsWhen(sip, 'a newer run', (x) => x.length > 0 && runOf(x[0]!) > runOf(d));

    // sip.conf's diagnostics depend on extensions.conf: context=default must exist in the dialplan.
    await client.change(ext, text.replace('[default]', '[internal]'));
    await client.diagnosticsWhen(sip, 'unknown-context', (x) => codes(x).includes('unknown-context'));

    // Restoring the buffer clears both.
    await client.change(ext, text);
    await client.diagnosticsWhen(ext, 'cleared', (x) => x.length === 0);
    await client.diagnosticsWhen(sip, 'no unknown-context', (x) => !codes(x).includes('unknown-context'));

    const summary = await client.conn.sendRequest(AnalysisRequest, {});
    expect(summary.groups.map((g) => g.configDir)).toEqual([dir]);
    expect(summary.groups[0]!.files).toEqual([ext, sip]);
    expect(summary.groups[0]!.byCode['deprecated-option']).toBe(1);
    expect(summary.groups[0]!.byCode['app-without-parentheses']).toBeUndefined();
  });

  it('uses the newest text when changes come faster than the debounce', async () => {
    client = await TestClient.start([root], { settings: { diagnostics: { debounceMs: 50 } } });
    const text = fs.readFileSync(ext, 'utf8');
    await client.open(ext, text, 'asterisk-dialplan');
    let added = '';
    for (let i = 0; i < 5; i++) await client.change(ext, text + (added += `exten => 20${i},1,Dial,SIP/x\n`));
    const diags = await client.diagnosticsWhen(ext, 'five errors', (x) => codes(x).filter((c) => c === 'app-without-parentheses').length === 5);
    expect(diags).toHaveLength(5);
  });

  it('follows file events for closed files and registers a **/*.conf watcher', async () => {
    client = await TestClient.start([root]);
    await client.waitFor('watcher registration', () => client!.registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method));
    expect(JSON.stringify(client.registrations)).toContain('**/*.conf');
    await client.diagnosticsWhen(sip, 'deprecated-option', (d) => codes(d).includes('deprecated-option'));

    fs.writeFileSync(sip, fs.readFileSync(sip, 'utf8').replace('username=alice', 'defaultuser=alice'));
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(sip), type: FileChangeType.Changed }] });
    await client.diagnosticsWhen(sip, 'no deprecated-option', (d) => !codes(d).includes('deprecated-option'));

    // A new file in the group is picked up and analyzed.
    const extra = path.join(dir, 'extensions_extra.conf');
    fs.writeFileSync(extra, '[extra]\nexten => 1,1,Dial,SIP/y\n');
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(extra), type: FileChangeType.Created }] });
    await client.diagnosticsWhen(extra, 'app-without-parentheses', (d) => codes(d).includes('app-without-parentheses'));
    fs.rmSync(extra);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(extra), type: FileChangeType.Deleted }] });
    await client.diagnosticsWhen(extra, 'cleared', (d) => d.length === 0);
  });

  it('applies asterisk.diagnostics.<code> severities and off', async () => {
    client = await TestClient.start([root], { settings: { diagnostics: { debounceMs: 0, 'deprecated-option': 'error' } } });
    await client.diagnosticsWhen(sip, 'deprecated-option as error', (d) => d.some((x) => x.code === 'deprecated-option' && x.severity === 1));

    client.settings = { diagnostics: { debounceMs: 0, 'deprecated-option': 'off' } };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { asterisk: client.settings } });
    await client.diagnosticsWhen(sip, 'no deprecated-option', (d) => !codes(d).includes('deprecated-option'));

    client.settings = { diagnostics: { debounceMs: 0, 'deprecated-option': 'default' } };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { asterisk: client.settings } });
    await client.diagnosticsWhen(sip, 'deprecated-option back as information', (d) => d.some((x) => x.code === 'deprecated-option' && x.severity === 3));
  });

  it('indexes asterisk.configDirectory outside the workspace folders', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'asterisk-etc-'));
    try {
      fs.writeFileSync(path.join(other, 'extensions.conf'), '[default]\nexten => 1,1,Dial,SIP/z\n');
      client = await TestClient.start([root], { settings: { configDirectory: other, diagnostics: { debounceMs: 0 } } });
      await client.diagnosticsWhen(path.join(other, 'extensions.conf'), 'app-without-parentheses', (d) => codes(d).includes('app-without-parentheses'));
      const summary = await client.conn.sendRequest(AnalysisRequest, {});
      expect(summary.groups.map((g) => g.configDir).sort()).toEqual([dir, other].sort());
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('answers code actions with the core fixes of the diagnostics in range', async () => {
    client = await TestClient.start([root]);
    const text = fs.readFileSync(ext, 'utf8') + 'exten => 101,1,Dial,SIP/x\n';
    fs.writeFileSync(ext, text);
    await client.open(ext, text, 'asterisk-dialplan');
    const diags = await client.diagnosticsWhen(ext, 'app-without-parentheses', (x) => codes(x).includes('app-without-parentheses'));
    const d = diags.find((x) => x.code === 'app-without-parentheses')!;

    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(ext) },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];

    // Expected: exactly the core's fixes for this diagnostic.
    const core = new Workspace({ configDir: dir, host: nodeHost() }).analyze(confFilesIn(dir));
    const coreDiag = core.diagnostics.find((x) => x.code === 'app-without-parentheses')!;
    const fixes = coreDiag.fixes ?? [];
    expect(fixes.length).toBeGreaterThan(0);
    expect(actions).toHaveLength(fixes.length);
    fixes.forEach((fix, i) => {
      const action = actions[i]!;
      expect(action).toMatchObject({ title: fix.title, kind: 'quickfix', isPreferred: fix.preferred ?? false, diagnostics: [d] });
      const byFile = new Map<string, CoreEdit[]>();
      for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      expect(Object.keys(action.edit!.changes!).sort()).toEqual([...byFile.keys()].map(uri).sort());
      for (const [file, edits] of byFile) {
        const before = core.texts.get(file) ?? '';
        expect(applyLspEdits(before, action.edit!.changes![uri(file)]!)).toBe(applyEdits(before, edits));
      }
    });

    // Only quick fixes are offered.
    const refactors = await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(ext) }, range: d.range, context: { diagnostics: [d], only: ['refactor'] } });
    expect(refactors).toEqual([]);
  });

  it('answers a code action whose edit lands in another file', async () => {
    client = await TestClient.start([root]);
    const text = fs.readFileSync(ext, 'utf8').replace('[default]', '[internal]');
    await client.open(ext, text, 'asterisk-dialplan');
    const diags = await client.diagnosticsWhen(sip, 'unknown-context', (x) => codes(x).includes('unknown-context'));
    const d = diags.find((x) => x.code === 'unknown-context')!;

    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(sip) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const create = actions.find((a) => a.edit?.changes?.[uri(ext)]);
    expect(create).toMatchObject({ kind: 'quickfix', diagnostics: [d] });
    expect(Object.keys(create!.edit!.changes!)).toEqual([uri(ext)]);
    // The edit applies to the open buffer's text, not the file on disk.
    expect(applyLspEdits(text, create!.edit!.changes![uri(ext)]!)).toMatch(/^\[default\]$/m);
  });

  it('survives handlers that throw', async () => {
    client = await TestClient.start([root]);
    await client.diagnosticsWhen(sip, 'deprecated-option', (d) => codes(d).includes('deprecated-option'));

    const answer = await client.conn.sendRequest('textDocument/codeAction', {}); // no textDocument: the handler throws
    expect(answer).toEqual([]);
    await client.waitFor('a logged failure', () => client!.logs.find((l) => l.includes('codeAction failed')));

    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: null }); // throws in a notification
    await client.waitFor('a logged failure', () => client!.logs.find((l) => l.includes('didChangeWatchedFiles failed')));

    // Still serving: requests answer and edits are analyzed.
    const summary = await client.conn.sendRequest(AnalysisRequest, {});
    expect(summary.groups).toHaveLength(1);
    await client.open(ext, '[default]\nexten => 1,1,Dial,SIP/x\n', 'asterisk-dialplan');
    await client.diagnosticsWhen(ext, 'app-without-parentheses', (x) => codes(x).includes('app-without-parentheses'));
  });

  it('analyzes an open file outside the workspace folders and clears it on close', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'asterisk-open-'));
    try {
      const file = path.join(elsewhere, 'extensions.conf');
      fs.writeFileSync(file, '[default]\n');
      client = await TestClient.start([root]);
      await client.open(file, '[default]\nexten => 1,1,Dial,SIP/x\n', 'asterisk-dialplan');
      await client.diagnosticsWhen(file, 'app-without-parentheses', (x) => codes(x).includes('app-without-parentheses'));
      await client.close(file);
      await client.diagnosticsWhen(file, 'cleared on close', (x) => x.length === 0);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
