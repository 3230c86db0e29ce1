#!/usr/bin/env node
// npm run test:e2e — the end-to-end tests in real VS Code (code-server), offline:
//   1. npm run package: production bundles → asterisk-config.vsix (≤ 1 MB), installed once as a check
//   2. the extension-host suite (test/e2e/suite, mocha, @vscode/test-electron style) inside code-server
//   3. the Playwright UI walkthrough (test/e2e/ui/walkthrough.mjs) with the .vsix installed
// Needs `npm run e2e:setup` first. E2E_ONLY=suite|ui runs one part (after packaging).
import { runWalkthrough } from '../../test/e2e/ui/walkthrough.mjs';
import { log, requireSetup } from './lib.mjs';
import { packageVsix } from './package.mjs';
import { runExtensionTests } from './run-ext-tests.mjs';

const started = Date.now();
requireSetup();
const only = process.env.E2E_ONLY;
const results = [];

const t1 = Date.now();
await packageVsix({ installCheck: true });
log(`packaged in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

async function part(name, fn) {
  const t = Date.now();
  log(`── ${name} ──`);
  try {
    const r = await fn();
    results.push({ name, ...r, seconds: (Date.now() - t) / 1000 });
  } catch (e) {
    log(`${name} FAILED: ${e.message}`);
    results.push({ name, passed: 0, failed: 1, skipped: 0, error: e.message, seconds: (Date.now() - t) / 1000 });
  }
}

if (!only || only === 'suite') await part('extension-host suite in code-server', runExtensionTests);
if (!only || only === 'ui') await part('UI walkthrough (Playwright)', runWalkthrough);

console.log('');
for (const r of results) {
  log(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds.toFixed(1)} s)`);
  for (const t of r.skippedTitles ?? []) log(`   skipped: ${t}`);
  for (const s of (r.steps ?? []).filter((x) => x.status !== 'passed')) log(`   ${s.status}: ${s.name}: ${s.reason}`);
  if (r.exitCode !== undefined && r.exitCode !== 0 && !r.failed) r.failed = 1;
}
const sum = (k) => results.reduce((n, r) => n + (r[k] ?? 0), 0);
log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`e2e: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') === 0 && results.length > 0 ? 0 : 1);
