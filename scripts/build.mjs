// Bundles the extension client, the language server and the astconf CLI with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
  // Some dependencies ship ESM that reads import.meta.url; give it a value in CJS.
  define: { 'import.meta.url': '__importMetaUrl' },
  minifyWhitespace: process.env.NODE_ENV === 'production',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/astconf.ts'], outfile: 'dist/astconf.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' },
].filter((e) => existsSync(e.entryPoints[0]));

const metaUrl = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
await Promise.all(
  entries.map((e) => esbuild.build({ ...common, ...e, banner: { js: [e.banner?.js, metaUrl].filter(Boolean).join('\n') } })),
);
if (existsSync('dist/astconf.js')) chmodSync('dist/astconf.js', 0o755);
