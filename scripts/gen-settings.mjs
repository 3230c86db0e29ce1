// Writes one `asterisk.diagnostics.<code>` setting per rule of server/src/core/rules/index.ts
// into package.json's contributes.configuration (read-modify-write: only those keys change).
//   node scripts/gen-settings.mjs          update package.json
//   node scripts/gen-settings.mjs --check  exit 1 when package.json is out of date
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = 'asterisk.diagnostics.';
const KEEP = new Set([`${PREFIX}debounceMs`]);
const LEVELS = ['default', 'off', 'hint', 'information', 'warning', 'error'];

async function loadRules() {
  const dir = mkdtempSync(join(tmpdir(), 'gen-settings-'));
  try {
    const outfile = join(dir, 'rules.mjs');
    await esbuild.build({ entryPoints: ['server/src/core/rules/index.ts'], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
    return (await import(pathToFileURL(outfile).href)).RULES;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function settingFor(rule) {
  return {
    type: 'string',
    enum: LEVELS,
    enumDescriptions: [`The severity Asterisk Config chooses (usually ${rule.severity}).`, 'Do not report.', 'Hint.', 'Information.', 'Warning.', 'Error.'],
    default: 'default',
    scope: 'window',
    markdownDescription: `\`${rule.code}\`: ${rule.description}`,
  };
}

const rules = await loadRules();
const pkgText = readFileSync('package.json', 'utf8'); // read at the moment of writing: others edit other keys
const pkg = JSON.parse(pkgText);
const configuration = ((pkg.contributes ??= {}).configuration ??= { title: 'Asterisk Config', properties: {} });
const old = configuration.properties ?? {};
const properties = {};
for (const [key, value] of Object.entries(old)) if (!key.startsWith(PREFIX) || KEEP.has(key)) properties[key] = value;
for (const rule of [...rules].sort((a, b) => a.code.localeCompare(b.code))) properties[PREFIX + rule.code] = settingFor(rule);
configuration.properties = properties;

const out = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (out !== pkgText) {
    console.error('package.json settings are out of date: run node scripts/gen-settings.mjs');
    process.exit(1);
  }
} else if (out !== pkgText) {
  writeFileSync('package.json', out);
  console.log(`package.json: ${rules.length} diagnostic settings`);
}
