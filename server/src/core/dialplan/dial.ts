/**
 * The SIP destinations a Dial() names in its first argument (`SIP/peer`, `SIP/peer/number`, `SIP/number@peer`,
 * several joined by '&'). Read while the dialplan is built when the argument is constant; one that names a ${…}
 * is read by the rules with [globals] substituted (see dialUses).
 */
export interface DialDest {
  tech: string;
  peer: string;
  /** The number part (`SIP/peer/NUMBER` or `SIP/NUMBER@peer`), if any. */
  number?: string;
}

export const NO_DESTS: readonly DialDest[] = Object.freeze([]);

/** A Dial destination SIP/…, and where a peer written after '@' ends (made once: a literal is a new RegExp each time it runs). */
const SIP_DEST = /^\s*(SIP)\/([^,]*)$/i;
const PEER_END = /[:/]/;

/** The SIP destinations of a Dial's first argument. */
export function sipDestinations(first: string): readonly DialDest[] {
  let out: DialDest[] | undefined;
  for (const dest of first.indexOf('&') === -1 ? [first] : first.split('&')) {
    const m = SIP_DEST.exec(dest);
    if (!m) continue;
    const res = m[2]!.trim();
    const at = res.indexOf('@');
    let peer: string;
    let number: string | undefined;
    if (at !== -1) {
      number = res.slice(0, at);
      peer = res.slice(at + 1).split(PEER_END)[0]!;
    } else {
      const slash = res.indexOf('/');
      peer = slash === -1 ? res : res.slice(0, slash);
      number = slash === -1 ? undefined : res.slice(slash + 1);
    }
    if (peer) (out ??= []).push({ tech: m[1]!, peer, number });
  }
  return out ?? NO_DESTS;
}
