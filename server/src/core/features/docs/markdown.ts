/**
 * Small Markdown helpers shared by hover and completion documentation: code
 * spans that survive backticks, escaping of free text, and the secret mask.
 */

/** What a hover shows instead of a secret. */
export const SECRET_MASK = '••••••';

/** sip.conf options whose value is a secret. */
export const SECRET_OPTIONS: ReadonlySet<string> = new Set(['secret', 'md5secret', 'remotesecret']);

/** An inline code span for any text (backticks inside are fenced with longer runs). */
export function code(text: string): string {
  if (text === '') return '` `';
  const runs = text.match(/`+/g);
  if (!runs) return '`' + text + '`';
  const fence = '`'.repeat(Math.max(...runs.map((r) => r.length)) + 1);
  return `${fence} ${text} ${fence}`;
}

/** Escape Markdown punctuation in free text (names, values shown outside code spans). */
export function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');
}

/** `1 extension` / `3 extensions`. */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A list cut to `max` items with "… and N more". */
export function listSome(items: string[], max: number): string {
  if (items.length <= max) return joinAnd(items);
  return `${items.slice(0, max).join(', ')} … and ${items.length - max} more`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "first", "second", …, then "11th". */
export function ordinal(n: number): string {
  if (n >= 1 && n <= ORDINALS.length) return ORDINALS[n - 1]!;
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Mask a `user:secret@realm` / `user#md5@realm` auth entry of [authentication]. */
export function maskAuthEntry(value: string): string {
  const at = value.lastIndexOf('@');
  const head = at === -1 ? value : value.slice(0, at);
  const tail = at === -1 ? '' : value.slice(at);
  const sep = head.search(/[:#]/);
  if (sep === -1) return value;
  return head.slice(0, sep + 1) + SECRET_MASK + tail;
}
