/**
 * Simulate dial through the real language server, in-process: `asterisk/simulate`,
 * `asterisk/simulateTargets` and the code lenses on a copy of examples/itsp.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeLensRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ShutdownRequest,
} from 'vscode-languageserver/node';
import { SimulateRequest, SimulateTargetsRequest, type SimulateParams, type SimulateReport, type SimulateResponse } from '../../server/src/lsp/protocol';
import { TestClient, uri } from '../helpers/lsp-client';
import { ROOT } from '../helpers/shared';


const startClient = (folder: string): Promise<TestClient> => TestClient.start([folder]);

function ok(r: SimulateResponse): SimulateReport {
  if ('error' in r) throw new Error(`asterisk/simulate failed: ${r.error}`);
  return r;
}

describe('asterisk/simulate through the language server (examples/itsp)', () => {
  let root: string;
  let dir: string;
  let ext: string;
  let sip: string;
  let client: Awaited<ReturnType<typeof startClient>>;
  const sim = (p: SimulateParams) => client.conn.sendRequest(SimulateRequest, p);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asterisk-sim-'));
    dir = path.join(root, 'itsp');
    fs.cpSync(path.join(ROOT, 'examples/itsp'), dir, { recursive: true });
    ext = path.join(dir, 'extensions.conf');
    sip = path.join(dir, 'sip.conf');
    client = await startClient(root);
  });

  afterAll(async () => {
    await client.conn.sendRequest(ShutdownRequest.type);
    client.conn.dispose();
    client.server.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('announces code lenses', () => {
    expect(client.init.capabilities.codeLensProvider).toBeTruthy();
  });

  it('2223334444 from [internal] → _NXXNXXXXXX, out through TheITSP-Out', async () => {
    const r = ok(await sim({ number: '2223334444', context: 'internal', uri: uri(ext) }));
    expect(r.configDir).toBe(dir);
    expect(r.winner).toMatchObject({ extension: '_NXXNXXXXXX', context: 'internal', uri: uri(ext), file: 'extensions.conf', line: 31, priority: 1 });
    expect(r.outcome.kind).toBe('dial');
    expect(r.outcome.message).toContain('TheITSP-Out');
    expect(r.outcome.trunk).toMatchObject({ name: 'TheITSP-Out', uri: uri(sip), file: 'sip.conf', line: 26, number: '2223334444', authenticated: true });
    expect(r.trace).toEqual([
      { context: 'internal', exten: '2223334444', priority: 1, app: 'Dial', args: 'SIP/TheITSP-Out/2223334444', written: 'SIP/${TRUNK}/${EXTEN}', uri: uri(ext), file: 'extensions.conf', line: 31 },
    ]);
    expect(r.includePath).toEqual([{ context: 'internal' }]);
    expect(r.candidates.map((c) => [c.extension, c.status])).toEqual([['_NXXNXXXXXX', 'winner']]);
    expect(r.notes).toEqual([]);
    expect(r.modes).toEqual({ exists: true, canMatch: true, matchMore: false });
    expect(r.input).toEqual({ number: '2223334444', context: 'internal' });
  });

  it('defaults to the first config dir when no uri is given', async () => {
    const r = ok(await sim({ number: '2223334444', context: 'internal' }));
    expect(r.winner?.extension).toBe('_NXXNXXXXXX');
  });

  it('100 from [internal] is reached through include => phones', async () => {
    const r = ok(await sim({ number: '100', context: 'internal' }));
    expect(r.winner).toMatchObject({ extension: '100', context: 'phones', line: 24 });
    expect(r.includePath).toEqual([{ context: 'internal' }, { context: 'phones', via: { from: 'internal', uri: uri(ext), file: 'extensions.conf', line: 29 } }]);
    expect(r.searched).toEqual(['internal', 'phones']);
    expect(r.outcome.trunk).toBeUndefined();
    expect(r.outcome.targets?.[0]?.device).toMatchObject({ name: 'TestPhone-A', trunk: false, file: 'sip.conf' });
  });

  it('1234567890 → no match (a dead end)', async () => {
    const r = ok(await sim({ number: '1234567890', context: 'internal', uri: uri(ext) }));
    expect(r.result).toBe('none');
    expect(r.winner).toBeUndefined();
    expect(r.outcome.kind).toBe('no-match');
    expect(r.outcome.message).toContain('dead end');
    expect(r.trace).toEqual([]);
    expect(r.modes).toEqual({ exists: false, canMatch: false, matchMore: false });
  });

  it('5551112222 from peer TheITSP-In → TestPhone-A, with the unauthenticated-entry note', async () => {
    const r = ok(await sim({ number: '5551112222', fromPeer: 'TheITSP-In', uri: uri(sip) }));
    expect(r.entry).toMatchObject({ context: 'incoming', how: 'peer', peer: 'TheITSP-In', device: { name: 'TheITSP-In', file: 'sip.conf', line: 17 } });
    expect(r.winner).toMatchObject({ extension: '5551112222', context: 'incoming', line: 20 });
    expect(r.outcome.targets?.[0]?.device?.name).toBe('TestPhone-A');
    expect(r.outcome.message).toContain('TestPhone-A');
    expect(r.notes.join(' ')).toContain('insecure=invite');
  });

  it('answers bad requests with an error, not a failure', async () => {
    expect(await sim({ number: '100', fromPeer: 'Nobody' })).toMatchObject({ error: expect.stringContaining('no device [Nobody]') });
    expect(await sim({ number: '100', guest: true })).toMatchObject({ error: expect.stringContaining('allowguest=no') });
    expect(await sim({ number: '', context: 'internal' })).toMatchObject({ error: expect.any(String) });
    expect(await sim({ number: '100' })).toMatchObject({ error: expect.stringContaining('exactly one') });
    expect(await sim({ number: '100', context: 'internal', time: 'yesterday-ish' })).toMatchObject({ error: expect.stringContaining('ISO 8601') });
    const missing = ok(await sim({ number: '100', context: 'Internal' }));
    expect(missing.outcome.message).toContain("names are case-sensitive: 'internal' exists");
  });

  it('simulates the open buffer, and explains the candidates that lost', async () => {
    const text = fs.readFileSync(ext, 'utf8');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(ext), languageId: 'asterisk-dialplan', version: 1, text } });
    const edited = text + '\n[internal](+)\nexten => _222XXXXXXX,2,NoOp(no priority 1)\nexten => _X.,1,NoOp(<script>alert(1)</script>)\n[phones](+)\nexten => _2.,1,NoOp()\n';
    const change = (version: number, t: string) =>
      client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(ext), version }, contentChanges: [{ text: t }] });
    await change(2, edited);
    try {
      const r = ok(await sim({ number: '2223334444', context: 'internal', uri: uri(ext) }));
      expect(r.candidates.map((c) => [c.extension, c.context, c.status])).toEqual([
        ['_222XXXXXXX', 'internal', 'no-priority'],
        ['_NXXNXXXXXX', 'internal', 'winner'],
        ['_X.', 'internal', 'shadowed'],
        ['_2.', 'phones', 'shadowed'],
      ]);
      expect(r.candidates[0]!.reason).toContain('no priority 1');
      expect(r.candidates[2]!.reason).toContain('_NXXNXXXXXX sorts before it in [internal]');
      expect(r.candidates[3]!.reason).toContain('only searches [phones] after [internal]');
      expect(r.candidates[3]!.line).toBe(text.split('\n').length + 5);
    } finally {
      await change(3, text);
    }
    expect(ok(await sim({ number: '2223334444', context: 'internal', uri: uri(ext) })).candidates).toHaveLength(1);
  });

  it('asterisk/simulateTargets lists contexts and devices, and the one at a position', async () => {
    const t = await client.conn.sendRequest(SimulateTargetsRequest, { uri: uri(ext) });
    expect(t.configDir).toBe(dir);
    expect(t.contexts.map((c) => c.name)).toEqual(['unauthenticated', 'incoming', 'phones', 'internal']);
    expect(t.contexts.find((c) => c.name === 'internal')).toMatchObject({ uri: uri(ext), line: 28, extensions: 1 });
    expect(t.devices.map((d) => [d.name, d.context, d.unauthenticated])).toEqual([
      ['TheITSP-In', 'incoming', true],
      ['TheITSP-Out', 'unauthenticated', false],
      ['TestPhone-A', 'internal', false],
    ]);
    expect(t.guest).toEqual({ allowed: false, context: 'unauthenticated' });

    const at = async (file: string, line: number, character = 0) => (await client.conn.sendRequest(SimulateTargetsRequest, { uri: uri(file), position: { line, character } })).at;
    expect(await at(ext, 30, 20)).toEqual({ context: 'internal' }); // exten => _NXXNXXXXXX,1,Dial(...)
    expect(await at(ext, 28, 12)).toEqual({ context: 'phones' }); // include => phones
    expect(await at(ext, 17, 0)).toEqual({ context: 'incoming' }); // the [incoming] header
    expect(await at(ext, 2, 0)).toBeUndefined(); // a comment before any section
    expect(await at(sip, 20, 3)).toEqual({ fromPeer: 'TheITSP-In' }); // context=incoming's name part → the device
    expect(await at(sip, 20, 10)).toEqual({ context: 'incoming' }); // the value context=incoming
    expect(await at(sip, 44, 0)).toEqual({ fromPeer: 'TestPhone-A' });
  });

  it('puts a Simulate Dial lens on each context and device header', async () => {
    const lenses = await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(ext) } });
    expect(lenses!.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments?.[0]])).toEqual([
      [13, 'asterisk.simulateDial', { context: 'unauthenticated', uri: uri(ext) }],
      [17, 'asterisk.simulateDial', { context: 'incoming', uri: uri(ext) }],
      [22, 'asterisk.simulateDial', { context: 'phones', uri: uri(ext) }],
      [27, 'asterisk.simulateDial', { context: 'internal', uri: uri(ext) }],
    ]);
    const sipLenses = await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(sip) } });
    expect(sipLenses!.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments?.[0]?.fromPeer])).toEqual([
      [16, 'Simulate a call from TheITSP-In…', 'TheITSP-In'],
      [25, 'Simulate a call from TheITSP-Out…', 'TheITSP-Out'],
      [43, 'Simulate a call from TestPhone-A…', 'TestPhone-A'],
    ]);
  });
});
