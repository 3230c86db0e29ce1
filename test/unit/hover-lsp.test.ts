/**
 * Hover and completion through the real language server, in-process (the
 * harness of lsp.test.ts, reduced to what these requests need): capabilities,
 * positions, a hover that reflects an edit made just before it, masked
 * secrets, and snippets only for clients that support them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  HoverRequest,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { TestClient, uri } from '../helpers/lsp-client';
import { tempConfigDir } from '../helpers/shared';


const SIP = `[general]
context=default
allowguest=no

[alice]
type=friend
host=dynamic
secret=Xq7-pw-9f
context=default
`;

const EXT = `[default]
exten => 100,1,Dial(SIP/alice)
`;

/** The shared test client plus hover and completion at `<|>` markers. */
class Client {
  private constructor(readonly base: TestClient) {}

  get conn() {
    return this.base.conn;
  }

  get initializeResult() {
    return this.base.initializeResult;
  }

  static async start(folder: string, snippets: boolean): Promise<Client> {
    const base = await TestClient.start([folder], {
      // A long debounce: hover must still see an edit made just before it.
      settings: { diagnostics: { debounceMs: 10_000 } },
      capabilities: {
        workspace: { configuration: true },
        textDocument: { completion: { completionItem: { snippetSupport: snippets } }, hover: { contentFormat: ['markdown'] } },
      },
    });
    return new Client(base);
  }

  open(file: string, text: string, languageId: string): Promise<void> {
    return this.base.open(file, text, languageId);
  }

  change(file: string, text: string): Promise<void> {
    return this.base.change(file, text);
  }

  /** Hover at the `<|>` of `marked` (the document's current text with a marker). */
  async hover(file: string, marked: string): Promise<string | undefined> {
    const h: Hover | null = await this.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: positionOf(marked) });
    return h ? (h.contents as MarkupContent).value : undefined;
  }

  async complete(file: string, marked: string): Promise<CompletionItem[]> {
    const r: CompletionItem[] | CompletionList | null = await this.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(file) }, position: positionOf(marked) });
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  dispose(): Promise<void> {
    return this.base.dispose();
  }
}

function positionOf(marked: string): { line: number; character: number } {
  const at = marked.indexOf('<|>');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

function mark(text: string, needle: string, k: number): string {
  const i = text.indexOf(needle);
  return text.slice(0, i + k) + '<|>' + text.slice(i + k);
}

describe('hover and completion through the language server', () => {
  let root: string;
  let dir: string;
  let sip: string;
  let ext: string;
  let client: Client | undefined;

  beforeEach(() => {
    ({ root, dir } = tempConfigDir('asterisk-hover-', { 'sip.conf': SIP, 'extensions.conf': EXT }));
    sip = path.join(dir, 'sip.conf');
    ext = path.join(dir, 'extensions.conf');
  });

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('announces hover and completion with the trigger characters', async () => {
    client = await Client.start(root, true);
    const caps = client.initializeResult.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.completionProvider?.triggerCharacters).toEqual(['=', '>', '/', '(', ',', '{', '$']);
  });

  it('hovers an application, a closed file, and reflects an edit made just before', async () => {
    client = await Client.start(root, true);
    await client.open(ext, EXT, 'asterisk-dialplan');
    expect(await client.hover(ext, mark(EXT, 'Dial(', 1))).toContain('**Dial**');

    // sip.conf is not open: its text comes from disk; the secret stays hidden.
    const secretHover = await client.hover(sip, mark(SIP, 'secret=Xq7', 9));
    expect(secretHover).toContain('••••••');
    expect(secretHover).not.toContain('Xq7-pw-9f');
    const device = await client.hover(ext, mark(EXT, 'SIP/alice', 6));
    expect(device).toContain('**SIP friend** `[alice]`');
    expect(device).not.toContain('Xq7-pw-9f');

    // The debounce is 10 s: the hover itself must bring the analysis up to date.
    const edited = EXT + 'exten => _NXXNXXXXXX,1,NoOp()\n';
    await client.change(ext, edited);
    const h = await client.hover(ext, mark(edited, '_NXXNXXXXXX', 2));
    expect(h).toContain('`N` — a digit 2–9');
    expect(h).toContain('exactly 10 digits');
    expect(h).toContain('Not `1234567890`');
  });

  it('completes with snippets for a client that supports them', async () => {
    client = await Client.start(root, true);
    const typed = EXT + 'exten => 200,1,<|>';
    await client.open(ext, typed.replace('<|>', ''), 'asterisk-dialplan');
    const items = await client.complete(ext, typed);
    const dial = items.find((i) => i.label === 'Dial')!;
    expect(dial.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(dial.textEdit && 'newText' in dial.textEdit ? dial.textEdit.newText : undefined).toBe('Dial(${1:SIP/peer},${2:30})');

    const sipTyped = SIP + 'insecure=<|>';
    await client.open(sip, sipTyped.replace('<|>', ''), 'asterisk-sip');
    const values = await client.complete(sip, sipTyped);
    expect(values.map((i) => i.label)).toEqual(['port', 'invite', 'port,invite', 'no']);
    const edit = values[2]!.textEdit as { range: { start: { line: number; character: number } }; newText: string };
    expect(edit.newText).toBe('port,invite');
    expect(edit.range.start).toEqual(positionOf(sipTyped));
  });

  it('sends plain text to a client without snippet support', async () => {
    client = await Client.start(root, false);
    const typed = EXT + 'exten => 200,1,<|>';
    await client.open(ext, typed.replace('<|>', ''), 'asterisk-dialplan');
    const dial = (await client.complete(ext, typed)).find((i) => i.label === 'Dial')!;
    expect(dial.insertTextFormat).toBeUndefined();
    expect(dial.textEdit && 'newText' in dial.textEdit ? dial.textEdit.newText : undefined).toBe('Dial(SIP/peer,30)');
    // Typed after the last analysis: names come from that analysis, the position from the new text.
    const dialing = EXT + 'exten => 200,1,Dial(SIP/<|>';
    await client.change(ext, dialing.replace('<|>', ''));
    expect((await client.complete(ext, dialing)).map((i) => i.label)).toEqual(['alice']);
  });
});
