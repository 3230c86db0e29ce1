/** Random edits of config texts, for the tests that compare an incremental result with a fresh one. */

/** One random edit: insert one of `inserts`, delete, or replace a span (mostly short, up to `longest`) at a random place. */
export function randomEdit(text: string, r: () => number, inserts: readonly string[], longest: number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = Math.floor(r() * 3);
  const len = Math.floor(r() * (r() < 0.8 ? 3 : longest));
  const ins = kind === 1 ? '' : inserts[Math.floor(r() * inserts.length)]!;
  return text.slice(0, at) + ins + text.slice(kind === 0 ? at : Math.min(text.length, at + len));
}

/** Big enough for the incremental reparse (16 KB and more): the text repeated up to 24 KB. */
export function grown(text: string): string {
  let t = text;
  while (t.length < 24_000 && text.length > 0) t += '\n' + text;
  return t;
}
