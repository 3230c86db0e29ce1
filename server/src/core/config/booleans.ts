/**
 * Asterisk's boolean words, ported from main/utils.c.
 *
 * Both functions compare the whole string case-insensitively and do **not**
 * trim it: `" yes"` is neither true nor false. An empty (or missing) value is
 * neither true nor false either. Most options treat "not true" as false
 * silently; a few (e.g. `nat`, `insecure`, `directmedia`) test `ast_false`
 * explicitly, so the distinction matters.
 */

const TRUE_WORDS: ReadonlySet<string> = new Set(['yes', 'true', 'y', 't', '1', 'on']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['no', 'false', 'n', 'f', '0', 'off']);

/** All words `ast_true` accepts (lower case). */
export const AST_TRUE_WORDS: readonly string[] = [...TRUE_WORDS];
/** All words `ast_false` accepts (lower case). */
export const AST_FALSE_WORDS: readonly string[] = [...FALSE_WORDS];

/**
 * Port of `ast_true()` (main/utils.c): yes, true, y, t, 1, on — case-insensitive,
 * whole string, no trimming. Empty/undefined is not true.
 */
export function isTrue(v: string | null | undefined): boolean {
  if (v === undefined || v === null || v === '') return false;
  return TRUE_WORDS.has(v.toLowerCase());
}

/**
 * Port of `ast_false()` (main/utils.c): no, false, n, f, 0, off — case-insensitive,
 * whole string, no trimming. Empty/undefined is not false.
 */
export function isFalse(v: string | null | undefined): boolean {
  if (v === undefined || v === null || v === '') return false;
  return FALSE_WORDS.has(v.toLowerCase());
}
