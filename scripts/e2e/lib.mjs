// Shared helpers of the end-to-end scripts: paths under .e2e/, the sandboxed
// environment, logging, bounded waits, and starting/stopping code-server.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E = join(REPO, '.e2e');

/** Pinned versions (see ../shared/e2e/RECIPE.md). */
export const VERSIONS = {
  node: '24.21.0',
  codeServer: '4.139.1',
  tools: { 'playwright-core': '1.65.1', '@vscode/vsce': '3.9.2', mocha: '11.7.5' },
};

export const PATHS = {
  node24: join(E2E, 'node24'),
  node24Bin: join(E2E, 'node24', 'bin'),
  codeServerDir: join(E2E, 'code-server'),
  codeServer: join(E2E, 'code-server', 'node_modules', '.bin', 'code-server'),
  tools: E2E, // .e2e/package.json + .e2e/node_modules: playwright-core, vsce, mocha
  vsce: join(E2E, 'node_modules', '@vscode', 'vsce', 'vsce'),
  logs: join(E2E, 'logs'),
  sandbox: join(E2E, 'sandbox'),
  runs: join(E2E, 'runs'),
  build: join(E2E, 'build'),
  vsix: join(REPO, 'asterisk-config.vsix'),
  settings: join(REPO, 'test', 'e2e', 'settings.json'),
  screenshots: join(REPO, 'docs', 'images'),
};

/** HOME, TMPDIR and XDG_* inside .e2e/sandbox so nothing lands in the real home or /tmp. */
export function sandboxEnv() {
  const home = join(PATHS.sandbox, 'home');
  const env = {
    HOME: home,
    TMPDIR: join(PATHS.sandbox, 'tmp'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(PATHS.sandbox, 'run'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true, mode: 0o700 });
  return env;
}

const t0 = Date.now();
export function log(...args) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...args);
}

