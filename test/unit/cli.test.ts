/** astconf as a user runs it: output formats, exit codes, errors, help. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/shared';

const CLI = path.join(ROOT, 'dist/astconf.js');
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astconf-'));
  for (const [k, v] of Object.entries(files)) fs.writeFileSync(path.join(dir, k), v);
  return dir;
}

describe('astconf check', () => {
  it('the bundled example is clean: exit 0, no output', () => {
    const r = run(['check', 'examples/itsp']);
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });
  it('text output is problem-matcher friendly; errors give exit 1', () => {
    const dir = tempDir({ 'sip.conf': '[p]\ntype=peer\nhost=dynamic\ncontext=x\ninsecure=very\n' });
    const r = run(['check', dir]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^.*sip\.conf:1:2: error missing-secret: /));
    expect(lines).toContainEqual(expect.stringMatching(/^.*sip\.conf:5:10: error invalid-insecure: /));
  });
  it('json output: one array with 1-based positions', () => {
    const dir = tempDir({ 'extensions.conf': '[c]\nexten => 1,1,Dial,SIP/x\n' });
    const r = run(['check', '--format', 'json', path.join(dir, 'extensions.conf')]);
    expect(r.code).toBe(1);
    const arr = JSON.parse(r.out);
    expect(arr).toEqual([
      { file: expect.stringContaining('extensions.conf'), line: 2, column: 14, endLine: 2, endColumn: 24, severity: 'error', code: 'app-without-parentheses', message: expect.stringContaining('Dial(SIP/x)') },
    ]);
  });
  it('warnings only: exit 0', () => {
    const dir = tempDir({ 'extensions.conf': '[c]\nexten => 1,n,NoOp()\n' });
    expect(run(['check', dir]).code).toBe(0);
  });
  it('--config resolves includes against the config dir', () => {
    const dir = tempDir({ 'extensions.conf': '[c]\n#include inc.conf\n', 'inc.conf': 'exten => 1,1,NoOp()\n' });
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'extensions.conf'), '[c]\n#include inc.conf\n');
    expect(run(['check', '--config', dir, path.join(sub, 'extensions.conf')]).code).toBe(0);
    expect(run(['check', path.join(sub, 'extensions.conf')]).code).toBe(1);
  });
  it('usage and I/O errors: exit 2 with a message on stderr', () => {
    expect(run(['check', '--format', 'xml']).code).toBe(2);
    const missing = run(['check', '/nonexistent/extensions.conf']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['check', '--bogus']).code).toBe(2);
  });
  it('--help documents check and simulate', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('astconf check [--format text|json] [--config DIR] [PATH...]');
    expect(r.out).toContain('--batch');
  });
  it('never executes #exec', () => {
    const marker = path.join(os.tmpdir(), `astconf-exec-${process.pid}`);
    const dir = tempDir({ 'extensions.conf': `[c]\n#exec /usr/bin/touch ${marker}\n` });
    const r = run(['check', dir]);
    expect(r.out).toContain('exec-not-evaluated');
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('astconf simulate', () => {
  it('text trace for the ITSP example', () => {
    const r = run(['simulate', '2223334444', '--context', 'internal', '--config', 'examples/itsp']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Winner: _NXXNXXXXXX in [internal]');
    expect(r.out).toContain('leaves through TheITSP-Out as 2223334444');
  });
  it('json for one number', () => {
    const r = run(['simulate', '5551112222', '--from-peer', 'TheITSP-In', '--config', 'examples/itsp', '--format', 'json']);
    const j = JSON.parse(r.out);
    expect([j.result, j.matched_context, j.extension, j.line]).toEqual(['match', 'incoming', '5551112222', 20]);
  });
  it('batch from stdin keeps input order, peer: entries', () => {
    const r = run(['simulate', '--config', 'examples/itsp', '--batch', '-', '--format', 'json'], 'internal\t1234567890\npeer:TheITSP-In\t5551112222\ninternal\t2223334444\t5551230000\n');
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.result, x.extension])).toEqual([['none', null], ['match', '5551112222'], ['match', '_NXXNXXXXXX']]);
  });
  it('errors: unknown device, missing number, bad time', () => {
    expect(run(['simulate', '1', '--from-peer', 'Nope', '--config', 'examples/itsp']).code).toBe(2);
    expect(run(['simulate', '--context', 'internal', '--config', 'examples/itsp']).code).toBe(2);
    expect(run(['simulate', '1', '--context', 'internal', '--time', 'yesterday', '--config', 'examples/itsp']).code).toBe(2);
  });
});
