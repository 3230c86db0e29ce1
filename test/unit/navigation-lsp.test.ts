/**
 * Definition, references, rename, document/workspace symbols, folding and
 * document links through the real language server, in-process (the harness
 * of lsp.test.ts, reduced to requests). The config dir is an immediate
 * subfolder of the workspace folder; extensions.conf is sometimes opened with
 * unsaved text to check that answers follow the buffer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ShutdownRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type Location,
  type Position,
  type TextEdit,
} from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/core';
import { TestClient, uri } from '../helpers/lsp-client';
import { tempConfigDir } from '../helpers/shared';


const SIP = `[general]
context=unauthenticated
allowguest=no
register => TheITSP-Out?myaccount:welcome@myitsp.example.com/5551112222

; Incoming calls from the provider
[TheITSP-In]
type=peer
host=myitsp.example.com
insecure=port,invite
context=incoming

[TheITSP-Out]
type=peer
host=myitsp.example.com
fromuser=myaccount
secret=welcome

[office-phone](!)
type=friend
host=dynamic
context=internal

[TestPhone-A](office-phone)
secret=3xamplE-A-only
`;

const EXT = `[unauthenticated]
exten => _X.,1,Hangup()

[incoming]
exten => 5551112222,1,Goto(phones,100,1)
 same => n,Hangup()

[phones]
exten => 100,1,Dial(SIP/TestPhone-A,20)
 same => n(vm),VoiceMail(100@default,u)
 same => n,Hangup()

[internal]
include => phones
exten => _NXXNXXXXXX,1,Dial(SIP/TheITSP-Out/\${EXTEN})
 same => n,Hangup()
#include "extensions-custom.conf"
`;

const CUSTOM = `[custom]
exten => 1,1,Goto(phones,100,vm)
`;

type Client = TestClient;

const start = (folder: string): Promise<Client> => TestClient.start([folder]);

describe('navigation through the language server', () => {
  let root: string;
  let dir: string;
  let sip: string;
  let ext: string;
  let client: Client | undefined;

  beforeEach(() => {
    ({ root, dir } = tempConfigDir('asterisk-nav-', { 'sip.conf': SIP, 'extensions.conf': EXT, 'extensions-custom.conf': CUSTOM }));
    sip = path.join(dir, 'sip.conf');
    ext = path.join(dir, 'extensions.conf');
  });

  afterEach(async () => {
    if (client) {
      await client.conn.sendRequest(ShutdownRequest.type);
      client.conn.dispose();
      client.server.dispose();
    }
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** The position of `<|>` in a snippet that occurs once in the text. */
  function pos(text: string, marked: string): Position {
    const snippet = marked.replace('<|>', '');
    const at = text.indexOf(snippet);
    expect(at, `${snippet} in the text`).not.toBe(-1);
    expect(text.indexOf(snippet, at + 1), `${snippet} once`).toBe(-1);
    return new LineIndex(text).position(at + marked.indexOf('<|>'));
  }

  /** `file:line:col-line:col`, 1-based. */
  const fmt = (l: Location): string =>
    `${path.basename(new URL(l.uri).pathname)}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.line + 1}:${l.range.end.character + 1}`;

  function apply(text: string, edits: TextEdit[]): string {
    const li = new LineIndex(text);
    let out = text;
    const at = (p: Position): number => li.offsetAt(p.line, p.character);
    for (const e of [...edits].sort((a, b) => at(b.range.start) - at(a.range.start))) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
    return out;
  }

  it('announces the capabilities', async () => {
    client = await start(root);
    expect(client.init.capabilities).toMatchObject({
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
    });
  });

  it('goes to definitions across files (closed files, read from disk)', async () => {
    client = await start(root);
    const def = async (file: string, text: string, marked: string): Promise<string[]> =>
      ((await client!.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(file) }, position: pos(text, marked) })) as Location[]).map(fmt);
    expect(await def(ext, EXT, 'Dial(SIP/TheITSP-<|>Out/')).toEqual(['sip.conf:13:2-13:13']);
    expect(await def(sip, SIP, 'context=incom<|>ing')).toEqual(['extensions.conf:4:2-4:10']);
    expect(await def(sip, SIP, '[TestPhone-A](office<|>-phone)')).toEqual(['sip.conf:19:2-19:14']);
    expect(await def(ext, EXT, 'Goto(phones,1<|>00,1)')).toEqual(['extensions.conf:9:10-9:13']);
    // From an included file: the label in extensions.conf.
    expect(await def(path.join(dir, 'extensions-custom.conf'), CUSTOM, 'Goto(phones,100,v<|>m)')).toEqual(['extensions.conf:10:12-10:14']);
    expect(await def(ext, EXT, '#include "extensions-cus<|>tom.conf"')).toEqual(['extensions-custom.conf:1:1-1:1']);
  });

  it('follows the unsaved text of an open document', async () => {
    client = await start(root);
    const text = EXT.replace('[phones]', '\n\n[phones]');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ext), languageId: 'asterisk-dialplan', version: 1, text } });
    const locs = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(sip) }, position: pos(SIP, 'context=intern<|>al') })) as Location[];
    expect(locs.map(fmt)).toEqual(['extensions.conf:15:2-15:10']);
  });

  it('finds references in both files', async () => {
    client = await start(root);
    const refs = (await client.conn.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri(ext) },
      position: pos(EXT, '[pho<|>nes]'),
      context: { includeDeclaration: true },
    })) as Location[];
    expect(refs.map(fmt)).toEqual(['extensions-custom.conf:2:19-2:25', 'extensions.conf:5:28-5:34', 'extensions.conf:8:2-8:8', 'extensions.conf:14:12-14:18']);
    const dev = (await client.conn.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri(sip) },
      position: pos(SIP, '[TheITSP<|>-Out]'),
      context: { includeDeclaration: false },
    })) as Location[];
    expect(dev.map(fmt)).toEqual(['extensions.conf:15:33-15:44', 'sip.conf:4:13-4:24']);
  });

  it('renames a device with one WorkspaceEdit over sip.conf and extensions.conf', async () => {
    client = await start(root);
    const position = pos(EXT, 'Dial(SIP/TheITSP-<|>Out/');
    const prep = await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uri(ext) }, position });
    expect(prep).toEqual({ range: { start: { line: 14, character: 32 }, end: { line: 14, character: 43 } }, placeholder: 'TheITSP-Out' });

    const edit = await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: uri(ext) }, position, newName: 'Provider-Out' });
    const changes = edit!.changes!;
    expect(Object.keys(changes).sort()).toEqual([uri(ext), uri(sip)].sort());
    expect(apply(SIP, changes[uri(sip)]!)).toBe(SIP.replace('register => TheITSP-Out?', 'register => Provider-Out?').replace('[TheITSP-Out]', '[Provider-Out]'));
    expect(apply(EXT, changes[uri(ext)]!)).toBe(EXT.replace('SIP/TheITSP-Out/', 'SIP/Provider-Out/'));
  });

  it('renames a context in every file that names it', async () => {
    client = await start(root);
    const edit = await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: uri(sip) }, position: pos(SIP, 'context=intern<|>al'), newName: 'office' });
    const changes = edit!.changes!;
    expect(Object.keys(changes).sort()).toEqual([uri(ext), uri(sip)].sort());
    expect(apply(SIP, changes[uri(sip)]!)).toContain('context=office\n');
    expect(apply(EXT, changes[uri(ext)]!)).toContain('[office]\ninclude => phones');
  });

  it('refuses renames with a message', async () => {
    client = await start(root);
    await expect(
      client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uri(ext) }, position: pos(EXT, 'Dia<|>l(SIP/TestPhone-A') }),
    ).rejects.toThrow(/Applications cannot be renamed/);
    await expect(
      client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: uri(ext) }, position: pos(EXT, '[pho<|>nes]'), newName: 'internal' }),
    ).rejects.toThrow(/already exists/);
    await expect(
      client.conn.sendRequest(RenameRequest.type, { textDocument: { uri: uri(ext) }, position: pos(EXT, '[pho<|>nes]'), newName: 'my phones' }),
    ).rejects.toThrow(/spaces/);
  });

  it('outlines a document and searches the workspace', async () => {
    client = await start(root);
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(ext) } })) as DocumentSymbol[];
    const names = (s: DocumentSymbol[], indent = ''): string[] => s.flatMap((x) => [`${indent}${x.name}${x.detail ? ` [${x.detail}]` : ''}`, ...names(x.children ?? [], indent + '  ')]);
    expect(names(symbols)).toEqual([
      'unauthenticated [1 extension]',
      '  _X. [1 priority]',
      'incoming [1 extension]',
      '  5551112222 [2 priorities]',
      'phones [1 extension]',
      '  100 [3 priorities]',
      'internal [1 extension]',
      '  _NXXNXXXXXX [2 priorities]',
    ]);
    expect(symbols[1]!.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 5, character: 19 } });

    const found = await client.conn.sendRequest(WorkspaceSymbolRequest.type, { query: 'itsp' });
    expect((found as { name: string }[]).map((s) => s.name)).toEqual(['TheITSP-In', 'TheITSP-Out']);
  });

  it('folds sections and extensions, and links #include', async () => {
    client = await start(root);
    const folds = await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri(ext) } });
    expect(folds!.map((f) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`)).toEqual(['1-2', '4-6', '5-6', '8-11', '9-11', '13-17', '15-16']);
    const sipFolds = await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri(sip) } });
    expect(sipFolds!.map((f) => `${f.startLine + 1}-${f.endLine + 1}`)).toEqual(['1-4', '7-11', '13-17', '19-22', '24-25']);

    const links = await client.conn.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri(ext) } });
    expect(links).toEqual([{ range: { start: { line: 16, character: 10 }, end: { line: 16, character: 32 } }, target: uri(path.join(dir, 'extensions-custom.conf')) }]);
  });
});
