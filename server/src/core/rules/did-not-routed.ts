/**
 * did-not-routed: `register => …/EXTEN` tells the provider to send calls for
 * EXTEN, but the context of the provider's inbound peer has no extension that
 * matches it at priority 1, so those calls are rejected.
 */
import type { Diagnostic } from '../diagnostic';
import { findExtension, mayMatchOwn } from '../simulate/find';
import { deviceValue, type SipDevice } from '../sip/model';
import { lowerCase } from '../text/case';
import type { Rule } from './rule';
import { fraudPath } from './routing';

function hostOf(d: SipDevice): string {
  return lowerCase(deviceValue(d, 'host') ?? '');
}

export const didNotRouted: Rule = {
  code: 'did-not-routed',
  severity: 'warning',
  stage: 'analysis',
  description: "A register => …/EXTEN whose extension the provider's inbound peer context cannot answer.",
  run({ analysis }) {
    const { sip, dialplan: plan } = analysis;
    if (!sip || !plan) return [];
    const out: Diagnostic[] = [];
    const devices = [...sip.devices.values()];
    const names = [...sip.devices.keys()]; // each device's name, lower-cased
    const hosts = devices.map(hostOf); // host= of each device, lower-cased, read once for every register line
    for (const r of sip.registrations) {
      const e = r.entry;
      if (!e || !r.fields.extension) continue;
      const did = e.extension;
      const host = lowerCase(e.host);
      const peerName = e.peer === undefined ? undefined : lowerCase(e.peer);
      const peers: SipDevice[] = [];
      for (let i = 0; i < devices.length; i++) if (hosts[i] === host || (peerName && names[i] === peerName)) peers.push(devices[i]!);
      const inbound = peers.filter((d) => /invite|port/i.test(deviceValue(d, 'insecure') ?? ''));
      const candidates = inbound.length ? inbound : peers;
      if (candidates.length === 0) continue;
      const contexts = [...new Set(candidates.map((d) => deviceValue(d, 'context') ?? sip.general.context))];
      if (contexts.some((c) => !plan.contexts.has(c))) continue; // unknown-context reports that
      if (contexts.some((c) => fraudPath(plan, sip, c))) continue; // toll-fraud-route: the context itself is wrong
      if (contexts.some((c) => findExtension(plan, { context: c, exten: did, time: null }).found)) continue;
      // The contexts whose own extensions answer it (most contexts cannot: no index is built for those).
      const elsewhere = [...plan.contexts.values()]
        .filter((ctx) => mayMatchOwn(ctx, did) && findExtension(plan, { context: ctx.name, exten: did, time: null }).found?.context === ctx)
        .map((ctx) => ctx.name);
      const f = r.fields.extension;
      const start = r.exact ? r.valueStart + f.start : r.variable.node.valueRange.start;
      const end = r.exact ? r.valueStart + f.end : r.variable.node.valueRange.end;
      out.push({
        file: r.variable.file,
        start,
        end,
        severity: 'warning',
        code: 'did-not-routed',
        message:
          `The provider will send calls for ${did} (register => …/${did}), but ${contexts.map((c) => `[${c}]`).join(' and ')} (the context of ${candidates.map((d) => d.name).join(', ')}) has no extension ${did}: those calls are rejected.` +
          (elsewhere.length ? ` It exists in ${elsewhere.map((c) => `[${c}]`).join(', ')}.` : ''),
      });
    }
    return out;
  },
};
