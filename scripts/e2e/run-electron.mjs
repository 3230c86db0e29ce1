#!/usr/bin/env node
// npm run test:electron — the extension-host suite under @vscode/test-electron
// (the project's devDependency). It downloads a VS Code build, so it only works
// on a machine with network access; here use `npm run test:e2e` (code-server).
// VSCODE_VERSION picks the build (default: stable); VSCODE_EXECUTABLE uses a local one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuite } from './build-suite.mjs';
import { E2E, REPO, copyWorkspace, fail, haveE2eTools, log, makeTemp, removeTemp } from './lib.mjs';

if (!haveE2eTools()) {
  log('mocha is not in .e2e/ yet: installing the e2e npm tools (setup.mjs --tools-only)');
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'e2e', 'setup.mjs'), '--tools-only'], { stdio: 'inherit' });
  if (r.status !== 0) fail('could not install the e2e tools');
}
log('building dist/ (node scripts/build.mjs)');
const b = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
if (b.status !== 0) fail('node scripts/build.mjs failed');
const suite = await buildSuite();

const { runTests } = await import('@vscode/test-electron');
const workspace = copyWorkspace();
const userData = makeTemp('electron-user-');
const statsFile = join(userData, 'stats.json');
let code = 1;
try {
  code = await runTests({
    cachePath: join(E2E, 'vscode-test'),
    ...(process.env.VSCODE_VERSION ? { version: process.env.VSCODE_VERSION } : {}),
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: suite,
    extensionTestsEnv: { E2E_STATS_FILE: statsFile, E2E_COLOR: '1' },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', userData, '--extensions-dir', join(userData, 'ext')],
  });
} catch (e) {
  log(`@vscode/test-electron failed: ${e.message}`);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|fetch failed/i.test(String(e?.stack ?? e))) {
    log('(it downloads VS Code: no network here? use `npm run test:e2e`, which runs the same suite in code-server)');
  }
  code = 1;
} finally {
  if (existsSync(statsFile)) {
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    log(`extension host (electron): ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  }
  removeTemp(workspace);
  removeTemp(userData);
}
process.exit(code === 0 ? 0 : 1);
