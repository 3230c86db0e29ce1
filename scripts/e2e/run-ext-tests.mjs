#!/usr/bin/env node
// Runs the extension-host suite (written for @vscode/test-electron) inside
// code-server: the server starts with the smoke-test driver, a headless Debian
// chromium opens /?folder=<copy of examples/itsp>&payload=[extensionDevelopmentPath,
// extensionTestsPath], and the suite's result arrives through codeAutomationExit.
// The extension under test is the repo itself (dist/ must be built).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { buildSuite } from './build-suite.mjs';
import { REPO, copyWorkspace, makeTemp, removeTemp, launchBrowser, log, requireSetup, startCodeServer } from './lib.mjs';

const TIMEOUT_MS = Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 300_000);
// Workbench chatter that the page forwards along with the suite's own output.
const NOISE = /workbench\.js|open-vsx|ENOTFOUND|Canceled|\[Extension Host\] (?:Debugger|For help)|ExtensionService#_doActivateExtension|github\.|marketplace|^(?:Resolv(?:ing|ed) connection token|Creating a socket|Creation of workbench contribution|\[reconnection-grace-time\]|Updating additional builtin|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\])/i;

/** Returns { passed, failed, skipped, skippedTitles, exitCode }. */
export async function runExtensionTests() {
  requireSetup();
  // E2E_EXT_PATH: test another build of the extension (a folder with package.json and dist/).
  const extPath = process.env.E2E_EXT_PATH ?? REPO;
  if (!existsSync(join(extPath, 'dist', 'client.js')) || !existsSync(join(extPath, 'dist', 'server.js'))) {
    throw new Error(`${extPath}/dist/client.js or dist/server.js is missing: run \`node scripts/build.mjs\` first`);
  }
  const suite = await buildSuite();
  const workspace = copyWorkspace();
  const statsDir = makeTemp('stats-');
  const statsFile = join(statsDir, 'stats.json');
  process.env.E2E_STATS_FILE = statsFile; // inherited by code-server → extension host
  const server = await startCodeServer({ smoke: true });
  let browser;
  let stats;
  try {
    log(`code-server ${server.url} (smoke-test driver), workspace ${workspace.replace(REPO + '/', '')}`);
    browser = await launchBrowser();
    const page = browser.ctx.pages()[0] ?? (await browser.ctx.newPage());
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const s = format(...(Array.isArray(args) ? args : [args]));
      const m = /\[e2e-stats\] (\{.*\})/.exec(s);
      if (m) stats = JSON.parse(m[1]);
      if (process.env.E2E_VERBOSE || !NOISE.test(s)) console.log(s.replace(/^%c\S*\s*/, ''));
    });
    page.on('pageerror', (e) => process.env.E2E_VERBOSE && log('page error:', e.message));
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = [['extensionDevelopmentPath', `${remote}${extPath}`], ['extensionTestsPath', `${remote}${suite}`]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`the extension-host suite did not finish within ${TIMEOUT_MS / 1000} s`);
    if (!stats && existsSync(statsFile)) stats = JSON.parse(readFileSync(statsFile, 'utf8'));
    return { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0, skippedTitles: [], ...stats, exitCode: code };
  } catch (e) {
    if (process.env.E2E_VERBOSE) console.log(server.logText());
    throw e;
  } finally {
    await browser?.close();
    await server.stop();
    removeTemp(workspace);
    removeTemp(statsDir);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const r = await runExtensionTests();
    log(`extension host (code-server): ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    process.exit(r.exitCode === 0 && r.failed === 0 ? 0 : 1);
  } catch (e) {
    log(`FAILED: ${e.message}`);
    process.exit(1);
  }
}
