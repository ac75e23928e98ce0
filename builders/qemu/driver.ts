// Everything the qemu builder asks of the host: `qemu-img` and the QEMU process (started with a QMP monitor of the
// builder's own on a unix socket). The steps call this and nothing else, so a test can replace the edge.

import { execFile, spawn } from 'node:child_process';
import { abortableWait, sleep } from '../../src/engine/cancel.js';
import { CancelledError, ExternalError } from '../../src/plugin/errors.js';
import { connectQmp, type QmpClient } from './qmp.js';

/** A running QEMU. */
export interface VmProcess {
  readonly pid: number;
  /** Resolves (never rejects) once the process has exited. */
  readonly exited: Promise<void>;
  running(): boolean;
  /** What QEMU wrote on stderr so far (the last 8 KiB). */
  stderr(): string;
  /** Runs a QMP command on the builder's monitor. */
  qmp(command: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Waits up to `ms` for the process to exit; resolves with whether it did. */
  waitExit(ms: number, signal: AbortSignal): Promise<boolean>;
  /** Stops the VM: QMP `quit` (QEMU flushes its disks and exits), then SIGTERM, then SIGKILL; each after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Lets tsbuild exit while the VM runs on (-on-error=abort left it; the journal lists it for `tsbuild cleanup`). */
  release(): void;
}

export interface StartOptions {
  /** The builder's own QMP socket. */
  qmpSocket: string;
  /** Called right after the spawn, before anything awaits (to journal the process). */
  onSpawn(pid: number): void;
  signal: AbortSignal;
  /** How long QEMU may take to start (its monitor answering); 60 s unless given. */
  startTimeoutMs?: number;
}

export interface QemuDriver {
  /** Runs `qemu-img args...`; resolves with its stdout, rejects with its stderr. */
  qemuImg(args: string[], signal: AbortSignal): Promise<string>;
  /** Starts `binary args...` and resolves once QEMU runs (its monitor greets), or rejects with QEMU's stderr. */
  startVm(binary: string, args: string[], o: StartOptions): Promise<VmProcess>;
}

const STDERR_KEEP = 8192;

export function qemuImg(args: string[], signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('qemu-img', args, { signal, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (signal.aborted) return reject(new CancelledError());
      if (!err) return resolve(stdout);
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'exec: "qemu-img": executable file not found in $PATH' : stderr.trim() || err.message;
      reject(new ExternalError('qemu-img', `qemu-img ${args[0]}: ${why}`, { cause: err }));
    });
  });
}

/** The builder's monitor: a QMP server socket QEMU listens on (given after the user's arguments). */
export const monitorArgs = (socket: string) => ['-chardev', `socket,id=tsbuild-qmp,path=${socket},server=on,wait=off`, '-mon', 'chardev=tsbuild-qmp,mode=control'];

async function startVm(binary: string, args: string[], o: StartOptions): Promise<VmProcess> {
  const child = spawn(binary, [...args, ...monitorArgs(o.qmpSocket)], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  let spawnError: Error | undefined;
  let done = false;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => (stderr = (stderr + c).slice(-STDERR_KEEP)));
  const exited = new Promise<void>((resolve) => {
    child.once('error', (e) => {
      spawnError = e;
      done = true;
      resolve();
    });
    child.once('close', () => {
      done = true;
      resolve();
    });
  });
  if (child.pid !== undefined) o.onSpawn(child.pid);
  const failure = () => {
    if (spawnError) {
      const notFound = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      return new ExternalError('QEMU', `Error starting VM: ${notFound ? `exec: "${binary}": executable file not found in $PATH` : spawnError.message}`, { cause: spawnError });
    }
    const status = child.exitCode !== null ? `exit status ${child.exitCode}` : `killed by ${child.signalCode}`;
    return new ExternalError('QEMU', `Qemu failed to start (${status}):\n${stderr.trim() || '(nothing on stderr)'}`);
  };
  let monitor: QmpClient | undefined;
  const kill = (sig: NodeJS.Signals) => {
    if (!done) child.kill(sig);
  };
  const waitExit = async (ms: number, signal: AbortSignal) => {
    if (done) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
    try {
      return await abortableWait(Promise.race([exited.then(() => true), timeout]), signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const never = new AbortController().signal;
  const vm: VmProcess = {
    pid: child.pid ?? 0,
    exited,
    running: () => !done,
    stderr: () => stderr,
    qmp: (command, a) => (monitor ? monitor.execute(command, a) : Promise.reject(new Error('QEMU monitor not connected'))),
    waitExit,
    release: () => undefined,
    stop: async (graceMs = 10_000) => {
      if (done) return;
      // Not awaited: a wedged QEMU may never answer; its exit is what counts.
      vm.qmp('quit').catch(() => undefined);
      if (await waitExit(graceMs, never)) return;
      kill('SIGTERM');
      if (await waitExit(graceMs, never)) return;
      kill('SIGKILL');
      await exited;
    },
  };
  vm.release = () => {
    monitor?.close();
    child.stderr?.destroy();
    child.unref();
  };
  void exited.then(() => monitor?.close());
  // The monitor greets once QEMU has parsed its arguments, created the machine and entered its main loop.
  const deadline = Date.now() + (o.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (done) throw failure();
      if (o.signal.aborted) throw new CancelledError();
      monitor = await connectQmp(o.qmpSocket).catch(() => undefined);
      if (monitor) return vm;
      if (Date.now() > deadline) throw new ExternalError('QEMU', `Qemu did not start within ${Math.round((o.startTimeoutMs ?? 60_000) / 1000)}s:\n${stderr.trim()}`);
      await Promise.race([sleep(50, o.signal), exited]);
    }
  } catch (e) {
    await vm.stop(2_000);
    throw e;
  }
}

export const hostQemuDriver: QemuDriver = { qemuImg, startVm };
