/** package.json contributions stay in step with the core (run `node scripts/gen-settings.mjs` after adding a rule). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const properties: Record<string, { enum?: string[]; default?: unknown }> = pkg.contributes.configuration.properties;

describe('package.json contributions', () => {
  it('has one asterisk.diagnostics.<code> setting per rule, and no other', () => {
    const generated = Object.keys(properties).filter((k) => k.startsWith('asterisk.diagnostics.') && k !== 'asterisk.diagnostics.debounceMs');
    expect(generated.sort()).toEqual(RULES.map((r) => `asterisk.diagnostics.${r.code}`).sort());
    for (const key of generated) expect(properties[key]).toMatchObject({ enum: ['default', 'off', 'hint', 'information', 'warning', 'error'], default: 'default' });
  });

  it('never claims every *.conf file', () => {
    const patterns: string[] = pkg.contributes.languages.flatMap((l: { filenamePatterns?: string[] }) => l.filenamePatterns ?? []);
    expect(patterns).not.toContain('*.conf');
    expect(patterns.every((p) => /^(sip|extensions|pjsip)/.test(p))).toBe(true);
  });
});
