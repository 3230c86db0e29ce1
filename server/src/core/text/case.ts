/**
 * Lower-casing for the names and values read from every section and device of a large config.
 *
 * V8 lower-cases a string held as UTF-16 through ICU (about 100 ns a call, five times the Latin-1 fast path), and a
 * file with a single character past Latin-1 anywhere (an em dash or curly quotes in a comment, a name in another
 * script) is held as UTF-16, and so is every string cut from it. Most names and values (`1001`, `dynamic`,
 * `friend`, `trunk-out`) have nothing to lower-case: they are returned as they are, after a look at each character.
 */

/** s.toLowerCase(), the same string when s has no ASCII capital and no character past ASCII. */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return s.toLowerCase();
  }
  return s;
}
