/**
 * Packer's flags use Go's syntax (`-var x=1`, `-only=a,b`, `--force`). Commander expects `--long` flags, so
 * single-dash spellings of the known long flags are rewritten before parsing. Only flag positions are rewritten:
 * a value that follows a flag taking a value is left alone even when it starts with a dash.
 */
export function normalizeArgs(args: string[], flags: { withValue: string[]; boolean: string[] }): string[] {
  const out: string[] = [];
  let expectValue = false;
  for (const a of args) {
    if (expectValue) {
      out.push(a);
      expectValue = false;
      continue;
    }
    const m = /^--?([A-Za-z][\w-]*)(=.*)?$/.exec(a);
    if (!m) {
      out.push(a);
      continue;
    }
    const [, name, rest] = m as unknown as [string, string, string | undefined];
    if (flags.withValue.includes(name)) {
      out.push(`--${name}${rest ?? ''}`);
      expectValue = rest === undefined;
    } else if (flags.boolean.includes(name)) {
      // Go's boolean flags accept -flag=true / -flag=false.
      if (rest === '=false') continue;
      out.push(`--${name}`);
    } else {
      out.push(a);
    }
  }
  return out;
}

/** Collects repeated `-var name=value` and `-var-file path` in the order given. */
export type OrderedVarArg = { kind: 'var'; name: string; raw: string } | { kind: 'file'; path: string };

export function parseVarArg(text: string): OrderedVarArg | string {
  const i = text.indexOf('=');
  if (i <= 0) return `Invalid -var option "${text}": expected name=value.`;
  return { kind: 'var', name: text.slice(0, i).trim(), raw: text.slice(i + 1) };
}
