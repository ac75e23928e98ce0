// The PostgreSQL change mark's read sharing: callers arriving while a read is under way share the next read, never
// one sent before they called; at most one read waits; a failure reaches the callers of that read only.

import { expect, it } from 'vitest';
import { shareReads } from '../../registry/store/postgres.js';

/** A read whose answers the test gives, one at a time, in the order the reads were sent. */
function controlledRead() {
  const sent: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => sent.push({ resolve, reject }));
  return { read, sent };
}

const settled = () => new Promise((r) => setImmediate(r));

it('gives callers during a read the next read, sent when that one ends, and one read to a caller alone', async () => {
  const { read, sent } = controlledRead();
  const mark = shareReads(read);
  const first = mark();
  expect(sent.length).toBe(1);
  const during = [mark(), mark(), mark()];
  await settled();
  expect(sent.length).toBe(1);
  sent[0]!.resolve(1);
  expect(await first).toBe(1);
  await settled();
  // The callers that came during read 1 did not take its value: read 2 was sent for them.
  expect(sent.length).toBe(2);
  const later = mark();
  sent[1]!.resolve(2);
  expect(await Promise.all(during)).toEqual([2, 2, 2]);
  await settled();
  expect(sent.length).toBe(3);
  sent[2]!.resolve(3);
  expect(await later).toBe(3);
  // Nothing under way: the next caller's read is sent at once.
  const alone = mark();
  expect(sent.length).toBe(4);
  sent[3]!.resolve(4);
  expect(await alone).toBe(4);
});

it('fails the callers of a failed read only, and reads again for the next', async () => {
  const { read, sent } = controlledRead();
  const mark = shareReads(read);
  const first = mark();
  const during = mark();
  sent[0]!.reject(new Error('connection lost'));
  await expect(first).rejects.toThrow('connection lost');
  await settled();
  expect(sent.length).toBe(2);
  sent[1]!.reject(new Error('still down'));
  await expect(during).rejects.toThrow('still down');
  const after = mark();
  expect(sent.length).toBe(3);
  sent[2]!.resolve(7);
  expect(await after).toBe(7);
});
