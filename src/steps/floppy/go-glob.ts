// Go's filepath.Glob, which Packer's floppy and CD options use: `*`, `?` and `[...]` match within one path
// segment; no `**`, no braces. Matches come back sorted per folder, as Go's do; a pattern matching nothing gives
// nothing.

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { globToRegExp } from '../../util/glob.js';

export const hasGlob = (pattern: string) => /[*?[]/.test(pattern);

/** Paths (as the pattern wrote them: relative ones stay relative to `cwd`) matching `pattern`. */
export function goGlob(pattern: string, cwd: string): string[] {
  if (!hasGlob(pattern)) {
    try {
      statSync(resolve(cwd, pattern));
      return [pattern];
    } catch {
      return [];
    }
  }
  const segments = pattern.split('/');
  let found = [isAbsolute(pattern) ? '/' : ''];
  for (const [i, seg] of segments.entries()) {
    if (seg === '' && i === 0) continue;
    const next: string[] = [];
    for (const base of found) {
      if (!hasGlob(seg)) {
        next.push(base === '' ? seg : join(base, seg));
        continue;
      }
      const re = globToRegExp(seg.replace(/\{/g, '\\{').replace(/\}/g, '\\}').replace(/,/g, '\\,'));
      let names: string[];
      try {
        names = readdirSync(resolve(cwd, base || '.')).sort();
      } catch {
        continue;
      }
      for (const n of names) if (re.test(n)) next.push(base === '' ? n : join(base, n));
    }
    found = next;
  }
  return found.filter((p) => {
    try {
      statSync(resolve(cwd, p));
      return true;
    } catch {
      return false;
    }
  });
}
