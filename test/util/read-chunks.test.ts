import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileChangedError, openChunkReader } from '../../src/util/read-chunks.js';

function fileOf(bytes: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tsbuild-chunks-')), 'f.bin');
  writeFileSync(path, Buffer.alloc(bytes, 'a'));
  return path;
}

async function collect(reader: Awaited<ReturnType<typeof openChunkReader>>, keep: boolean): Promise<number[]> {
  const sizes: number[] = [];
  for await (const c of reader.chunks()) sizes.push(keep ? Buffer.from(c).length : c.length);
  return sizes;
}

describe('chunk reader', () => {
  it('reads a file in chunks that add up to its size, with fresh or reused buffers', async () => {
    for (const ring of [undefined, [Buffer.alloc(4096), Buffer.alloc(4096)]]) {
      const reader = await openChunkReader(fileOf(10_000), 4096, ring);
      expect(reader.size).toBe(10_000);
      expect(await collect(reader, ring !== undefined)).toEqual([4096, 4096, 1808]);
      await reader.close();
    }
  });

  it('fails with the file name when the file shrinks while it is read', async () => {
    const path = fileOf(3 * 4096);
    const reader = await openChunkReader(path, 4096);
    truncateSync(path, 4096);
    await expect(collect(reader, false)).rejects.toThrow(FileChangedError);
    await expect(collect(await openChunkReader(path, 4096), false)).resolves.toEqual([4096]);
    await reader.close();
  });

  it('names a missing file with Node\'s error', async () => {
    await expect(openChunkReader('/nonexistent/x.img', 4096)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
