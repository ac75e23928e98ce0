// Byte streams for a command: what a relay (the ansible provisioner's SSH adapter) needs beyond
// Communicator.run's lines: the client's input as it arrives, and output bytes exactly as the command wrote them.

import type { Readable, Writable } from 'node:stream';
import type { Communicator } from '../plugin/communicator.js';

export interface CommandStreams {
  /** Fed to the command as it arrives; its end closes the command's input. */
  stdin?: Readable;
  /** Receive the command's output bytes; never ended by the communicator. */
  stdout: Writable;
  stderr: Writable;
  signal: AbortSignal;
}

export interface StreamingCommunicator extends Communicator {
  /** Runs `command` with a POSIX shell, its input and output connected to `io`; resolves with the exit status. */
  runStreams(command: string, io: CommandStreams): Promise<{ exitCode: number }>;
}

export function canStream(comm: Communicator): comm is StreamingCommunicator {
  return typeof (comm as Partial<StreamingCommunicator>).runStreams === 'function';
}
