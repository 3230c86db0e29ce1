/**
 * LSP latency with the real language server in-process (the way
 * test/unit/lsp.test.ts drives it): a protocol client talks to startServer()
 * over a pair of in-memory streams. The workspace is written to a temp dir
 * (the server scans workspace folders on disk); the dialplan is opened as an
 * editor buffer and typed into, one character per edit.
 *
 * Keystroke latency = didChange sent → publishDiagnostics for that file
 * received, with asterisk.diagnostics.debounceMs = 0. The server publishes a
 * file only while it has diagnostics, so the opened buffer gets one extra
 * context with a warning ('_.', discouraged-pattern) to make every re-check
 * observable. Hover and completion are measured only when the server
 * advertises hoverProvider / completionProvider.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { GeneratedWorkspace } from './generate';
import { median, percentile } from './stats';

export interface LspResult {
  edits: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
  keystrokeMaxMs: number;
  /** First analysis after didOpen (the buffer differs from the disk). */
  openToDiagnosticsMs: number;
  hoverP95Ms: number | null;
  hoverP50Ms: number | null;
  completionP95Ms: number | null;
  completionP50Ms: number | null;
  notes: string[];
}

const MARKER = '\n[bench-lsp-marker]\n; keeps one warning in this buffer so that every re-check publishes diagnostics\nexten => _.,1,NoOp(marker)\n';

