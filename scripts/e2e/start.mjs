#!/usr/bin/env node
// npm start — code-server on 127.0.0.1:<free port> (PORT=N to choose) with the
// packaged extension installed and examples/itsp open. Builds and packages when
// the .vsix is older than the sources, runs `npm run e2e:setup` when needed.
// Ctrl+C stops the whole code-server process group.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, PATHS, REPO, fail, haveCodeServer, haveE2eTools, haveNode24, log, startCodeServer } from './lib.mjs';
import { packageVsix } from './package.mjs';

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

if (!haveNode24() || !haveCodeServer() || !haveE2eTools()) {
  log('code-server is not set up yet: running npm run e2e:setup');
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'e2e', 'setup.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) fail('e2e setup failed');
}
const sources = Math.max(...['client/src', 'server/src', 'syntaxes', 'package.json', '.vscodeignore', 'scripts/build.mjs'].map((p) => newest(join(REPO, p))));
if (!existsSync(PATHS.vsix) || statSync(PATHS.vsix).mtimeMs < sources) {
  await packageVsix({ installCheck: false });
} else {
  log('asterisk-config.vsix is up to date');
}

const dataDir = join(E2E, 'start');
mkdirSync(dataDir, { recursive: true });
const folder = join(REPO, 'examples', 'itsp');
const server = await startCodeServer({ vsix: PATHS.vsix, dataDir, port: process.env.PORT ? Number(process.env.PORT) : undefined, handleSignals: false });
let stopping = false;
const stop = async (why) => {
  if (stopping) return;
  stopping = true;
  log(`${why}: stopping code-server (process group ${server.pid})`);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => stop('Ctrl+C'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGHUP'));
server.child.on('exit', (code, signal) => {
  if (stopping) return;
  log(`code-server exited (${code ?? signal})\n${server.logText().slice(-3000)}`);
  process.exit(1);
});

console.log(`\n  Asterisk Config in VS Code (code-server): ${server.url}/?folder=${encodeURIComponent(folder)}\n`);
console.log(`  examples/itsp is open; the extension is installed from asterisk-config.vsix.`);
console.log(`  Settings and state: .e2e/start/ — press Ctrl+C to stop.\n`);
