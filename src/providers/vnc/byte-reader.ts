// Reads exact byte counts from a socket: what a binary protocol handshake needs.

import type { Socket } from 'node:net';

export interface ByteReader {
  /** Resolves with the next `n` bytes; rejects when the connection ends first. */
  read(n: number): Promise<Buffer>;
  /** Drops everything the peer sends from now on. */
  discardRest(): void;
}

export function byteReader(socket: Socket, describe: string): ByteReader {
  let buffered = Buffer.alloc(0);
  let ended: Error | undefined;
  let waiting: (() => void) | undefined;
  let discarding = false;
  socket.on('data', (chunk: Buffer) => {
    if (discarding) return;
    buffered = Buffer.concat([buffered, chunk]);
    waiting?.();
  });
  const onEnd = (e?: Error) => {
    ended ??= new Error(`${describe} closed the connection${e ? `: ${e.message}` : ''}`);
    waiting?.();
  };
  socket.on('end', () => onEnd());
  socket.on('close', () => onEnd());
  socket.on('error', (e) => onEnd(e));
  return {
    async read(n) {
      while (buffered.length < n) {
        if (ended) throw ended;
        await new Promise<void>((r) => (waiting = r));
        waiting = undefined;
      }
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      return out;
    },
    discardRest() {
      discarding = true;
      buffered = Buffer.alloc(0);
    },
  };
}