export function fail(message) {
  console.error(`\n[e2e] ERROR: ${message}\n`);
  process.exit(1);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `probe` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, probe, { timeoutMs = 30_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      if (e?.fatal) throw e;
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Run a command synchronously, inheriting stdio; exits the process on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/** Run a command with its output streamed to .e2e/logs/<name>.log; on failure print the log's tail and exit. */
export function runLogged(name, cmd, args, opts = {}) {
  mkdirSync(PATHS.logs, { recursive: true });
  const file = join(PATHS.logs, `${name}.log`);
  writeFileSync(file, `$ ${cmd} ${args.join(' ')}\n`);
  const fd = openSync(file, 'a');
  let r;
  try {
    r = spawnSync(cmd, args, { ...opts, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (r.error || r.status !== 0) {
    const tail = readFileSync(file, 'utf8').trim().split('\n').slice(-40).join('\n');
    fail(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); log: ${file}\n${tail}`);
  }
  return r;
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function haveE2eTools() {
  return Object.entries(VERSIONS.tools).every(([name, v]) => {
    const p = join(E2E, 'node_modules', name, 'package.json');
    return existsSync(p) && readJson(p).version === v;
  });
}

export function haveCodeServer() {
  return existsSync(PATHS.codeServer) && existsSync(join(PATHS.codeServerDir, `.installed-${VERSIONS.codeServer}`));
}

export function haveNode24() {
  const bin = join(PATHS.node24Bin, 'node');
  if (!existsSync(bin)) return false;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === `v${VERSIONS.node}`;
}

export function requireSetup({ codeServer = true, browser = true } = {}) {
  const missing = [];
  if (!haveE2eTools()) missing.push('.e2e tools (playwright-core, vsce, mocha)');
  if (codeServer && (!haveNode24() || !haveCodeServer())) missing.push(`code-server ${VERSIONS.codeServer} on Node ${VERSIONS.node}`);
  if (browser && !existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium');
  if (missing.length) fail(`missing ${missing.join(', ')}: run \`npm run e2e:setup\` first`);
}

/** Import a package installed in .e2e/node_modules. */
export async function importE2e(name) {
  const { createRequire } = await import('node:module');
  return createRequire(join(E2E, 'package.json'))(name);
}

/** Temp folders under .e2e/runs removed at exit, also on Ctrl+C (unless E2E_KEEP=1). */
const tempDirs = new Set();
let pruned = false;
/** Leftovers of runs killed hard (older than 6 h, so never those of a run going on now). */
function pruneStaleTemps() {
  pruned = true;
  const cutoff = Date.now() - 6 * 3600_000;
  for (const name of readdirSync(PATHS.runs)) {
    if (!/^(ws|cs|chrome|stats|vsix-check|electron-user)-/.test(name)) continue;
    const dir = join(PATHS.runs, name);
    try {
      if (statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
    } catch { /* raced with another run */ }
  }
}
export function makeTemp(prefix) {
  mkdirSync(PATHS.runs, { recursive: true });
  if (!pruned) pruneStaleTemps();
  const dir = mkdtempSync(join(PATHS.runs, prefix));
  tempDirs.add(dir);
  return dir;
}
export function removeTemp(dir) {
  tempDirs.delete(dir);
  if (!process.env.E2E_KEEP) rmSync(dir, { recursive: true, force: true });
}
function removeAllTemps() {
  for (const d of [...tempDirs]) try { removeTemp(d); } catch { /* best effort */ }
}

/** Copy examples/itsp (or another folder) to a fresh temp folder under .e2e/runs. */
export function copyWorkspace(from = join(REPO, 'examples', 'itsp'), prefix = 'ws-') {
  const dir = makeTemp(prefix);
  cpSync(from, dir, { recursive: true });
  return dir;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Launch Debian's chromium with playwright-core (never a downloaded browser). */
export async function launchBrowser(viewport = { width: 1400, height: 900 }) {
  process.env.TMPDIR = sandboxEnv().TMPDIR; // Playwright's own temp files too
  const { chromium } = await importE2e('playwright-core');
  const profile = makeTemp('chrome-');
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    env: { ...process.env, ...sandboxEnv() },
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return {
    ctx,
    async close() {
      await ctx.close().catch(() => {});
      removeTemp(profile);
    },
  };
}

const liveGroups = new Set();
function killLiveServers() {
  for (const g of liveGroups) try { process.kill(-g, 'SIGKILL'); } catch { /* gone */ }
  liveGroups.clear();
  removeAllTemps();
}
process.on('exit', killLiveServers);
let signalsInstalled = false;
function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      log(`${sig}: stopping code-server and exiting`);
      killLiveServers();
      process.exit(130);
    });
  }
}

/**
 * Start code-server on 127.0.0.1:<free port> in its own process group, with a
 * fresh user-data dir, extensions dir and sandboxed HOME/TMPDIR/XDG_*.
 * Returns { url, port, pid, dataDir, logText(), stop(), child }. handleSignals:
 * on Ctrl+C/SIGTERM kill the server's group and exit (start.mjs handles them itself).
 */
export async function startCodeServer({ smoke = false, vsix, extraArgs = [], port, dataDir, quiet = true, handleSignals = true } = {}) {
  requireSetup({ browser: false });
  const data = dataDir ?? makeTemp('cs-');
  const ownsData = !dataDir;
  mkdirSync(join(data, 'user', 'User'), { recursive: true });
  mkdirSync(join(data, 'ext'), { recursive: true });
  const settingsFile = join(data, 'user', 'User', 'settings.json');
  if (!existsSync(settingsFile)) cpSync(PATHS.settings, settingsFile);
  const p = port ?? (await freePort());
  writeFileSync(join(data, 'config.yaml'), `bind-addr: 127.0.0.1:${p}\nauth: none\ncert: false\n`);
  const env = { ...process.env, ...sandboxEnv(), PATH: `${PATHS.node24Bin}:${process.env.PATH}` };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', join(data, 'user'), '--extensions-dir', join(data, 'ext')];

  if (vsix) {
    log(`installing ${vsix.replace(REPO + '/', '')} into code-server`);
    const r = spawnSync(PATHS.codeServer, [...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}${r.stderr}`;
    if (r.status !== 0 || !/successfully installed|already installed/i.test(out)) {
      throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${out}`);
    }
  }

  const args = [
    '--config', join(data, 'config.yaml'), ...common,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(smoke ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
  ];
  const child = spawn(PATHS.codeServer, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverLog = '';
  const append = (d) => {
    serverLog += d;
    if (serverLog.length > 2_000_000) serverLog = serverLog.slice(-1_000_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  // Never leave the server's process group behind, whatever happens to this process
  // (an exception, Ctrl+C): see killLiveServers. Removed once stopped.
  const group = child.pid;
  liveGroups.add(group);
  if (handleSignals) installSignalHandlers();

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // The whole group: the launcher, the Node 24 server, its extension host, file watcher and pty host.
    try { process.kill(-group, 'SIGTERM'); } catch { /* gone */ }
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) await sleep(50);
    try { process.kill(-group, 'SIGKILL'); } catch { /* all gone */ }
    liveGroups.delete(group);
    if (ownsData) removeTemp(data);
  };

  const url = `http://127.0.0.1:${p}`;
  try {
    await waitFor('code-server /healthz', async () => {
      if (exited) throw Object.assign(new Error(`code-server exited (${JSON.stringify(exited)}):\n${serverLog}`), { fatal: true });
      const res = await fetch(`${url}/healthz`);
      return res.ok;
    }, { timeoutMs: 60_000 });
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n--- code-server log ---\n${serverLog.slice(-4000)}`);
  }
  if (!quiet) log(`code-server pid ${child.pid} on ${url}`);
  return { url, port: p, pid: child.pid, dataDir: data, logText: () => serverLog, stop, child };
}
