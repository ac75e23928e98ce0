// Tar entries as Packer's compress writes them (Go's archive/tar in GNU format): the file's base name, its
// permission bits, owner and group ids and names, times zero; sizes of 8 GiB and more in base-256; names longer
// than 100 bytes in a `././@LongLink` entry first.

const BLOCK = 512;

export interface TarEntry {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  uname: string;
  gname: string;
}

function writeOctal(buf: Buffer, offset: number, width: number, value: number): void {
  buf.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'ascii');
}

/** A numeric field: octal when it fits, else GNU base-256 (first byte 0x80, big-endian). */
function writeNumber(buf: Buffer, offset: number, width: number, value: number): void {
  if (value < 8 ** (width - 1)) return writeOctal(buf, offset, width, value);
  buf[offset] = 0x80;
  let v = BigInt(value);
  for (let i = offset + width - 1; i > offset; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function header(name: Buffer, type: string, e: Omit<TarEntry, 'name'>): Buffer {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, Math.min(name.length, 100));
  writeOctal(h, 100, 8, e.mode);
  writeNumber(h, 108, 8, e.uid);
  writeNumber(h, 116, 8, e.gid);
  writeNumber(h, 124, 12, e.size);
  writeOctal(h, 136, 12, 0);
  h.write(type, 156, 1, 'ascii');
  h.write('ustar  \0', 257, 8, 'ascii');
  h.write(e.uname.slice(0, 32), 265, 32, 'utf8');
  h.write(e.gname.slice(0, 32), 297, 32, 'utf8');
  writeOctal(h, 329, 8, 0);
  writeOctal(h, 337, 8, 0);
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

/** Zero bytes that complete `size` bytes of data to whole blocks. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The header block(s) of a regular file. */
export function tarHeader(e: TarEntry): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const own = header(name, '0', e);
  if (name.length <= 100) return own;
  const long = Buffer.concat([name, Buffer.from([0])]);
  return Buffer.concat([header(Buffer.from('././@LongLink'), 'L', { mode: 0, uid: 0, gid: 0, uname: '', gname: '', size: long.length }), long, tarPadding(long.length), own]);
}

/** The end of an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(2 * BLOCK);
