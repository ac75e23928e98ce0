// Glob matching for fileset, with the syntax of the doublestar library Packer uses: `*` and `?` within one
// path segment, `**` across segments, `[...]` classes (`[!...]` or `[^...]` negated) and `{a,b}` alternatives.

import { readdirSync, statSync } from 'node:fs';
import { FunctionError } from './types.js';

function classSource(pattern: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '!' || pattern[i] === '^') {
    out += '^';
    i++;
  }
  for (; i < pattern.length && pattern[i] !== ']'; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += '\\' + pattern[++i];
    else out += c === '[' || c === '^' ? '\\' + c : c;
  }
  if (i >= pattern.length) throw new FunctionError('syntax error in pattern');
  return [out + ']', i + 1];
}

/** A RegExp matching whole slash-separated paths against the glob. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
      if (atStart && atEnd) {
        if (pattern[i + 2] === '/') {
          out += '(?:[^/]*(?:/[^/]*)*/)?';
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
        continue;
      }
      out += '[^/]*';
      i += 2;
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const [src, next] = classSource(pattern, i);
      out += src;
      i = next;
      continue;
    } else if (c === '{') {
      out += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      out += ')';
      depth--;
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '\\' && i + 1 < pattern.length) out += '\\' + pattern[++i];
    else out += /[.+^$()|\\]/.test(c) ? '\\' + c : c;
    i++;
  }
  if (depth > 0) throw new FunctionError('syntax error in pattern');
  return new RegExp(`^${out}$`, 'u');
}

/** The leading segments of an absolute pattern that contain no glob syntax. */
function staticPrefix(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?[{\\]/.test(p)) break;
    fixed.push(p);
  }
  if (fixed.length === parts.length) fixed.pop();
  const prefix = fixed.join('/');
  return prefix === '' ? '/' : prefix;
}

function walk(dir: string, depth: number, visit: (path: string) => void): void {
  if (depth <= 0) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    const full = dir === '/' ? `/${name}` : `${dir}/${name}`;
    visit(full);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) walk(full, depth - 1, visit);
  }
}

/** Absolute paths of the regular files matching an absolute, cleaned glob pattern. */
export function globFiles(pattern: string): string[] {
  const re = globToRegExp(pattern);
  const out: string[] = [];
  const prefix = staticPrefix(pattern);
  const depth = pattern.includes('**') ? Infinity : pattern.split('/').length - (prefix === '/' ? 1 : prefix.split('/').length);
  walk(prefix, depth, (p) => {
    if (!re.test(p)) return;
    try {
      if (statSync(p).isFile()) out.push(p);
    } catch {
      // vanished or unreadable entries are not matches
    }
  });
  return out;
}
