/**
 * `astconf check` and the language server report the same diagnostics for the
 * same files (codes, ranges, severities, messages), on the ITSP example broken
 * in several classic ways at once.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient, uri } from '../helpers/lsp-client';
import { ROOT } from '../helpers/shared';

const EX = path.join(ROOT, 'examples/itsp');

describe('CLI and server agree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'astconf-parity-'));
  fs.writeFileSync(
    path.join(dir, 'sip.conf'),
    fs.readFileSync(path.join(EX, 'sip.conf'), 'utf8').replace('insecure=port,invite', 'insecure=very').replace(/secret=3xamplE-A-only\n/, '').replace('context=unauthenticated', 'context=internal').replace(/allowguest=no.*\n/, ''),
  );
  fs.writeFileSync(path.join(dir, 'extensions.conf'), fs.readFileSync(path.join(EX, 'extensions.conf'), 'utf8').replace('[incoming]\n', '[incoming]\ninclude => internal\nexten => 1,n,NoOp()\n'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('same diagnostics', async () => {
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/astconf.js'), 'check', '--format', 'json', dir], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[])
      .map((d) => `${path.basename(d.file)}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`)
      .sort();
    expect(fromCli.length).toBeGreaterThan(4);

    const client = await TestClient.start([dir]);
    try {
      const severities = ['', 'error', 'warning', 'information', 'hint'];
      const files = ['sip.conf', 'extensions.conf'];
      const expectedPerFile = (f: string) => fromCli.filter((l) => l.startsWith(f + ':')).length;
      for (const f of files) await client.diagnosticsWhen(path.join(dir, f), 'all published', (d) => d.length === expectedPerFile(f));
      const fromServer = files
        .flatMap((f) =>
          (client.diagnostics.get(uri(path.join(dir, f))) ?? []).map(
            (d) => `${f}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${severities[d.severity ?? 0]} ${d.code} ${d.message}`,
          ),
        )
        .sort();
      expect(fromServer).toEqual(fromCli);
    } finally {
      await client.dispose();
    }
  });
});
