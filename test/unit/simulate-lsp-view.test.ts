/**
 * The Simulate Dial panel's HTML (client/src/simulate-view.ts, no `vscode`):
 * config text is escaped, the page runs under a strict CSP, links and buttons
 * carry what the extension needs, and messages from the page are checked.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeParams, escapeHtml, parseViewMessage, renderSimulation, validateNumber } from '../../client/src/simulate-view';
import { memoryHost, Workspace } from '../../server/src/core';
import { simulationReport } from '../../server/src/core/simulate/report';
import { simulate, type SimulateInput } from '../../server/src/core/simulate/simulate';
import type { SimulateParams, SimulateReport, SourcePlace } from '../../server/src/lsp/protocol';

const DIR = '/etc/asterisk';
const EVIL = '<script>alert(1)</script>';

function report(files: Record<string, string>, input: SimulateInput): SimulateReport {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  const a = new Workspace({ configDir: DIR, host: memoryHost(abs) }).analyze(Object.keys(abs));
  const at = (file: string, line: number): SourcePlace => ({ uri: pathToFileURL(file).href, file: path.relative(DIR, file), line });
  return { configDir: DIR, ...simulationReport(a.dialplan!, a.sip, input, simulate(a.dialplan!, a.sip, input), at) };
}

const files = {
  'extensions.conf': [
    '[from-evil]',
    'include => evil"ctx',
    `exten => _X.,1,NoOp(${EVIL})`,
    ' same => n,GotoIf($["${DB(x)}" = "1"]?t:f)',
    ' same => n(t),Dial(SIP/prov/${EXTEN})',
    ` same => n(f),Playback(<img src=x onerror=alert(2)> & <b>bold</b>)`,
    '[evil"ctx]',
    'exten => _1.,1,NoOp(shadowed)',
  ].join('\n'),
  'sip.conf': '[general]\ncontext=from-evil\nallowguest=yes\n[prov]\ntype=peer\nhost=sip.example.com\nsecret=x\nfromuser=me\n',
};
const opts = { cspSource: 'https://webview.example', nonce: 'N0nce+abc/123=' };

/** The page with its one nonce'd <script> removed: what config text could have injected. */
function withoutOwnScript(html: string): string {
  return html.replace(/<script nonce="N0nce\+abc\/123=">[\s\S]*?<\/script>/, '');
}

describe('Simulate Dial panel HTML', () => {
  const r = report(files, { number: '123', guest: true });
  const params: SimulateParams = { number: '123', guest: true };
  const recent = [{ params: { number: EVIL, context: 'a"b' }, at: '2026-01-01T00:00:00.000Z' }];
  const html = renderSimulation(r, params, recent, opts);

  it('the fixture reaches every kind of config text', () => {
    expect(r.winner?.extension).toBe('_X.');
    expect(r.trace[0]!.args).toBe(`NoOp(${EVIL})`.slice(5, -1));
    expect(r.notes.join(' ')).toContain('Guest call');
    expect(r.candidates.map((c) => c.status)).toEqual(['winner', 'shadowed']);
    expect(r.trace[1]!.alternatives?.length).toBe(1);
  });

  it('escapes <script> and other markup from the config', () => {
    const rest = withoutOwnScript(html);
    expect(rest).not.toMatch(/<script/i);
    expect(rest).not.toContain('<img');
    expect(rest).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('[evil&quot;ctx]');
    expect(html).toContain(escapeHtml(`${EVIL} from [a"b]`));
    // No attribute is broken out of: every on…= handler text is inside escaped content.
    expect(rest).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('sets a strict Content-Security-Policy with a nonce for the style and the script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-N0nce+abc/123='");
    expect(csp).toMatch(/style-src https:\/\/webview\.example 'nonce-N0nce\+abc\/123='/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="N0nce+abc/123=">');
    expect(html).toContain('<style nonce="N0nce+abc/123=">');
  });

  it('shows the winner, the candidates, the priorities and the trunk with links to file:line', () => {
    expect(html).toContain('<h1>Simulate Dial: 123</h1>');
    expect(html).toContain(`data-uri="file:///etc/asterisk/extensions.conf" data-line="3"`);
    expect(html).toContain('extensions.conf:3</a>');
    expect(html).toContain('Why it beat the other candidates');
    expect(html).toContain('Priorities that run');
    expect(html).toContain('Recent simulations');
    expect(html).toContain('data-index="0"');
  });

  it('renders a failure and a no-match', () => {
    const failed = renderSimulation({ error: `no device [${EVIL}] in sip.conf` }, { number: '1', fromPeer: EVIL }, [], opts);
    expect(withoutOwnScript(failed)).not.toMatch(/<script/i);
    expect(failed).toContain('The simulation failed: no device [&lt;script&gt;');
    const none = renderSimulation(report(files, { number: '*', context: 'from-evil' }), { number: '*', context: 'from-evil' }, [], opts);
    expect(none).toContain('No match');
    expect(none).not.toContain('Priorities that run');
  });

  it('checks messages from the page', () => {
    expect(parseViewMessage({ type: 'open', uri: 'file:///etc/asterisk/sip.conf', line: 3 })).toEqual({ type: 'open', uri: 'file:///etc/asterisk/sip.conf', line: 3 });
    expect(parseViewMessage({ type: 'open', uri: 'command:workbench.action.quit', line: 1 })).toBeUndefined();
    expect(parseViewMessage({ type: 'open', uri: 'file:///x', line: 0 })).toBeUndefined();
    expect(parseViewMessage({ type: 'rerun', index: 2 })).toEqual({ type: 'rerun', index: 2 });
    expect(parseViewMessage({ type: 'rerun', index: '2' })).toBeUndefined();
    expect(parseViewMessage('open')).toBeUndefined();
  });

  it('validates the number and describes a simulation', () => {
    for (const ok of ['2223334444', '*97', '#', '+15551234', 's', 'i', '_X.', '555-1234']) expect(validateNumber(ok)).toBeUndefined();
    for (const bad of ['', '  ', '555 1234', '12<3', 'a;b']) expect(validateNumber(bad)).toBeDefined();
    expect(describeParams({ number: '2223334444', context: 'internal' })).toBe('2223334444 from [internal]');
    expect(describeParams({ number: '5551112222', fromPeer: 'TheITSP-In', callerId: '555' })).toBe('5551112222 from device TheITSP-In (caller ID 555)');
    expect(describeParams({ number: '1', guest: true, time: null })).toBe('1 as a guest call, time windows ignored');
  });
});
