import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A package loaded on first use, not when tsbuild starts (yaml alone costs ~10 ms to initialise). The bundle leaves
 * such packages out (scripts/bundle.mjs lists them) and Node loads them from node_modules when called.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(name) as T);
}
