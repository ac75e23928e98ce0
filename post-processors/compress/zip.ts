// Zip archives as Go's archive/zip writes them for Packer: each file under its path as the artifact names it,
// deflated, no time (1980-00-00) and no attributes, sizes and CRC in a data descriptor after the data; zip64
// records where sizes, offsets or counts need them.

import { deflateParallel, type DeflateOptions, type DeflateSummary } from './block-deflate.js';
import { plainBytes, type Input } from './inputs.js';
import type { ByteProgress } from '../../src/ui/byte-progress.js';

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

function localHeader(name: Buffer, flags: number): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(flags, 6);
  b.writeUInt16LE(8, 8);
  b.writeUInt16LE(name.length, 26);
  return Buffer.concat([b, name]);
}

function dataDescriptor(e: Entry): Buffer {
  const zip64 = e.csize >= MAX32 || e.usize >= MAX32;
  const b = Buffer.alloc(zip64 ? 24 : 16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(e.crc >>> 0, 4);
  if (zip64) {
    b.writeBigUInt64LE(BigInt(e.csize), 8);
    b.writeBigUInt64LE(BigInt(e.usize), 16);
  } else {
    b.writeUInt32LE(e.csize, 8);
    b.writeUInt32LE(e.usize, 12);
  }
  return b;
}

function centralHeader(e: Entry): Buffer {
  const sizes64 = e.csize >= MAX32 || e.usize >= MAX32;
  const extra = sizes64 || e.offset >= MAX32 ? Buffer.alloc(28) : Buffer.alloc(0);
  if (extra.length > 0) {
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(e.usize), 4);
    extra.writeBigUInt64LE(BigInt(e.csize), 12);
    extra.writeBigUInt64LE(BigInt(e.offset), 20);
  }
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(sizes64 ? 45 : 20, 4);
  b.writeUInt16LE(sizes64 ? 45 : 20, 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt32LE(e.crc >>> 0, 16);
  b.writeUInt32LE(extra.length > 0 ? MAX32 : e.csize, 20);
  b.writeUInt32LE(extra.length > 0 ? MAX32 : e.usize, 24);
  b.writeUInt16LE(e.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt32LE(Math.min(e.offset, MAX32), 42);
  return Buffer.concat([b, e.name, extra]);
}

function endRecords(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, MAX16), 8);
  end.writeUInt16LE(Math.min(count, MAX16), 10);
  end.writeUInt32LE(Math.min(size, MAX32), 12);
  end.writeUInt32LE(Math.min(offset, MAX32), 16);
  if (count < MAX16 && size < MAX32 && offset < MAX32) return end;
  const z = Buffer.alloc(56 + 20);
  z.writeUInt32LE(0x06064b50, 0);
  z.writeBigUInt64LE(44n, 4);
  z.writeUInt16LE(45, 12);
  z.writeUInt16LE(45, 14);
  z.writeBigUInt64LE(BigInt(count), 24);
  z.writeBigUInt64LE(BigInt(count), 32);
  z.writeBigUInt64LE(BigInt(size), 40);
  z.writeBigUInt64LE(BigInt(offset), 48);
  z.writeUInt32LE(0x07064b50, 56);
  z.writeBigUInt64LE(BigInt(offset + size), 64);
  z.writeUInt32LE(1, 72);
  return Buffer.concat([z, end]);
}

/** A zip archive of the inputs, each deflated on every core. */
export async function* zipBytes(inputs: readonly Input[], opts: DeflateOptions, progress: ByteProgress, signal: AbortSignal): AsyncGenerator<Buffer> {
  const entries: Entry[] = [];
  let offset = 0;
  for (const input of inputs) {
    const path = input.file.split('\\').join('/');
    const name = Buffer.from(path, 'utf8');
    // Go marks names that are not plain ASCII as UTF-8.
    const flags = 0x8 | (/[^\x20-\x7e]/.test(path) ? 0x800 : 0);
    const entry: Entry = { name, flags, crc: 0, csize: 0, usize: 0, offset };
    const head = localHeader(name, flags);
    yield head;
    offset += head.length;
    const summary: DeflateSummary = { crc: 0, size: 0 };
    for await (const part of deflateParallel(plainBytes(input, progress, signal), opts, summary)) {
      entry.csize += part.length;
      yield part;
    }
    entry.crc = summary.crc;
    entry.usize = summary.size;
    const desc = dataDescriptor(entry);
    yield desc;
    offset += entry.csize + desc.length;
    entries.push(entry);
  }
  const central = Buffer.concat(entries.map(centralHeader));
  yield central;
  yield endRecords(entries.length, central.length, offset);
}
