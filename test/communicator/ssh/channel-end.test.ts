// Waits on an SSH channel end when the channel closes or its connection does, and leave no listener behind.
// (The real thing is tested against sshd in dropped-session.test.ts; here the contract, with plain emitters.)

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ChannelEnd } from '../../../src/communicator/ssh/channel-end.js';

const never = new Promise<never>(() => undefined);

describe('ChannelEnd', () => {
  it('a lost connection ends every wait on its channels, with the reason; a later wait ends at once', async () => {
    const client = new EventEmitter();
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    const endA = new ChannelEnd(client, a);
    const endB = new ChannelEnd(client, b);
    const raced = endA.race(never, () => new Error(endA.lostReason()));
    const drained = endB.event(b, 'drain');
    client.emit('error', new Error('write EPIPE'));
    client.emit('close');
    await expect(raced).rejects.toThrow('the SSH connection was lost (write EPIPE)');
    await drained;
    expect(b.listenerCount('drain')).toBe(0);
    await endB.event(b, 'drain');
    await endA.closed();
    expect(endA.ended && endB.ended).toBe(true);
  });

  it('a channel closing ends its own waits only, and is not a lost connection', async () => {
    const client = new EventEmitter();
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    const endA = new ChannelEnd(client, a);
    const endB = new ChannelEnd(client, b);
    a.emit('close');
    await endA.closed();
    expect(endA.lostReason()).toBeUndefined();
    expect(endB.ended).toBe(false);
    expect(a.listenerCount('close')).toBe(0);
  });

  it('a thousand waits for drain leave no listener, and one close listener per connection', async () => {
    const client = new EventEmitter();
    const ch = new EventEmitter();
    const end = new ChannelEnd(client, ch);
    for (let i = 0; i < 1000; i++) {
      const wait = end.event(ch, 'drain');
      ch.emit('drain');
      await wait;
    }
    for (let i = 0; i < 20; i++) new ChannelEnd(client, new EventEmitter());
    expect(ch.listenerCount('drain')).toBe(0);
    expect(ch.listenerCount('close')).toBe(1);
    expect(client.listenerCount('close')).toBe(1);
    await expect(end.race(Promise.resolve(7), () => new Error('no'))).resolves.toBe(7);
  });
});
