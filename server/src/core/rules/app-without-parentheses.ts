/**
 * `exten => 1,1,Dial,SIP/x`: with no '(' pbx_config takes the whole text as the
 * application name, so Asterisk runs an application called "Dial,SIP/x" and the
 * call fails at that priority. Nothing warns at load.
 */
import type { Diagnostic } from '../diagnostic';
import type { Rule } from './rule';
import { prioritiesNamedWithComma } from '../dialplan/app-index';

export const appWithoutParentheses: Rule = {
  code: 'app-without-parentheses',
  severity: 'error',
  stage: 'analysis',
  description: "An application written without parentheses but with commas (1,Dial,SIP/x runs an application named 'Dial,SIP/x').",
  run({ analysis }) {
    const out: Diagnostic[] = [];
    for (const root of analysis.roots) {
      if (!root.dialplan) continue;
      // Only application names with a comma and no '(' (a hint's text is no application: priority < 1).
      for (const p of prioritiesNamedWithComma(root.dialplan)) {
        if (p.priority < 1) continue;
        if (p.app.includes('${') || p.app.includes('$[')) continue;
        const comma = p.app.indexOf(',');
        const name = p.app.slice(0, comma).trim();
        const args = p.app.slice(comma + 1);
        out.push({
          file: p.file,
          start: p.appRange.start,
          end: p.appRange.end,
          severity: 'error',
          code: 'app-without-parentheses',
          message: `Without parentheses Asterisk runs an application literally named '${p.app}', which does not exist, and the call fails here. Write ${name}(${args}).`,
          fixes: [{ title: `Write ${name}(${args})`, preferred: true, edits: [{ file: p.file, start: p.appRange.start, end: p.appRange.end, newText: `${name}(${args})` }] }],
        });
      }
    }
    return out;
  },
};
