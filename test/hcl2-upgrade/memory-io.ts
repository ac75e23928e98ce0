import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

/** A CliIO whose output streams collect into strings, for running a command in-process. */
export function memoryIO(cwd: string, env: Record<string, string | undefined> = {}): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(String(chunk));
        done();
      },
    });
  return {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    stdin: Readable.from([]),
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}
