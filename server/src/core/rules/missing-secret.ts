/**
 * missing-secret: a device that registers (host=dynamic) without secret or
 * md5secret — anyone can register as it and place calls (error); a peer used for
 * outbound calls with no credentials — the provider's 401/407 challenge fails
 * (warning); a register => line without a secret (warning). Template values count.
 */
import type { Diagnostic, Location } from '../diagnostic';
import { deviceValue, hasInboundSecret, insecureOf, isDynamic, type SipDevice } from '../sip/model';
import type { Rule } from './rule';
import { outboundPeers } from './routing';

function randomSecret(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = new Uint8Array(20);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function addSecretFix(dev: SipDevice): Diagnostic['fixes'] {
  const header = dev.sections[0]!.header;
  return [
    {
      title: `Add a random secret to [${dev.name}]`,
      preferred: true,
      edits: [{ file: dev.sections[0]!.file, start: header.range.end, end: header.range.end, newText: `\nsecret=${randomSecret()}` }],
    },
  ];
}

/** The device's name in its first section header (made only for a finding: most devices have none). */
function nameLocation(dev: SipDevice): Location {
  const r = dev.sections[0]!.header.nameRange;
  return { file: dev.sections[0]!.file, start: r.start, end: r.end };
}

export const missingSecret: Rule = {
  code: 'missing-secret',
  severity: 'error',
  stage: 'analysis',
  description: 'A registering device without secret/md5secret, an outbound peer without credentials, or a register => line without a secret.',
  run({ analysis }) {
    const sip = analysis.sip;
    if (!sip) return [];
    const out: Diagnostic[] = [];
    const outbound = outboundPeers(sip, analysis.dialplan);
    for (const [key, dev] of sip.devices) {
      const header = dev.sections[0]!.header;
      if (dev.peer && isDynamic(dev) && !hasInboundSecret(dev)) {
        out.push({
          ...nameLocation(dev),
          severity: 'error',
          code: 'missing-secret',
          message:
            `[${dev.name}] registers (host=dynamic) but has no secret or md5secret: anyone who knows the name can register as ${dev.name} and place calls through its context.` +
            (deviceValue(dev, 'password') !== undefined ? ` (password= is a pjsip.conf option; chan_sip ignores it — use secret=.)` : ''),
          fixes: addSecretFix(dev),
        });
        continue;
      }
      if (!outbound.has(key) || isDynamic(dev)) continue; // key: the device's name lower-cased
      // A provider that authenticates us by address: matched by IP with insecure=invite, no password involved.
      if (insecureOf(dev).invite) continue;
      if (deviceValue(dev, 'secret') || deviceValue(dev, 'md5secret') || deviceValue(dev, 'remotesecret')) continue;
      out.push({
        ...nameLocation(dev),
        severity: 'warning',
        code: 'missing-secret',
        message: `[${dev.name}] places outbound calls but has no secret, md5secret or remotesecret: when the provider challenges the INVITE (401/407), Asterisk cannot answer and the call fails.`,
        fixes: [
          {
            title: `Add secret= to [${dev.name}] (fill in the password from your provider)`,
            edits: [{ file: dev.sections[0]!.file, start: header.range.end, end: header.range.end, newText: `\nsecret=` }],
          },
        ],
      });
    }
    for (const r of sip.registrations) {
      if (!r.entry || r.entry.secret) continue;
      const v = r.variable;
      out.push({
        file: v.file,
        start: v.node.valueRange.start,
        end: v.node.valueRange.end,
        severity: 'warning',
        code: 'missing-secret',
        message: `This register => line has no secret (user:secret@host): the registrar's challenge will fail and ${r.entry.host} will not send calls here.`,
      });
    }
    return out;
  },
};
