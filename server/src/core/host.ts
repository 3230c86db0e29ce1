/**
 * What the core needs from the outside world, injected by the CLI, the server and
 * the tests. The core itself never touches the file system.
 */
export interface ConfigHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * Absolute paths matching a glob pattern (with brace expansion), sorted as
   * glob(3) sorts them. Only called for names that contain * ? [ or {.
   */
  glob(pattern: string): string[];
}

/** An in-memory host for tests and for unsaved editor buffers. */
export function memoryHost(files: Record<string, string>): ConfigHost {
  return {
    readFile: (p) => files[p],
    glob: (pattern) => {
      const re = globToRegExp(pattern);
      return Object.keys(files)
        .filter((n) => re.test(n))
        .sort();
    },
  };
}

/** A small glob translator (*, ?, [..], {a,b}) used by memoryHost. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}
