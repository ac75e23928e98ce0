// Reads an exec channel's output as the scp protocol needs: single bytes, lines, and exact byte counts.

import type { Readable } from 'node:stream';

export class ChannelReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(stream: Readable) {
    stream.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.size += d.length;
      if (this.size > 8 * 1024 * 1024) stream.pause();
      this.notify();
    });
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('close', () => {
      this.ended = true;
      this.notify();
    });
    stream.on('error', (e: Error) => {
      this.error = e;
      this.notify();
    });
    this.resume = () => stream.resume();
  }

  private readonly resume: () => void;

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Waits until at least one byte is buffered; false when the stream ended first. */
  private async fill(): Promise<boolean> {
    while (this.size === 0) {
      if (this.error) throw this.error;
      if (this.ended) return false;
      this.resume();
      await new Promise<void>((r) => (this.wake = r));
    }
    return true;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length <= n) {
      this.chunks.shift();
      out = first;
    } else {
      out = first.subarray(0, n);
      this.chunks[0] = first.subarray(n);
    }
    this.size -= out.length;
    if (this.size < 1024 * 1024) this.resume();
    return out;
  }

  /** One byte, or undefined at the end of the stream. */
  async byte(): Promise<number | undefined> {
    if (!(await this.fill())) return undefined;
    return this.take(1)[0];
  }

  /** Bytes up to a newline (not included); undefined at the end of the stream. */
  async line(): Promise<string | undefined> {
    const parts: Buffer[] = [];
    for (;;) {
      if (!(await this.fill())) return parts.length ? Buffer.concat(parts).toString('utf8') : undefined;
      const first = this.chunks[0]!;
      const nl = first.indexOf(10);
      if (nl >= 0) {
        parts.push(this.take(nl + 1).subarray(0, nl));
        return Buffer.concat(parts).toString('utf8');
      }
      parts.push(this.take(first.length));
    }
  }

  /** Exactly `n` bytes, handed to `sink` chunk by chunk (awaited, for backpressure). */
  async copy(n: number, sink: (chunk: Buffer) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill())) throw new Error(`scp: the connection ended with ${left} bytes still to receive`);
      const chunk = this.take(Math.min(left, this.chunks[0]!.length));
      left -= chunk.length;
      await sink(chunk);
    }
  }
}
