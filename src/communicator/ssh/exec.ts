// Commands over an SSH connection: output streamed line by line, the exit status as Packer reports it
// (128 + signal number for a command killed by a signal; 2300218 when the connection dropped first).

import { createInterface } from 'node:readline';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError, whenAborted } from '../../engine/cancel.js';
import type { CommandStreams } from '../streams.js';
import { ChannelEnd } from './channel-end.js';

/** Packer's exit status for a command whose connection dropped before it ended (packersdk.CmdDisconnect). */
export const DISCONNECTED = 2300218;

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, ILL: 4, ABRT: 6, FPE: 8, KILL: 9, SEGV: 11, PIPE: 13, ALRM: 14, TERM: 15, USR1: 10, USR2: 12 };

/** An open exec channel, with what the server says about its end. */
export interface ExecChannel {
  ch: ClientChannel;
  /** The exit status (128 + the signal number for a killed command); undefined until the server sends it, or if it never does. */
  status(): number | undefined;
  /** The end of the channel or of its connection, which every wait on the channel also watches. */
  end: ChannelEnd;
}

/**
 * Opens an exec channel. Its end is watched from the moment it opens: the exit status and the close can arrive in
 * the same read as the open confirmation (a fast command, a jump host batching packets), before a caller that
 * awaits this promise could listen for them.
 */
export function openExec(client: Client, command: string, pty = false): Promise<ExecChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, pty ? { pty: { term: 'vt100', cols: 80, rows: 40 } } : {}, (err, ch) => {
      if (err) return reject(err);
      let status: number | undefined;
      ch.on('exit', (code: number | null, sig?: string) => {
        status = code ?? (sig ? 128 + (SIGNALS[sig.replace(/^SIG/, '')] ?? 0) : undefined);
      });
      resolve({ ch, status: () => status, end: new ChannelEnd(client, ch) });
    });
  });
}

/** Single-quotes a word for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

/** `export K='v'; ` for each variable (servers drop SSH env requests unless AcceptEnv allows them). */
export function withEnv(command: string, env: Record<string, string> | undefined): string {
  const entries = Object.entries(env ?? {});
  if (entries.length === 0) return command;
  return `${entries.map(([k, v]) => `export ${k}=${shellQuote(v)}; `).join('')}${command}`;
}

export interface ExecOptions {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  signal: AbortSignal;
  pty?: boolean;
}

/**
 * Resolves with the channel's exit status once it closes, or with DISCONNECTED once its connection is lost; a
 * cancelled signal stops it (TERM, then closes the channel).
 */
function settle({ ch, status, end }: ExecChannel, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    // Cancelling answers at once; the remote command is asked to stop (TERM) and its channel closed.
    // Also a cancel that came while the channel opened.
    const stopListening = whenAborted(signal, () => {
      try {
        ch.signal('TERM');
      } catch {
        // the channel is gone already
      }
      ch.close();
      reject(new CancelledError());
    });
    void end.closed().then(() => {
      stopListening();
      // Let readline deliver the last partial lines before settling.
      setImmediate(() => {
        if (signal.aborted) reject(new CancelledError());
        else resolve(status() ?? DISCONNECTED);
      });
    });
  });
}

/** Runs `command`; resolves with its exit status. A cancelled signal stops it (TERM, then closes the channel). */
export async function execCommand(client: Client, command: string, o: ExecOptions): Promise<number> {
  if (o.signal.aborted) throw new CancelledError();
  const exec = await openExec(client, command, o.pty);
  const strip = (f?: (l: string) => void) => (l: string) => f?.(l.endsWith('\r') ? l.slice(0, -1) : l);
  createInterface({ input: exec.ch, crlfDelay: Infinity }).on('line', strip(o.stdout));
  createInterface({ input: exec.ch.stderr, crlfDelay: Infinity }).on('line', strip(o.stderr));
  return settle(exec, o.signal);
}

/** Runs `command` with its input and output as byte streams (see CommandStreams); resolves with its exit status. */
export async function execStreams(client: Client, command: string, io: CommandStreams): Promise<number> {
  if (io.signal.aborted) throw new CancelledError();
  const exec = await openExec(client, command);
  const { ch } = exec;
  ch.on('data', (d: Buffer) => io.stdout.write(d));
  ch.stderr.on('data', (d: Buffer) => io.stderr.write(d));
  const input = io.stdin;
  const onData = (d: Buffer) => ch.write(d);
  const onEnd = () => ch.end();
  input?.on('data', onData);
  input?.once('end', onEnd);
  try {
    return await settle(exec, io.signal);
  } finally {
    input?.off('data', onData);
    input?.off('end', onEnd);
  }
}
