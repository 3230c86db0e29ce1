/**
 * invalid-insecure: each comma-separated word of insecure= must be `port` or
 * `invite` (any case). Since 1.6, `very` and `yes` are not special; chan_sip logs
 * "Unknown insecure mode" and keeps only the words it knows
 * (../shared/asterisk/insecure-oracle.tsv).
 */
import type { Diagnostic } from '../diagnostic';
import { parseInsecure, suggestInsecure } from '../sip/options';
import { deviceVar } from '../sip/model';
import { lowerCase } from '../text/case';
import type { Rule } from './rule';

export const invalidInsecure: Rule = {
  code: 'invalid-insecure',
  severity: 'error',
  stage: 'analysis',
  description: "insecure= words other than port and invite ('very' and 'yes' are not special since Asterisk 1.6).",
  run({ analysis }) {
    const out: Diagnostic[] = [];
    for (const root of analysis.roots) {
      const sip = root.sip;
      if (!sip) continue;
      for (const cat of root.config.categories) {
        // A device's sections need reading only when it has an insecure= at all, inherited or its own (the sip
        // model keeps its last one): most phones have none. Templates, [general] and skipped devices are read.
        const dev = cat.template ? undefined : sip.devices.get(lowerCase(cat.name));
        if (dev !== undefined && deviceVar(dev, 'insecure') === undefined) continue;
        for (const v of cat.vars) {
          if (v.key !== 'insecure' || v.inheritedFrom) continue;
          const r = parseInsecure(v.value);
          if (r.unknownWords.length === 0) continue;
          const words = r.unknownWords.map((w) => `'${w}'`).join(', ');
          const effective = r.effective === 'no' ? 'no insecure flag at all (every INVITE and port is checked)' : `only insecure=${r.effective}`;
          const suggestion = suggestInsecure(v.value);
          const vr = v.node.valueRange;
          out.push({
            file: v.file,
            start: vr.start,
            end: vr.end > vr.start ? vr.end : v.node.range.end,
            severity: 'error',
            code: 'invalid-insecure',
            message:
              `Unknown insecure mode ${words}: only 'port' and 'invite' exist (since Asterisk 1.6 'very' and 'yes' are not special; no spaces around commas). ` +
              `Asterisk logs "Unknown insecure mode" and [${cat.name}] gets ${effective}.` +
              (suggestion ? ` Did you mean insecure=${suggestion}?` : ''),
            data: { asteriskWarnings: r.warnings, effective: r.effective },
            fixes: suggestion && suggestion !== v.value ? [{ title: `Change to insecure=${suggestion}`, preferred: true, edits: [{ file: v.file, start: vr.start, end: vr.end, newText: suggestion }] }] : undefined,
          });
        }
      }
    }
    return out;
  },
};
