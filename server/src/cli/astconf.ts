/**
 * astconf — the command line of Asterisk Config.
 *   astconf check [--format text|json] [--config DIR] [PATH...]
 *   astconf simulate NUMBER (--context C | --from-peer P | --guest) [...]
 *   astconf lsp --stdio
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Workspace } from '../core/workspace';
import { confFilesIn, nodeHost } from '../node-host';
import { formatText, toJsonDiagnostics } from './output';
import { runSimulate, SIMULATE_HELP } from './simulate';

const HELP = `astconf — check Asterisk sip.conf / extensions.conf as Asterisk 20 reads them

Usage:
  astconf check [--format text|json] [--config DIR] [PATH...]
  astconf simulate NUMBER (--context C | --from-peer P | --guest) [options]
  astconf simulate --config DIR --batch FILE|- --format json
  astconf lsp --stdio
  astconf --help | --version

check
  PATH is a file or a directory. A directory is an Asterisk config dir: every
  *.conf in it is checked, and relative #include names resolve against it, as
  in /etc/asterisk. Without PATH, the --config directory (default: .) is checked.
  The kind of a file comes from its base name: sip*.conf, extensions*.conf,
  pjsip*.conf (a trailing .sample is ignored); other .conf files are read with
  the generic config rules only.

  --config DIR     the config directory for relative #include names
                   (default: the directory given, or the directory of each file)
  --format text    one line per diagnostic: path:line:column: severity code: message
  --format json    one JSON array of {file, line, column, endLine, endColumn,
                   severity, code, message}; lines and columns are 1-based
  Inline suppression: a line '; astconf-disable-next-line CODE[, CODE]'.

Exit status: 0 no error-severity diagnostic, 1 at least one, 2 usage or I/O error.
#exec is never executed.

${SIMULATE_HELP}`;

export class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function check(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const format = values.format!;
  if (format !== 'text' && format !== 'json') fail(`--format must be text or json, not '${format}'`);
  const configOpt = values.config ? path.resolve(values.config) : undefined;
  if (configOpt && !isDir(configOpt)) fail(`--config ${values.config}: not a directory`);
  const inputs = positionals.length > 0 ? positionals : [configOpt ?? '.'];

  // Group the files by the config dir their includes resolve against.
  const groups = new Map<string, string[]>();
  for (const input of inputs) {
    const abs = path.resolve(input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      fail(`${input}: no such file or directory`);
    }
    if (st.isDirectory()) {
      const files = confFilesIn(abs);
      const dir = configOpt ?? abs;
      groups.set(dir, [...(groups.get(dir) ?? []), ...files]);
    } else {
      const dir = configOpt ?? path.dirname(abs);
      groups.set(dir, [...(groups.get(dir) ?? []), abs]);
    }
  }
  const host = nodeHost();
  const all = [];
  for (const [configDir, files] of groups) {
    for (const f of files) {
      if (host.readFile(f) === undefined) fail(`${path.relative(process.cwd(), f) || f}: cannot read`);
    }
    const ws = new Workspace({ configDir, host });
    const analysis = ws.analyze(files);
    all.push(...toJsonDiagnostics(analysis.diagnostics, analysis.texts));
  }
  if (format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else for (const d of all) process.stdout.write(formatText(d) + '\n');
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP + '\n');
        return cmd === undefined ? 2 : 0;
      case '--version':
        process.stdout.write('0.1.0\n');
        return 0;
      case 'check':
        return check(rest);
      case 'simulate':
        return await runSimulate(rest);
      case 'lsp': {
        const { startServer } = await import('../server');
        startServer();
        return -1; // keep running
      }
      default:
        fail(`unknown command '${cmd}' (try astconf --help)`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`astconf: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`astconf: internal error: ${(err as Error).stack ?? err}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
