/**
 * Entry point of the extension-host tests (`extensionTestsPath`), in the shape
 * @vscode/test-electron expects: `run()` resolves when every test passed.
 * The same bundle runs inside code-server (scripts/e2e/run-ext-tests.mjs) and
 * under @vscode/test-electron (scripts/e2e/run-electron.mjs).
 *
 * Bundled with mocha by scripts/e2e/build-suite.mjs to .e2e/build/suite/index.js.
 */
import * as fs from 'node:fs';
import { useMochaContext } from './mocha-api';
import activation from './activation.e2e';
import diagnostics from './diagnostics.e2e';
import features from './features.e2e';

interface MochaRunner {
  stats?: { passes: number; failures: number; pending: number; tests: number; duration?: number };
  on(event: string, fn: (...args: any[]) => void): MochaRunner;
}
interface MochaInstance {
  suite: { emit(event: string, ...args: unknown[]): void };
  run(done: (failures: number) => void): MochaRunner;
}
type MochaCtor = new (options: Record<string, unknown>) => MochaInstance;

export function run(): Promise<void> {
  const Mocha = require('mocha') as MochaCtor;
  const grep = process.env.E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: process.env.E2E_COLOR !== '0', timeout: 60_000, slow: 5_000, ...(grep ? { grep } : {}) });
  const context: Record<string, unknown> = {};
  mocha.suite.emit('pre-require', context, 'asterisk-e2e', mocha);
  useMochaContext(context);
  activation();
  diagnostics();
  features();

  return new Promise((resolve, reject) => {
    const skipped: string[] = [];
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures, pending: skipped.length, tests: 0 };
      const stats = { passed: s.passes, failed: failures, skipped: s.pending, skippedTitles: skipped };
      console.log(`[e2e-stats] ${JSON.stringify(stats)}`);
      if (process.env.E2E_STATS_FILE) {
        try {
          fs.writeFileSync(process.env.E2E_STATS_FILE, JSON.stringify(stats));
        } catch (e) {
          console.error('could not write E2E_STATS_FILE', e);
        }
      }
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pending', (test: { fullTitle(): string }) => skipped.push(test.fullTitle()));
  });
}
