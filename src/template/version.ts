/** The Packer release whose template behaviour tsbuild follows; `packer.version` and `required_version` use it. */
export const PACKER_VERSION = '1.12.0';
/** tsbuild's own version. */
export const TSBUILD_VERSION = '0.1.0';

type Parts = [number, number, number];

function parseVersion(text: string): { parts: Parts; given: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!m) return undefined;
  const given = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return { parts: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], given };
}

function compare(a: Parts, b: Parts): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Checks a version against a constraint string in hashicorp/go-version syntax (`>= 1.7.0, < 2`, `~> 1.2`, `= 1.0`).
 * Returns an error message for a malformed constraint.
 */
export function satisfies(version: string, constraint: string): boolean | { error: string } {
  const v = parseVersion(version);
  if (!v) return { error: `Malformed version: ${version}` };
  for (const raw of constraint.split(',')) {
    const m = /^\s*(>=|<=|!=|~>|=|>|<)?\s*(\S+)\s*$/.exec(raw);
    const want = m ? parseVersion(m[2]!) : undefined;
    if (!m || !want) return { error: `Malformed constraint: ${raw.trim()}` };
    const c = compare(v.parts, want.parts);
    const op = m[1] ?? '=';
    let ok: boolean;
    switch (op) {
      case '>=': ok = c >= 0; break;
      case '<=': ok = c <= 0; break;
      case '>': ok = c > 0; break;
      case '<': ok = c < 0; break;
      case '!=': ok = c !== 0; break;
      case '~>': {
        // Pessimistic: at least the given version, and below the next release of its second-to-last given part.
        const upper: Parts = [...want.parts];
        const idx = Math.max(0, want.given - 2);
        upper[idx] = upper[idx]! + 1;
        for (let i = idx + 1; i < 3; i++) upper[i] = 0;
        ok = c >= 0 && compare(v.parts, upper) < 0;
        break;
      }
      default: ok = c === 0;
    }
    if (!ok) return false;
  }
  return true;
}
