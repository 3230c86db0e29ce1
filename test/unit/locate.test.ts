/** What is under the cursor (features/locate.ts), data-driven with <|> markers. */
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../server/src/core/host';
import { Workspace } from '../../server/src/core/workspace';
import { locate } from '../../server/src/core/features/locate';

function at(file: 'sip.conf' | 'extensions.conf', marked: string, other = ''): string {
  const offset = marked.indexOf('<|>');
  const text = marked.replace('<|>', '');
  const files: Record<string, string> = { [`/e/${file}`]: text };
  if (other) files[`/e/${file === 'sip.conf' ? 'extensions.conf' : 'sip.conf'}`] = other;
  const ws = new Workspace({ configDir: '/e', host: memoryHost(files) });
  const a = ws.analyze(Object.keys(files));
  const t = locate(a, ws.parse(`/e/${file}`, text), `/e/${file}`, offset).target;
  if (!t) return 'none';
  const name = 'name' in t ? t.name : 'label' in t ? t.label : 'exten' in t ? t.exten : t.kind === 'extension' ? t.priority.written : '';
  return `${t.kind} ${name} ${text.slice(t.range.start, t.range.end)}`;
}

const cases: [string, 'sip.conf' | 'extensions.conf', string, string][] = [
  ['context header', 'extensions.conf', '[inter<|>nal]\nexten => 1,1,NoOp()', 'section internal internal'],
  ['pattern', 'extensions.conf', '[c]\nexten => _NXX<|>NXXXXXX,1,NoOp()', 'extension _NXXNXXXXXX _NXXNXXXXXX'],
  ['application', 'extensions.conf', '[c]\nexten => 1,1,Di<|>al(SIP/x)', 'application Dial Dial'],
  ['variable', 'extensions.conf', '[c]\nexten => 1,1,NoOp(${EX<|>TEN})', 'variable EXTEN ${EXTEN}'],
  ['Goto context', 'extensions.conf', '[c]\nexten => 1,1,Goto(pho<|>nes,100,1)\n[phones]', 'context-ref phones phones'],
  ['Goto label', 'extensions.conf', '[c]\nexten => 1,1,Goto(c,1,st<|>art)', 'label-ref start start'],
  ['Dial peer', 'extensions.conf', '[c]\nexten => _X.,1,Dial(SIP/TheITSP<|>-Out/${EXTEN})', 'peer-ref TheITSP-Out TheITSP-Out'],
  ['Dial number@peer', 'extensions.conf', '[c]\nexten => _X.,1,Dial(SIP/${EXTEN}@prov<|>ider,30)', 'peer-ref provider provider'],
  ['Dial second destination', 'extensions.conf', '[c]\nexten => 1,1,Dial(SIP/a&SIP/b<|>ob)', 'peer-ref bob bob'],
  ['include', 'extensions.conf', '[c]\ninclude => pho<|>nes\n[phones]', 'context-ref phones phones'],
  ['sip context=', 'sip.conf', '[p]\ntype=peer\ncontext=incom<|>ing', 'context-ref incoming incoming'],
  ['sip option name', 'sip.conf', '[p]\nins<|>ecure=port', 'option-name insecure insecure'],
  ['template ref', 'sip.conf', '[t](!)\ntype=friend\n[p](<|>t)', 'template-ref t t'],
];

describe('locate', () => {
  for (const [name, file, marked, expected] of cases) it(name, () => expect(at(file, marked)).toBe(expected));
});
