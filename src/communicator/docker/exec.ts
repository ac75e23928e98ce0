// Runs a command in a running container through the Engine API's exec endpoints: output streamed line by
// line (stdout and stderr apart), the exit code read with exec inspect once the stream ends.

import { PassThrough, type Readable, type Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import type Dockerode from 'dockerode';
import { CancelledError, whenAborted } from '../../engine/cancel.js';

export interface ExecOptions {
  /** The argv to run (no shell is added here). */
  cmd: string[];
  user?: string;
  env?: Record<string, string>;
  workingDir?: string;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** The command's input, streamed as it arrives; its end closes the command's stdin. */
  stdin?: Readable;
  /** Receive output bytes unchanged (instead of, or besides, the line callbacks); never ended here. */
  stdoutBytes?: Writable;
  stderrBytes?: Writable;
  signal: AbortSignal;
}

/** Copies `stream`'s bytes to `sink` (without ending it) until `stream` ends. */
function forwardBytes(stream: PassThrough, sink: Writable): Promise<void> {
  return new Promise((resolve) => {
    stream.on('data', (d: Buffer) => sink.write(d));
    stream.on('end', resolve);
  });
}

/** Feeds `input` to the hijacked exec connection and half-closes it when `input` ends; returns a detach function. */
function feedInput(input: Readable, conn: NodeJS.WritableStream): () => void {
  const onData = (d: Buffer) => conn.write(d);
  const onEnd = () => conn.end();
  input.on('data', onData);
  input.once('end', onEnd);
  if (input.readableEnded) onEnd();
  return () => {
    input.off('data', onData);
    input.off('end', onEnd);
  };
}

/** Forwards complete lines of `stream` to `onLine` (the last line even without a newline); resolves when it ends. */
function forwardLines(stream: PassThrough, onLine: ((line: string) => void) | undefined): Promise<void> {
  if (!onLine) {
    stream.resume();
    return new Promise((resolve) => stream.on('end', resolve));
  }
  return new Promise((resolve) => {
    createInterface({ input: stream, crlfDelay: Infinity })
      .on('line', onLine)
      .on('close', resolve);
  });
}

/** Polls exec inspect until the process has exited; the stream can end a moment before the daemon records the code. */
async function exitCodeOf(exec: Dockerode.Exec): Promise<number> {
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Runs `opts.cmd` in `container`; resolves with its exit code. Cancelling stops reading and rejects at once. */
export async function execInContainer(container: Dockerode.Container, modem: { demuxStream: Dockerode['modem']['demuxStream'] }, opts: ExecOptions): Promise<number> {
  if (opts.signal.aborted) throw new CancelledError();
  const exec = await container.exec({
    Cmd: opts.cmd,
    AttachStdin: opts.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    User: opts.user || undefined,
    Env: opts.env ? Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) : undefined,
    WorkingDir: opts.workingDir,
  });
  const stream = (await exec.start({ hijack: true, stdin: opts.stdin !== undefined })) as NodeJS.ReadWriteStream & { destroy(): void };
  const out = new PassThrough();
  const err = new PassThrough();
  modem.demuxStream(stream, out, err);
  const lines = Promise.all([
    forwardLines(out, opts.stdout),
    forwardLines(err, opts.stderr),
    ...(opts.stdoutBytes ? [forwardBytes(out, opts.stdoutBytes)] : []),
    ...(opts.stderrBytes ? [forwardBytes(err, opts.stderrBytes)] : []),
  ]);
  const detachInput = opts.stdin ? feedInput(opts.stdin, stream) : undefined;
  const finished = new Promise<void>((resolve, reject) => {
    const end = () => {
      out.end();
      err.end();
      resolve();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', reject);
  });
  let stopListening: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    stopListening = whenAborted(opts.signal, () => {
      stream.destroy();
      reject(new CancelledError());
    });
  });
  try {
    await Promise.race([finished, cancelled]);
    await Promise.race([lines, cancelled]);
    return await Promise.race([exitCodeOf(exec), cancelled]);
  } finally {
    detachInput?.();
    stopListening!();
  }
}
