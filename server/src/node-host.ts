/** The ConfigHost for Node: real files, and glob(3)-like expansion with braces. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import type { ConfigHost } from './core/host';

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function nodeHost(): ConfigHost {
  return {
    readFile(file: string): string | undefined {
      try {
        const st = fs.statSync(file);
        if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    glob(pattern: string): string[] {
      try {
        const dir = path.dirname(pattern.replace(/[*?[{].*$/, 'x'));
        const rel = path.relative(dir, pattern);
        return globSync(rel.split(path.sep).join('/'), { cwd: dir, absolute: true, onlyFiles: true, dot: false, expandDirectories: false })
          .map((p) => path.normalize(p))
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/** Every *.conf file directly in a directory (Asterisk's config dir is flat). */
export function confFilesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.conf'))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}
