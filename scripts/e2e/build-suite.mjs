#!/usr/bin/env node
// Bundles the extension-host tests (test/e2e/suite/index.ts and what it imports)
// into .e2e/build/suite/index.js with the project's esbuild. `vscode` is provided
// by the extension host; `mocha` stays external and resolves from .e2e/node_modules
// (installed by `npm run e2e:setup`, or `node scripts/e2e/setup.mjs --tools-only`).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, PATHS, REPO, fail, log } from './lib.mjs';

export const SUITE_JS = join(PATHS.build, 'suite', 'index.js');

export async function buildSuite() {
  if (!existsSync(join(E2E, 'node_modules', 'mocha', 'package.json'))) fail('mocha is missing from .e2e/node_modules: run `npm run e2e:setup` first');
  mkdirSync(join(PATHS.build, 'suite'), { recursive: true });
  await esbuild.build({
    entryPoints: [join(REPO, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: SUITE_JS,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  log(`bundled the extension-host suite: ${SUITE_JS.replace(REPO + '/', '')}`);
  return SUITE_JS;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildSuite();
