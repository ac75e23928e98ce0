import { readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import { globToRegExp } from '../../src/util/glob.js';

const META = /[*?[\\]/;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Go's filepath.Glob: the paths matching `pattern` (relative to `cwd`, reported as written), in lexical order.
 * A pattern without wildcards names itself when it exists; wildcards never cross a `/`.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const parts = pattern.split('/');
  let found = [isAbsolute(pattern) ? '/' : ''];
  for (const [i, part] of parts.entries()) {
    if (part === '' && i === 0) continue;
    const next: string[] = [];
    for (const base of found) {
      if (!META.test(part)) {
        next.push(base === '' ? part : join(base, part));
        continue;
      }
      const dir = resolve(cwd, base || '.');
      const names = await readdir(dir).catch(() => [] as string[]);
      const re = globToRegExp(part.replace(/[{}]/g, '\\$&'));
      for (const n of names.sort()) if (re.test(n) && (!n.startsWith('.') || part.startsWith('.'))) next.push(base === '' ? n : join(base, n));
    }
    found = next;
  }
  const out: string[] = [];
  for (const f of found) if (f !== '' && (await exists(resolve(cwd, f)))) out.push(f.split(sep).join('/'));
  return out;
}
