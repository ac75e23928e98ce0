import { createRequire } from 'node:module';

export type Ssh2 = typeof import('ssh2');

/**
 * Loads ssh2 when a template first needs SSH (about 70 ms of import time). `require`, not `import()`: the bundled
 * CLI runs as a script where dynamic import is not available.
 */
export function loadSsh2(): Ssh2 {
  return createRequire(import.meta.url)('ssh2') as Ssh2;
}
