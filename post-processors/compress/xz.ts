import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * The .xz format through XZ Utils' `xz` program, multi-threaded (`-T0`: as many blocks at once as cores). No
 * library for Node compresses xz well: @napi-rs/lzma's releases for Node 20 store the data uncompressed, and the
 * pure JavaScript ones are far slower than Packer's single-core writer.
 */
export async function* xzStream(input: AsyncIterable<Buffer>, preset: number, signal: AbortSignal): AsyncGenerator<Buffer> {
  const child = spawn('xz', ['-T0', `-${preset}`, '-c'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {}); // xz ended early: its exit status says why
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done, fail) => {
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'ENOENT' ? new Error('xz compression needs the xz program of XZ Utils (Debian: apt-get install xz-utils)') : e),
    );
    child.on('close', (code) => done(code));
  });
  exited.catch(() => {});
  const stop = () => child.kill('SIGKILL');
  signal.addEventListener('abort', stop, { once: true });
  // The input is fed while the output is read: a pipe fills up otherwise.
  const fed = (async () => {
    for await (const buf of input) {
      if (!child.stdin.write(buf)) await Promise.race([once(child.stdin, 'drain'), exited]);
    }
    child.stdin.end();
  })();
  fed.catch(() => stop());
  try {
    for await (const out of child.stdout) yield out as Buffer;
    await fed;
    const code = await exited;
    if (code !== 0) throw new Error(`xz failed (exit ${code}): ${stderr.trim()}`);
  } finally {
    signal.removeEventListener('abort', stop);
    if (child.exitCode === null) stop();
  }
}
