/**
 * toll-fraud-route: an entry point that accepts calls without authentication —
 * a device with insecure=invite or with neither secret nor md5secret, or guest
 * calls ([general] context while allowguest is on, the default) — whose context
 * reaches, through include => and static Goto/Gosub, a Dial() that passes the
 * dialed number to a trunk. Keep calls from the outside world totally separate
 * from internal extensions that can dial back out.
 */
import type { Diagnostic, Fix } from '../diagnostic';
import type { Rule } from './rule';
import { fraudPath, pathRelated, unauthenticatedEntries } from './routing';

/** The first line of a file, where a problem of the whole file is reported. */
function firstLineOf(text: string | undefined, file: string): { file: string; start: number; end: number } {
  const nl = text?.indexOf('\n') ?? -1;
  return { file, start: 0, end: nl === -1 ? (text?.length ?? 0) : nl };
}

export const tollFraudRoute: Rule = {
  code: 'toll-fraud-route',
  severity: 'error',
  stage: 'analysis',
  description: 'An unauthenticated entry point (insecure=invite, no secret, or guest calls) whose context can reach an outbound trunk.',
  run({ analysis }) {
    const { sip, dialplan: plan } = analysis;
    if (!sip || !plan) return [];
    const out: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const entry of unauthenticatedEntries(sip)) {
      const found = fraudPath(plan, sip, entry.context);
      if (!found) continue;
      const { dial, path } = found;
      const v = entry.contextVar;
      const header = entry.device?.sections[0];
      const loc = v
        ? { file: v.file, start: v.node.range.start, end: v.node.range.end }
        : header
          ? { file: header.file, start: header.header.nameRange.start, end: header.header.nameRange.end }
          : sip.general.section
            ? { file: sip.general.section.file, start: sip.general.section.header.nameRange.start, end: sip.general.section.header.nameRange.end }
            : firstLineOf(analysis.texts.get(sip.config.root), sip.config.root);
      if (!loc) continue;
      const key = `${loc.file}:${loc.start}:${entry.kind}:${entry.device?.name ?? ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const route = path.map((s) => `[${s.context}]`).join(' → ');
      const who = entry.kind === 'guest' ? 'Anyone on the Internet' : entry.device && (entry.device.vars.some((x) => x.key === 'host' && x.value.toLowerCase() !== 'dynamic')) ? `Anything that can send from ${entry.device.name}'s address` : 'Anyone';
      const fixes: Fix[] = [];
      if (entry.kind === 'guest' && !sip.general.section) {
        fixes.push({ title: 'Add a [general] section with allowguest=no', preferred: true, edits: [{ file: sip.config.root, start: 0, end: 0, newText: '[general]\nallowguest=no\n\n' }] });
      }
      if (entry.kind === 'guest' && sip.general.section) {
        const g = sip.general.section;
        const gv = sip.general.allowguestVar;
        fixes.push(
          gv
            ? { title: 'Set allowguest=no', preferred: true, edits: [{ file: gv.file, start: gv.node.valueRange.start, end: gv.node.valueRange.end, newText: 'no' }] }
            : { title: 'Add allowguest=no to [general]', preferred: true, edits: [{ file: g.file, start: g.header.range.end, end: g.header.range.end, newText: '\nallowguest=no' }] },
        );
      }
      out.push({
        ...loc,
        severity: 'error',
        code: 'toll-fraud-route',
        message:
          `Toll-fraud route: ${entry.why}, and its context ${route} reaches ${dial.priority.written} which dials out through the trunk ${dial.peer}. ` +
          `${who} can make calls at your expense. Point unauthenticated calls at a context that only reaches your own phones.`,
        related: pathRelated(path, dial),
        fixes: fixes.length ? fixes : undefined,
      });
    }
    return out;
  },
};