export async function measureLsp(ws: GeneratedWorkspace, opts: { edits?: number; requests?: number } = {}): Promise<LspResult> {
  const edits = opts.edits ?? 50;
  const requests = opts.requests ?? 50;
  // Loaded here, not at the top: the --cold child must not pay for the LSP modules.
  const lsp = await import('vscode-languageserver/node');
  const { startServer } = await import('../../server/src/server');

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'astconf-bench-lsp-'));
  const dir = path.join(root, 'asterisk');
  fs.mkdirSync(dir);
  for (const [file, text] of Object.entries(ws.files)) fs.writeFileSync(path.join(dir, path.relative(ws.dir, file)), text);
  const extFile = path.join(dir, 'extensions.conf');
  const extUri = pathToFileURL(extFile).href;

  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(lsp.createConnection(new lsp.StreamMessageReader(toServer), new lsp.StreamMessageWriter(toClient)));
  const conn = lsp.createProtocolConnection(new lsp.StreamMessageReader(toClient), new lsp.StreamMessageWriter(toServer));

  let published = 0;
  let lastDiagnostics: unknown[] = [];
  const waiters = new Set<() => void>();
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== extUri) return;
    published++;
    lastDiagnostics = p.diagnostics;
    for (const w of [...waiters]) w();
  });
  conn.onRequest(lsp.ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'asterisk' ? { diagnostics: { debounceMs: 0 } } : null)));
  conn.onRequest(lsp.RegistrationRequest.type, () => null);
  conn.listen();

  const waitPublish = (after: number, what: string, timeoutMs = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (published > after) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`LSP bench: timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const notes: string[] = [];
  try {
    const init = await conn.sendRequest(lsp.InitializeRequest.type, {
      processId: null,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
      },
    });
    await conn.sendNotification(lsp.InitializedNotification.type, {});

    // Open the dialplan with the marker context; the first publish carries its warning.
    let text = (ws.files[ws.extensionsPath] ?? '') + MARKER;
    let version = 1;
    const before = published;
    const tOpen = performance.now();
    await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri: extUri, languageId: 'asterisk-dialplan', version, text } });
    await waitPublish(before, 'diagnostics after didOpen');
    // The scan of the folder may publish before the open buffer is analyzed: wait for the marker.
    while (!lastDiagnostics.some((d) => (d as { code?: unknown }).code === 'discouraged-pattern')) await waitPublish(published, 'the marker warning');
    const openToDiagnosticsMs = performance.now() - tOpen;

    // Type into the middle of the file: a Set() value of an [ext-local] user.
    const lines = text.split('\n');
    let line = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith(' same => n,Set(__PICKUPMARK='));
    if (line === -1) line = lines.findIndex((l) => l.startsWith(' same => n,'));
    let column = lines[line]!.lastIndexOf(')');
    const typed = 'abcdefghijklmnopqrstuvwxyz';
    const samples: number[] = [];
    const warmup = 5;
    for (let i = 0; i < warmup + edits; i++) {
      const ch = typed[i % typed.length]!;
      const pos = { line, character: column };
      version++;
      const seen = published;
      const t0 = performance.now();
      await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: extUri, version },
        contentChanges: [{ range: { start: pos, end: pos }, text: ch }],
      });
      await waitPublish(seen, `diagnostics after edit ${i + 1}`);
      const dt = performance.now() - t0;
      if (i >= warmup) samples.push(dt);
      column++;
      lines[line] = lines[line]!.slice(0, pos.character) + ch + lines[line]!.slice(pos.character);
    }
    text = lines.join('\n');

    const caps = init.capabilities;
    const positions = requestPositions(lines);
    let hover: number[] | null = null;
    let hoverAnswered = 0;
    let completionAnswered = 0;
    let completionItems = 0;
    if (caps.hoverProvider) {
      hover = [];
      for (let i = 0; i < 5 + requests; i++) {
        const position = positions.hover[i % positions.hover.length]!;
        const t0 = performance.now();
        const h = await conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: extUri }, position });
        if (i >= 5) {
          hover.push(performance.now() - t0);
          if (h) hoverAnswered++;
        }
      }
      notes.push(`hover: ${hoverAnswered} of ${requests} requests (applications, patterns) returned content`);
    } else notes.push('the server has no hoverProvider yet: hover latency not measured (null)');
    let completion: number[] | null = null;
    if (caps.completionProvider) {
      completion = [];
      for (let i = 0; i < 5 + requests; i++) {
        const position = positions.completion[i % positions.completion.length]!;
        const t0 = performance.now();
        const c = await conn.sendRequest(lsp.CompletionRequest.type, { textDocument: { uri: extUri }, position });
        if (i >= 5) {
          completion.push(performance.now() - t0);
          const items = Array.isArray(c) ? c.length : (c?.items.length ?? 0);
          if (items > 0) completionAnswered++;
          completionItems += items;
        }
      }
      notes.push(`completion: ${completionAnswered} of ${requests} requests (after 'n,', inside Goto()) returned items, ${Math.round(completionItems / requests)} items on average`);
    } else notes.push('the server has no completionProvider yet: completion latency not measured (null)');

    await conn.sendRequest(lsp.ShutdownRequest.type);
    return {
      edits,
      keystrokeP50Ms: median(samples),
      keystrokeP95Ms: percentile(samples, 95),
      keystrokeMaxMs: Math.max(...samples),
      openToDiagnosticsMs,
      hoverP95Ms: hover ? percentile(hover, 95) : null,
      hoverP50Ms: hover ? median(hover) : null,
      completionP95Ms: completion ? percentile(completion, 95) : null,
      completionP50Ms: completion ? median(completion) : null,
      notes,
    };
  } finally {
    conn.dispose();
    server.dispose();
    toServer.destroy();
    toClient.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Where an editor user hovers (applications, Goto targets, patterns) and completes (after `n,`, inside Goto(). */
function requestPositions(lines: string[]): { hover: { line: number; character: number }[]; completion: { line: number; character: number }[] } {
  const hover: { line: number; character: number }[] = [];
  const completion: { line: number; character: number }[] = [];
  const step = Math.max(1, Math.floor(lines.length / 400));
  for (let i = 0; i < lines.length && (hover.length < 60 || completion.length < 60); i += step) {
    const l = lines[i]!;
    const app = /^( same => n(?:\([^)]*\))?,)([A-Za-z]+)\(/.exec(l);
    if (app && hover.length < 60) hover.push({ line: i, character: app[1]!.length + 1 });
    const pat = /^exten => (_[^,]+),/.exec(l);
    if (pat && hover.length < 60) hover.push({ line: i, character: 'exten => '.length + 1 });
    const go = l.indexOf('Goto(');
    if (go !== -1 && completion.length < 60) completion.push({ line: i, character: go + 'Goto('.length });
    if (app && completion.length < 60) completion.push({ line: i, character: app[1]!.length });
  }
  if (hover.length === 0) hover.push({ line: 0, character: 0 });
  if (completion.length === 0) completion.push({ line: 0, character: 0 });
  return { hover, completion };
}
