/**
 * The SIP destinations a Dial() names in its first argument (`SIP/peer`, `SIP/peer/number`, `SIP/number@peer`,
 * several joined by '&'). Read while the dialplan is built when the argument is constant; one that names a ${…}
 * is read by the rules with [globals] substituted (see dialUses).
 */
import { firstArg } from '../simulate/expand';

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

/**
 * The SIP destinations of the first argument of a Dial's arguments value[from, to) (from -1: none), read where
 * they are; undefined when that argument names a ${…}. The same as sipDestinations(firstArg(…)) of the arguments:
 * the usual one, `SIP/name` and then a comma, is read without a slice, a regular expression or a split; the
 * others go that way.
 */
export function dialDestinations(value: string, from: number, to: number): readonly DialDest[] | undefined {
  if (from === -1) return NO_DESTS;
  const peer = from + 4;
  if (to - from > 4 && value.charCodeAt(peer - 1) === 47 /* / */ && isSipWord(value, from)) {
    let i = peer;
    while (i < to && isPlainPeerChar(value.charCodeAt(i))) i++;
    // SIP/name up to the end or a comma (which ends the first argument: nothing before it opens a quote or a bracket).
    if (i > peer && (i === to || value.charCodeAt(i) === 44)) return [{ tech: value.slice(from, peer - 1), peer: value.slice(peer, i), number: undefined }];
  }
  const first = firstArg(value.slice(from, to));
  return first.indexOf('${') === -1 ? sipDestinations(first) : undefined;
}

/** value[at, at + 3) is 'SIP' in any case. */
function isSipWord(value: string, at: number): boolean {
  return (value.charCodeAt(at) | 32) === 115 && (value.charCodeAt(at + 1) | 32) === 105 && (value.charCodeAt(at + 2) | 32) === 112;
}

/**
 * A character of a peer name that means nothing else to Dial's first argument, firstArg or sipDestinations:
 * ASCII letters, digits and - _ . + * # ! % ~ (not a blank, '&', '$', '@', '/', ':', ',', a quote, a backslash or a bracket).
 */
function isPlainPeerChar(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 45 || c === 95 || c === 46 || c === 43 || c === 42 || c === 35 || c === 33 || c === 37 || c === 126;
}

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
