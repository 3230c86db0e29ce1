/** Helpers of the extension-host tests: waiting on conditions, the workspace, the extension. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'asterisk-config.asterisk-config';
/** The codes of the mission rules: examples/itsp must have none of them. */
export const MISSION_CODES = ['missing-secret', 'invalid-insecure', 'unknown-context', 'toll-fraud-route', 'did-not-routed'];

/** Poll `probe` until it returns a truthy value (never a fixed sleep); fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The workspace: a fresh copy of examples/itsp opened as the (first) folder by
 * the runner (scripts/e2e/run-ext-tests.mjs or run-electron.mjs).
 */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner opens a copy of examples/itsp');
  const dir = folder.uri.fsPath;
  assert.ok(fs.existsSync(path.join(dir, 'sip.conf')) && fs.existsSync(path.join(dir, 'extensions.conf')), `${dir} is not a copy of examples/itsp`);
  return dir;
}

export function itspUri(name: 'sip.conf' | 'extensions.conf'): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}

let copies = 0;
/**
 * A copy of examples/itsp in a new immediate subfolder of the workspace (the
 * server scans those), with `edit` applied to the text of each file.
 */
export function brokenCopy(edit: Partial<Record<'sip.conf' | 'extensions.conf', (text: string) => string>>): string {
  const src = workspaceDir();
  const dir = path.join(src, `broken-${process.pid}-${++copies}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ['sip.conf', 'extensions.conf'] as const) {
    const text = fs.readFileSync(path.join(src, name), 'utf8');
    const fn = edit[name];
    const out = fn ? fn(text) : text;
    if (fn) assert.notEqual(out, text, `the edit of ${name} changed nothing`);
    fs.writeFileSync(path.join(dir, name), out);
  }
  return dir;
}

export async function openDoc(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The 0-based line whose text (trimmed of trailing spaces) equals `text`. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trimEnd() === text) return i;
  assert.fail(`no line '${text}' in ${doc.uri.fsPath}`);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function diagnosticsOf(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => code === undefined || codeOf(d) === code);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  return JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`));
}

/** The Asterisk extension, activated; its exports (`{ client }`, see client/src/extension.ts). */
export async function activeExtension(): Promise<{ ext: vscode.Extension<any>; api: any }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await waitFor('the extension to activate', async () => (await ext.activate(), ext.isActive && { api: ext.exports }), 60_000);
  return { ext, api: api.api };
}

/** A request to the language server, when the extension exposes its client; undefined otherwise. */
export async function serverRequest<T>(method: string, params: unknown): Promise<T | undefined> {
  const { api } = await activeExtension();
  const client = api?.client;
  if (!client || typeof client.sendRequest !== 'function') return undefined;
  return (await client.sendRequest(method, params)) as T;
}

/** The language server's capabilities, when the extension exposes its client. */
export async function serverCapabilities(): Promise<Record<string, unknown> | undefined> {
  const { api } = await activeExtension();
  return api?.client?.initializeResult?.capabilities;
}

/** Text of hovers (markdown or plain). */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
