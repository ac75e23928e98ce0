// The end of an SSH channel, as every wait on it needs it. ssh2 leaves some waits unanswered when the connection
// drops: a write waiting for 'drain', an SFTP request sent while it cleans up (fastPut closes its handles then,
// and that request is never answered). A promise that never settles ends the process with nothing reported, so
// every wait on a channel also ends when the channel closes or its connection does.

import type { EventEmitter } from 'node:events';

/** One connection's end, told to the channels open on it. */
interface ConnectionWatch {
  open: Set<ChannelEnd>;
  lastError?: Error;
}

// One 'close' listener per connection, however many channels are open on it: a listener per channel would
// trip Node's listener-leak warning with a dozen channels at once. Keyed weakly: a connection's watch goes with it.
const connections = new WeakMap<EventEmitter, ConnectionWatch>();

function watchConnection(client: EventEmitter): ConnectionWatch {
  let watch = connections.get(client);
  if (watch) return watch;
  const w: ConnectionWatch = { open: new Set() };
  // Only the reason is kept: the dialer keeps a listener of its own on the client's errors.
  client.on('error', (e: Error) => (w.lastError = e));
  client.once('close', () => {
    for (const end of [...w.open]) end.finish('lost');
  });
  connections.set(client, (watch = w));
  return watch;
}

export class ChannelEnd {
  private state: 'open' | 'closed' | 'lost' = 'open';
  private readonly wakers = new Set<() => void>();
  private readonly connection: ConnectionWatch;
  private readonly onClose = () => this.finish('closed');

  /** Watches `channel` and the connection (`client`) it belongs to, until either ends. */
  constructor(client: EventEmitter, private readonly channel: EventEmitter) {
    this.connection = watchConnection(client);
    this.connection.open.add(this);
    channel.once('close', this.onClose);
  }

  /** Marks the end and wakes every wait on it; later calls do nothing. */
  finish(how: 'closed' | 'lost'): void {
    if (this.state !== 'open') return;
    this.state = how;
    this.connection.open.delete(this);
    this.channel.off('close', this.onClose);
    for (const wake of [...this.wakers]) wake();
    this.wakers.clear();
  }

  /** Whether the channel or its connection has ended. */
  get ended(): boolean {
    return this.state !== 'open';
  }

  /** What to tell the user when the connection was lost (not just this channel closed); undefined otherwise. */
  lostReason(): string | undefined {
    if (this.state !== 'lost') return undefined;
    const e = this.connection.lastError;
    return `the SSH connection was lost${e ? ` (${e.message})` : ''}`;
  }

  /** Calls `wake` once at the end (at once when it is over already); returns the function that cancels it. */
  private onEnd(wake: () => void): () => unknown {
    if (this.ended) {
      wake();
      return () => undefined;
    }
    this.wakers.add(wake);
    return () => this.wakers.delete(wake);
  }

  /** Resolves once the channel or its connection has ended. */
  closed(): Promise<void> {
    return new Promise((resolve) => this.onEnd(resolve));
  }

  /** Resolves with `p`, or rejects with `error()` when the channel or its connection ends first. */
  race<T>(p: Promise<T>, error: () => Error): Promise<T> {
    return new Promise((resolve, reject) => {
      const cancel = this.onEnd(() => reject(error()));
      p.then(
        (v) => {
          cancel();
          resolve(v);
        },
        (e: unknown) => {
          cancel();
          reject(e);
        },
      );
    });
  }

  /** Waits for `emitter`'s `name` event or the end, whichever comes first; no listener is left behind. */
  event(emitter: EventEmitter, name: string): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      let cancel = () => undefined as unknown;
      const done = () => {
        emitter.off(name, done);
        cancel();
        resolve();
      };
      emitter.once(name, done);
      cancel = this.onEnd(done);
    });
  }
}
