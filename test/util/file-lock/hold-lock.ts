// A program that takes the lock of the file named by its argument with the real lock code, says "locked" on
// stdout, and holds the lock until it is killed: the other process of the lock tests (run with `node --import tsx`).

import { withFileLock } from '../../../src/util/file-lock/with-file-lock.js';

const file = process.argv[2]!;
await withFileLock(file, { what: 'file', timeoutMs: 30_000, staleMs: 30_000, signal: new AbortController().signal }, async () => {
  process.stdout.write('locked\n');
  await new Promise(() => setInterval(() => {}, 60_000));
});
