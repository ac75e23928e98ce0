// EC2's filter values: `*` matches any run of characters (none included), `?` exactly one, and a backslash makes
// the next character literal (`\*`, `\?`, `\\`). Matching is case-sensitive and covers the whole value.

export function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(c) ? `\\${c}` : c;
}

export function matchesWildcard(value: string, pattern: string): boolean {
  return wildcardRegExp(pattern).test(value);
}
