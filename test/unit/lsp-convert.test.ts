/** The LSP boundary without a connection: offsets → positions, diagnostics, fixes → WorkspaceEdit, settings. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Fix } from '../../server/src/core';
import { toCodeAction, toWorkspaceEdit } from '../../server/src/lsp/code-actions';
import { positionsOf, toLspDiagnostic } from '../../server/src/lsp/convert';
import { parseSettings } from '../../server/src/lsp/settings';

const texts = new Map([
  ['/etc/asterisk/sip.conf', '[general]\r\nnat=maybe\r\n'],
  ['/etc/asterisk/extensions.conf', '[default]\n; é😀\nexten => 1,1,Dial,SIP/x\n'],
]);
const positions = positionsOf((f) => texts.get(f));
const uriOf = (f: string): string => `file://${f}`;
/** A range as compact `line:col->line:col`. */
const r = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
  `${range.start.line}:${range.start.character}->${range.end.line}:${range.end.character}`;
const at = (file: string, needle: string): { start: number; end: number } => {
  const start = texts.get(file)!.indexOf(needle);
  return { start, end: start + needle.length };
};

describe('lsp conversion', () => {
  it('converts a core diagnostic with related information (CRLF and UTF-16 offsets)', () => {
    const ext = '/etc/asterisk/extensions.conf';
    const sip = '/etc/asterisk/sip.conf';
    const d: Diagnostic = {
      file: ext,
      ...at(ext, 'Dial,SIP/x'),
      severity: 'error',
      code: 'app-without-parentheses',
      message: 'm',
      related: [{ file: sip, ...at(sip, 'maybe'), message: 'here' }],
      data: { replacement: 'Dial(SIP/x)' },
    };
    const lsp = toLspDiagnostic(d, positions, uriOf, { group: '/etc/asterisk', run: 3, index: 0 });
    expect(r(lsp.range)).toBe('2:13->2:23');
    expect(lsp).toMatchObject({ severity: 1, code: 'app-without-parentheses', source: 'asterisk', data: { group: '/etc/asterisk', run: 3, index: 0 } });
    expect(lsp.relatedInformation).toHaveLength(1);
    expect(lsp.relatedInformation![0]!.location.uri).toBe(uriOf(sip));
    expect(r(lsp.relatedInformation![0]!.location.range)).toBe('1:4->1:9');
    // UTF-16: 'é' is one unit, '😀' two.
    expect(r(positions.range(ext, texts.get(ext)!.indexOf('😀'), texts.get(ext)!.indexOf('😀') + 2))).toBe('1:3->1:5');
  });

  it('turns a fix spanning two files into one WorkspaceEdit', () => {
    const ext = '/etc/asterisk/extensions.conf';
    const sip = '/etc/asterisk/sip.conf';
    const fix: Fix = {
      title: 'Fix both',
      preferred: true,
      edits: [
        { file: ext, ...at(ext, 'Dial,SIP/x'), newText: 'Dial(SIP/x)' },
        { file: sip, ...at(sip, 'maybe'), newText: 'force_rport' },
        { file: ext, start: 0, end: 0, newText: '; fixed\n' },
      ],
    };
    expect(toWorkspaceEdit(fix, positions, uriOf)).toEqual({
      changes: {
        [uriOf(ext)]: [
          { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 23 } }, newText: 'Dial(SIP/x)' },
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '; fixed\n' },
        ],
        [uriOf(sip)]: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, newText: 'force_rport' }],
      },
    });
    const diagnostic = { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 23 } }, message: 'm' };
    expect(toCodeAction(fix, diagnostic, positions, uriOf)).toMatchObject({ title: 'Fix both', kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic] });
  });

  it('reads the asterisk settings section', () => {
    expect(parseSettings(undefined)).toEqual({ debounceMs: 200, severities: {} });
    const s = parseSettings(
      { configDirectory: 'etc', diagnostics: { debounceMs: 0, 'deprecated-option': 'off', 'missing-include': 'hint', 'line-too-long': 'default', 'no-such-code': 'error', 'malformed-auth': 'loud' } },
      ['/work/ws'],
    );
    expect(s).toEqual({ configDirectory: '/work/ws/etc', debounceMs: 0, severities: { 'deprecated-option': 'off', 'missing-include': 'hint' } });
    expect(parseSettings({ diagnostics: { debounceMs: -5 } }).debounceMs).toBe(0);
  });
});
