/**
 * unknown-context: `context=` of a device, a template or [general] that names a
 * context existing nowhere in the dialplan, and static Goto/Gosub targets in a
 * missing context. (`include =>` of a missing context is reported with the same
 * code while the dialplan loads.) Quick fixes: create the context, or switch to a
 * near existing one that does not open a route to a trunk.
 */
import * as path from 'node:path';
import type { Diagnostic, Fix } from '../diagnostic';
import type { Variable } from '../config/loader';
import type { Dialplan } from '../dialplan/model';
import { nearNames } from '../text/similar';
import { lowerCase } from '../text/case';
import type { Analysis } from '../workspace';
import type { Rule } from './rule';
import { fraudPath, jumpGraph } from './routing';

function createContextFix(analysis: Analysis, plan: Dialplan, name: string): Fix | undefined {
  const file = plan.config.root;
  const text = analysis.texts.get(file);
  if (text === undefined) return undefined;
  const sep = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return {
    title: `Create context [${name}] in ${path.basename(file)}`,
    edits: [{ file, start: text.length, end: text.length, newText: `${sep}[${name}]\n` }],
  };
}

export const unknownContext: Rule = {
  code: 'unknown-context',
  severity: 'error',
  stage: 'analysis',
  description: 'context=, include => or a static Goto/Gosub naming a context that does not exist in the dialplan.',
  run({ analysis }) {
    const plan = analysis.dialplan;
    if (!plan) return [];
    const out: Diagnostic[] = [];
    const names = [...plan.contexts.keys()];
    const sip = analysis.sip;

    const check = (v: Variable, owner: string, entryPoint: boolean): void => {
      const name = v.value;
      if (name === '' || plan.contexts.has(name) || name.includes('${')) return;
      const near = nearNames(name, names);
      const safe = entryPoint && sip ? near.filter((n) => !fraudPath(plan, sip, n)) : near;
      const vr = v.node.valueRange;
      const fixes: Fix[] = [];
      for (const n of safe) fixes.push({ title: `Change to context=${n}`, preferred: fixes.length === 0 && n.toLowerCase() === name.toLowerCase(), edits: [{ file: v.file, start: vr.start, end: vr.end, newText: n }] });
      const create = createContextFix(analysis, plan, name);
      if (create) fixes.push(create);
      out.push({
        file: v.file,
        start: vr.start,
        end: vr.end,
        severity: 'error',
        code: 'unknown-context',
        message:
          `${owner} sends calls to context '${name}', which does not exist in the dialplan: Asterisk rejects them ("No such extension/context").` +
          (near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '') +
          (near.some((n) => n.toLowerCase() === name.toLowerCase()) ? ' Context names are case-sensitive.' : ''),
        fixes,
      });
    };

    if (sip) {
      for (const root of analysis.roots) {
        if (!root.sip) continue;
        for (const cat of root.config.categories) {
          const lname = lowerCase(cat.name);
          if (lname === 'authentication') continue;
          for (const v of cat.vars) {
            if (v.key !== 'context' || v.inheritedFrom) continue;
            const owner = lname === 'general' && !cat.template ? '[general]' : cat.template ? `Template [${cat.name}]` : `[${cat.name}]`;
            check(v, owner, true);
          }
        }
      }
    }

    for (const edges of jumpGraph(plan).values()) {
      for (const e of edges) {
        const p = e.priority;
        if (!p || plan.contexts.has(e.to)) continue;
        const near = nearNames(e.to, names);
        const r = p.argsRange ?? p.appRange;
        out.push({
          file: p.file,
          start: r.start,
          end: r.end,
          severity: 'error',
          code: 'unknown-context',
          message: `${p.app.trim()}() jumps to context '${e.to}', which does not exist: the call ends here with an error.` + (near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''),
        });
      }
    }
    return out;
  },
};
