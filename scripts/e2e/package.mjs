#!/usr/bin/env node
// npm run package — builds the production bundles and packs asterisk-config.vsix
// with @vscode/vsce (from .e2e/, installed by `npm run e2e:setup`; the npm tools
// alone are installed on demand). Checks the size (≤ 1 MB) and the file list,
// then installs it into a throw-away code-server extensions dir when code-server
// is set up (`--no-install-check` skips that).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, REPO, fail, makeTemp, removeTemp, haveCodeServer, haveE2eTools, haveNode24, log, readJson, run, sandboxEnv } from './lib.mjs';

const MAX_BYTES = 1024 * 1024;
/** Nothing of these may be in the .vsix. */
const FORBIDDEN = [/^node_modules\//, /^\.e2e\//, /^(client|server|scripts|test|examples|docs|coverage)\//, /\.map$/, /\.ts$/, /^package-lock\.json$/, /\.vsix$/];

export async function packageVsix({ installCheck = true } = {}) {
  if (!haveE2eTools()) {
    log('@vscode/vsce is not in .e2e/ yet: installing the e2e npm tools (setup.mjs --tools-only)');
    run(process.execPath, [join(REPO, 'scripts', 'e2e', 'setup.mjs'), '--tools-only']);
  }
  log('building production bundles (NODE_ENV=production node scripts/build.mjs)');
  run(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, env: { ...process.env, NODE_ENV: 'production' } });
  const pkg = readJson(join(REPO, 'package.json'));
  const main = pkg.main?.replace(/^\.\//, '');
  if (main && !existsSync(join(REPO, main))) fail(`package.json main ${main} was not built`);

  // --no-dependencies: the bundles are self-contained. --allow-missing-repository /
  // --skip-license: vsce would otherwise stop and ask (no repository field, no LICENSE file).
  // --no-rewrite-relative-links: README images (docs/images) need no repository URL.
  const flags = ['--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-update-package-json', '--no-rewrite-relative-links'];
  const vsce = (args) => spawnSync(process.execPath, [PATHS.vsce, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...sandboxEnv() }, timeout: 300_000 });

  const ls = vsce(['ls', '--no-dependencies']);
  if (ls.status !== 0) fail(`vsce ls failed:\n${ls.stdout}${ls.stderr}`);
  const files = ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const bad = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
  if (bad.length) fail(`.vscodeignore lets these into the .vsix:\n  ${bad.join('\n  ')}`);
  for (const need of [main, 'package.json', 'dist/server.js', ...(pkg.contributes?.grammars ?? []).map((g) => g.path.replace(/^\.\//, ''))]) {
    if (need && !files.includes(need)) fail(`${need} is missing from the .vsix file list (check .vscodeignore):\n  ${files.join('\n  ')}`);
  }

  rmSync(PATHS.vsix, { force: true });
  log(`vsce package → ${PATHS.vsix.replace(REPO + '/', '')}`);
  const p = vsce(['package', ...flags, '--out', PATHS.vsix]);
  process.stdout.write(p.stdout.split('\n').filter((l) => !/^\s*$/.test(l)).map((l) => `    ${l}\n`).join(''));
  if (p.status !== 0 || !existsSync(PATHS.vsix)) fail(`vsce package failed:\n${p.stdout}${p.stderr}`);

  const size = statSync(PATHS.vsix).size;
  log(`asterisk-config.vsix: ${(size / 1024).toFixed(0)} KiB, ${files.length} files: ${files.join(', ')}`);
  if (size > MAX_BYTES) fail(`asterisk-config.vsix is ${(size / 1024).toFixed(0)} KiB, over the 1 MiB budget`);

  if (installCheck) {
    if (!haveNode24() || !haveCodeServer()) {
      log('code-server is not set up: skipping the install check (run `npm run e2e:setup`)');
    } else {
      const ext = makeTemp('vsix-check-');
      try {
        const env = { ...process.env, ...sandboxEnv(), PATH: `${PATHS.node24Bin}:${process.env.PATH}` };
        const r = spawnSync(PATHS.codeServer, ['--extensions-dir', ext, '--user-data-dir', join(ext, 'user'), '--install-extension', PATHS.vsix], { env, encoding: 'utf8', timeout: 120_000 });
        const out = `${r.stdout}${r.stderr}`;
        const dir = join(ext, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
        if (r.status !== 0 || !/successfully installed/i.test(out) || !existsSync(join(dir, main ?? 'package.json'))) {
          fail(`code-server --install-extension did not install the .vsix:\n${out}`);
        }
        const installed = readJson(join(dir, 'package.json'));
        log(`code-server --install-extension: ${pkg.publisher}.${pkg.name}@${installed.version} installed (${out.trim().split('\n').pop()})`);
      } finally {
        removeTemp(ext);
      }
    }
  }
  return { file: PATHS.vsix, size, files };
}

if (import.meta.url === `file://${process.argv[1]}`) await packageVsix({ installCheck: !process.argv.includes('--no-install-check') });
