import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAR_END, tarHeader, tarPadding } from '../../../post-processors/compress/tar-header.js';

const entry = { mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root' };

describe('tar headers as Go writes them in GNU format', () => {
  it('gives a name longer than 100 bytes in a ././@LongLink entry, which tar reads back', () => {
    const name = `${'n'.repeat(150)}.img`;
    const archive = Buffer.concat([tarHeader({ ...entry, name, size: 3 }), Buffer.from('abc'), tarPadding(3), TAR_END]);
    const path = join(mkdtempSync(join(tmpdir(), 'tsbuild-tar-')), 'a.tar');
    writeFileSync(path, archive);
    expect(execFileSync('tar', ['-tf', path], { encoding: 'utf8' })).toBe(`${name}\n`);
  });

  it('writes sizes of 8 GiB and more in base-256', () => {
    const size = 10 * 2 ** 30;
    const h = tarHeader({ ...entry, name: 'disk.img', size });
    expect(h[124]).toBe(0x80);
    expect(h.readBigUInt64BE(136 - 8)).toBe(BigInt(size));
    // Below 8 GiB: octal, as tar and Packer write it.
    expect(tarHeader({ ...entry, name: 'disk.img', size: 12 }).toString('ascii', 124, 136)).toBe('00000000014\0');
  });
});
