// Follows sensitive user variables through the rendering of a JSON template's strings, as HCL2 marks follow
// values: what `user` returns for a sensitive variable, what a function makes of such a value
// (`{{user `password` | upper}}`), and the whole string rendered from it are sensitive too.

import { toSpec, type GoFunction } from '../gotemplate/functions.js';

export interface SensitiveTracker {
  /** The functions to render with. */
  funcs: Record<string, GoFunction>;
  /** Call after each rendering: records the rendered text when it was made from a sensitive value. */
  rendered(text: string): void;
  /** The sensitive strings met so far. */
  found(): string[];
}

/** Wraps `funcs` so that values read from the variables named in `sensitive`, and made from them, are recorded. */
export function trackSensitive(funcs: Record<string, GoFunction>, sensitive: ReadonlySet<string>): SensitiveTracker {
  const derived = new Set<string>();
  let touched = false;
  if (sensitive.size === 0) return { funcs, rendered: () => {}, found: () => [] };
  const wrapped = Object.fromEntries(
    Object.entries(funcs).map(([name, f]) => {
      const spec = toSpec(f);
      const call = (...args: unknown[]) => {
        const out = spec.call(...args);
        const fromSecret = name === 'user' ? sensitive.has(String(args[0])) : args.some((a) => typeof a === 'string' && derived.has(a));
        if (fromSecret) touched = true;
        if (fromSecret && typeof out === 'string' && out !== '') derived.add(out);
        return out;
      };
      return [name, { ...spec, call }];
    }),
  );
  return {
    funcs: wrapped,
    rendered: (text) => {
      if (touched && text !== '') derived.add(text);
      touched = false;
    },
    found: () => [...derived],
  };
}
