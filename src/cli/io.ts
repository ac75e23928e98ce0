import type { SignalSource } from '../engine/signals.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /**
   * Where interrupts come from (default: the process). `release` is called when the command does not listen to
   * them: a source that kept early signals gives them their usual effect again.
   */
  signals?: SignalSource & { release?(): void };
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text);
}
