/** `${...}` references in dialplan text (nesting allowed), as pbx_substitute_variables walks them. */

/**
 * Replace every `${...}` by `resolve(inner)`, where `inner` has had its own
 * references replaced first. An unterminated `${` and what follows stay as written.
 */
export function replaceVariables(text: string, resolve: (inner: string) => string, depth = 0): string {
  if (depth > 20 || text.indexOf('${') === -1) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    let level = 1;
    let j = at + 2;
    while (j < text.length && level > 0) {
      if (text[j] === '{' && text[j - 1] === '$') level++;
      else if (text[j] === '}') level--;
      j++;
    }
    if (level > 0) {
      out += text.slice(at);
      break;
    }
    out += resolve(replaceVariables(text.slice(at + 2, j - 1), resolve, depth + 1));
    i = j;
  }
  return out;
}
