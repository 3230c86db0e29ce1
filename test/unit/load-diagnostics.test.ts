/**
 * Load-time diagnostics: what Asterisk itself logs or rejects while loading
 * (SPEC.md §1–§4), one inline case per code: "file:line code".
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { LineIndex } from '../../server/src/core/text/line-index';
import { Workspace } from '../../server/src/core/workspace';

const DIR = '/etc/asterisk';

function check(files: Record<string, string>, expected: string[]) {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  const roots = Object.keys(abs).filter((f) => !f.includes('/inc/'));
  const a = new Workspace({ configDir: DIR, host: memoryHost(abs) }).analyze(roots);
  const got = a.diagnostics.map((d) => `${path.relative(DIR, d.file)}:${new LineIndex(a.texts.get(d.file)!).lineOf(d.start) + 1} ${d.code}`);
  expect(got.sort()).toEqual(expected.sort());
}

const E = (body: string) => ({ 'extensions.conf': body });
const S = (body: string) => ({ 'sip.conf': body });

const cases: [string, Record<string, string>, string[]][] = [
  ['comment-nesting-too-deep', E('[c]\n' + ';-- '.repeat(129) + '\n' + '--; '.repeat(129)), ['extensions.conf:2 comment-nesting-too-deep', 'extensions.conf:3 stray-block-comment-end', 'extensions.conf:3 missing-equals']],
  ['unterminated-block-comment', E('[c]\n;-- open\nexten => 1,1,NoOp()'), ['extensions.conf:2 unterminated-block-comment']],
  ['stray-block-comment-end', E('[c]\nexten => 1,1,NoOp(a--;b)\nexten => 2,1,NoOp()'), ['extensions.conf:2 stray-block-comment-end']],
  ['section-unclosed', E('[c\nexten => 1,1,NoOp()'), ['extensions.conf:1 section-unclosed', 'extensions.conf:2 line-outside-section']],
  ['section-options-unclosed', S('[t](!\ntype=peer'), ['sip.conf:1 section-options-unclosed', 'sip.conf:2 line-outside-section']],
  ['section-trailing-text', S('[t] (!)\ntype=peer\nhost=1.2.3.4\nsecret=x'), ['sip.conf:1 section-trailing-text']],
  ['append-to-unknown-section', S('[a](+)\ntype=peer'), ['sip.conf:1 append-to-unknown-section', 'sip.conf:2 line-outside-section']],
  ['inherit-unknown-section (later)', S('[p](tpl)\nsecret=x\n[tpl](!)\ntype=peer'), ['sip.conf:1 inherit-unknown-section', 'sip.conf:2 line-outside-section']],
  ['line-outside-section', E('exten => 1,1,NoOp()\n[c]'), ['extensions.conf:1 line-outside-section']],
  ['invalid-escape', E('[c]\n\\ x=1'), ['extensions.conf:2 invalid-escape']],
  ['missing-equals', E('[c]\nexten 1,1,NoOp()'), ['extensions.conf:2 missing-equals']],
  ['empty-variable-name', E('[c]\n= 1'), ['extensions.conf:2 empty-variable-name']],
  ['unknown-directive', E('#END\n[c]'), ['extensions.conf:1 unknown-directive']],
  ['directive-missing-argument', E('#include\n[c]'), ['extensions.conf:1 directive-missing-argument']],
  ['exec-not-evaluated', E('[c]\n#exec /usr/bin/make-dialplan'), ['extensions.conf:2 exec-not-evaluated']],
  ['missing-include', E('[c]\n#include "nope.conf"'), ['extensions.conf:2 missing-include']],
  ['tryinclude of a missing file is fine', E('[c]\n#tryinclude "nope.conf"'), []],
  ['include resolves against the config dir', { 'extensions.conf': '[c]\n#include inc/a.conf', 'inc/a.conf': '#include inc/b.conf', 'inc/b.conf': 'exten => 1,1,NoOp()' }, []],
  ['glob include', { 'extensions.conf': '[c]\n#include inc/{a,b}.conf', 'inc/a.conf': 'exten => 1,1,NoOp()', 'inc/b.conf': 'exten => 2,1,NoOp()' }, []],
  ['include-cycle', { 'extensions.conf': '[c]\n#include inc/a.conf', 'inc/a.conf': '#include inc/b.conf', 'inc/b.conf': '#include inc/a.conf' }, ['inc/b.conf:1 include-cycle']],
  ['include-depth-exceeded', { 'extensions.conf': '[c]\n#include inc/1.conf', ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`inc/${i + 1}.conf`, i < 10 ? `#include inc/${i + 2}.conf` : 'x=1'])) }, ['inc/9.conf:1 include-depth-exceeded']],
  ['duplicate-include', { 'extensions.conf': '[c]\n#include inc/a.conf\n#include inc/a.conf', 'inc/a.conf': 'exten => 1,1,NoOp()' }, ['extensions.conf:3 duplicate-include', 'inc/a.conf:1 duplicate-priority']],
  ['same-without-extension', E('[c]\nsame => n,NoOp()'), ['extensions.conf:2 same-without-extension']],
  ['label-unclosed', E('[c]\nexten => 1,1(start,NoOp()'), ['extensions.conf:2 label-unclosed']],
  ['relative-priority-first', E('[c]\nexten => 1,n,NoOp()'), ['extensions.conf:2 relative-priority-first']],
  ['label-unclosed (n(…)', E('[c]\nexten => 1,1,NoOp()\nsame => n(start,NoOp()'), ['extensions.conf:3 label-unclosed']],
  ['relative-priority-first (n(label))', E('[c]\nexten => 1,n(start),NoOp()'), ['extensions.conf:2 relative-priority-first']],
  ['unknown-label', E('[c]\nexten => 1,1,NoOp()\nsame => _[+0-9]!,n,NoOp()'), ['extensions.conf:3 unknown-label']],
  ['invalid-priority', E('[c]\nexten => 1,0,NoOp()'), ['extensions.conf:2 invalid-priority']],
  ['unclosed-parenthesis', E('[c]\nexten => 1,1,NoOp(x'), ['extensions.conf:2 unclosed-parenthesis']],
  ['empty-extension', E('[c]\nexten => ,1,NoOp()'), ['extensions.conf:2 empty-extension']],
  ['discouraged-pattern', E('[c]\nexten => _.,1,NoOp()'), ['extensions.conf:2 discouraged-pattern']],
  ['duplicate-priority (aliased)', E('[c]\nexten => _XXX,1,NoOp()\nexten => _[0-9]XX,1,NoOp()'), ['extensions.conf:3 duplicate-priority']],
  ['duplicate-label', E('[c]\nexten => 1,1(a),NoOp()\nexten => 1,2(a),NoOp()'), ['extensions.conf:3 duplicate-label']],
  ['unknown-context (include)', E('[c]\ninclude => nowhere'), ['extensions.conf:2 unknown-context']],
  ['bad-include-timing', E('[c]\ninclude => d,25:00-26:00,*,*,*\n[d]'), ['extensions.conf:2 bad-include-timing']],
  ['duplicate-include-context', E('[c]\ninclude => d\ninclude => D\n[d]\n[D]'), ['extensions.conf:3 duplicate-include-context']],
  ['duplicate-ignorepat', E('[c]\nignorepat => 9\nignorepat => 9'), ['extensions.conf:3 duplicate-ignorepat']],
  ['duplicate-switch', E('[c]\nswitch => Realtime/a\nswitch => Realtime/a'), ['extensions.conf:3 duplicate-switch']],
  ['unknown-dialplan-key', E('[c]\ntype=peer'), ['extensions.conf:2 unknown-dialplan-key']],
  ['app-without-parentheses', E('[c]\nexten => 1,1,Dial,SIP/x'), ['extensions.conf:2 app-without-parentheses']],
  ['device-missing-type', S('[p]\nhost=1.2.3.4'), ['sip.conf:1 device-missing-type']],
  ['device-unknown-type', S('[p]\ntype=phone'), ['sip.conf:2 device-unknown-type']],
  ['invalid-option-value', S('[p]\ntype=peer\nhost=1.2.3.4\nsecret=x\ndtmfmode=rfc2883\nqualify=sometimes'), ['sip.conf:5 invalid-option-value', 'sip.conf:6 invalid-option-value']],
  ['deprecated-option', S('[p]\ntype=peer\nhost=1.2.3.4\nsecret=x\nusername=bob'), ['sip.conf:5 deprecated-option']],
  ['malformed-register', S('[general]\nregister => user:pass'), ['sip.conf:2 malformed-register']],
  ['register-warning', S('[general]\nregister => xyz://user:pass@host'), ['sip.conf:2 register-warning']],
  ['malformed-auth', S('[authentication]\nauth = nobody'), ['sip.conf:2 malformed-auth']],
  ['line-too-long', E('[c]\nexten => 1,1,NoOp(' + 'x'.repeat(9000) + ')'), ['extensions.conf:2 line-too-long']],
];

describe('load-time diagnostics', () => {
  for (const [name, files, expected] of cases) it(name, () => check(files, expected));
  it('file-unreadable', () => {
    const a = new Workspace({ configDir: DIR, host: memoryHost({}) }).analyze([path.join(DIR, 'extensions.conf')]);
    expect(a.diagnostics.map((d) => d.code)).toEqual(['file-unreadable']);
  });
});
