/**
 * The benchmark's workspace generator (scripts/bench/generate.ts): deterministic,
 * on size, and producing valid configs, so `npm run bench` measures realistic
 * FreePBX-like dialplans rather than error paths.
 */
import { describe, expect, it } from 'vitest';
import { memoryHost, Workspace } from '../../server/src/core';
import { findExtension } from '../../server/src/core/simulate/find';
import { generateIncludeWorkspace, generateTier, simulateContextText, simulateQueries, TIERS, type GeneratedWorkspace } from '../../scripts/bench/generate';

function analyze(ws: GeneratedWorkspace) {
  return new Workspace({ configDir: ws.dir, host: memoryHost(ws.files) }).analyze(ws.paths);
}

function errorsOf(ws: GeneratedWorkspace): string[] {
  return analyze(ws)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.file}:${d.start}: ${d.message}`);
}

const tier = (name: string) => TIERS.find((t) => t.name === name)!;

describe('bench workspace generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    const a = generateTier(tier('25KB'));
    const b = generateTier(tier('25KB'));
    expect(b.files).toEqual(a.files);
    expect(generateIncludeWorkspace(60_000, 30).files).toEqual(generateIncludeWorkspace(60_000, 30).files);
    expect(simulateContextText(100)).toBe(simulateContextText(100));
    expect(simulateQueries(500, 100)).toEqual(simulateQueries(500, 100));
    const other = generateTier(tier('25KB'), 7);
    expect(other.files[other.extensionsPath]).not.toBe(a.files[a.extensionsPath]);
  });

  it.each(TIERS.map((t) => [t.name, t.bytes] as const))('hits the %s tier within ±15%%', (name, bytes) => {
    const ws = generateTier(tier(name));
    expect(ws.extensionsBytes).toBeGreaterThanOrEqual(bytes * 0.85);
    expect(ws.extensionsBytes).toBeLessThanOrEqual(bytes * 1.15);
    expect(ws.paths.map((p) => p.split('/').pop())).toEqual(['extensions.conf', 'sip.conf']);
  });

  it('writes FreePBX-like dialplans: hints, n priorities, labels, Macro/Gosub, GotoIf $[…], DIDs, routes, IVRs, includes', () => {
    const ext = generateTier(tier('25KB')).files['/bench/25KB/extensions.conf']!;
    for (const re of [/,hint,SIP\//, /^ same => n,/m, /^ same => n\(\w+\),/m, /Macro\(/, /Gosub\(/, /GotoIf\(\$\[/, /^\[ext-did\]$/m, /^exten => _1NXXNXXXXXX,1,/m, /^\[ivr-1\]/m, /^include => /m, /^include => \S+,\*,\*,25,dec$/m]) {
      expect(ext).toMatch(re);
    }
  });

  it.each(['25KB', '250KB', '1MB'])('%s tier: no error diagnostics through Workspace', (name) => {
    expect(errorsOf(generateTier(tier(name)))).toEqual([]);
  });

  it('5MB tier: no error diagnostics through Workspace', () => {
    expect(errorsOf(generateTier(tier('5MB')))).toEqual([]);
  }, 120_000);

  it('30-file #include workspace: every file loaded, no error diagnostics', () => {
    const ws = generateIncludeWorkspace(250_000, 30);
    expect(ws.paths).toHaveLength(30);
    const a = analyze(ws);
    expect(a.roots.map((r) => r.file).sort()).toEqual([ws.extensionsPath, ws.sipPath]);
    expect(a.texts.size).toBe(30);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The split workspace holds the same PBX as the single-file tier.
    const single = analyze(generateTier(tier('250KB')));
    expect(a.dialplan!.contexts.get('ext-local')!.extensions.length).toBe(single.dialplan!.contexts.get('ext-local')!.extensions.length);
    expect(a.sip!.devices.size).toBe(single.sip!.devices.size);
  });

  it('routes calls like a PBX: DIDs reach a user, phones reach the outbound routes', () => {
    const a = analyze(generateTier(tier('25KB')));
    const plan = a.dialplan!;
    const did = plan.contexts.get('ext-did')!.extensions.find((e) => !e.cid)!.name;
    expect(findExtension(plan, { context: 'from-trunk', exten: did, time: null }).found?.context.name).toBe('ext-did');
    expect(findExtension(plan, { context: 'from-internal', exten: '12125550100', time: null }).found?.context.name).toMatch(/^outrt-/);
    expect(findExtension(plan, { context: 'from-internal', exten: '1000', time: null }).found?.context.name).toBe('ext-local');
    expect(findExtension(plan, { context: 'from-trunk', exten: '12125550100', time: null }).found?.context.name).toBe('ext-did-catchall');
  });

  it('builds Simulate contexts of exactly 100 and 10,000 extensions', () => {
    for (const n of [100, 10_000]) {
      const file = '/bench/simulate/extensions.conf';
      const a = new Workspace({ configDir: '/bench/simulate', host: memoryHost({ [file]: simulateContextText(n, undefined, 'sim') }) }).analyze([file]);
      expect(a.dialplan!.contexts.get('sim')!.extensions).toHaveLength(n);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
