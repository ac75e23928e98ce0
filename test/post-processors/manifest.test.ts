import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocks } from '../../src/engine/locks.js';
import { formatManifest, parseManifest, type ManifestEntry } from '../../post-processors/manifest/format.js';
import { appendToManifest } from '../../post-processors/manifest/write.js';

const entry = (name: string, uuid: string): ManifestEntry => ({
  name,
  builder_type: 'null',
  build_time: 1795339203,
  files: null,
  artifact_id: 'Null',
  packer_run_uuid: uuid,
  custom_data: null,
});

const signal = new AbortController().signal;

describe('manifest file', () => {
  it("is formatted as Packer's (Go MarshalIndent: field order, HTML escapes, no final newline)", () => {
    const text = formatManifest({
      builds: [{ ...entry('note', 'u1'), builder_type: 'file', files: [{ name: 'hello.txt', size: 24 }], artifact_id: 'File', custom_data: { z: '1', a: '<b>&' } }],
      last_run_uuid: 'u1',
    });
    expect(text).toBe(`{
  "builds": [
    {
      "name": "note",
      "builder_type": "file",
      "build_time": 1795339203,
      "files": [
        {
          "name": "hello.txt",
          "size": 24
        }
      ],
      "artifact_id": "File",
      "packer_run_uuid": "u1",
      "custom_data": {
        "a": "\\u003cb\\u003e\\u0026",
        "z": "1"
      }
    }
  ],
  "last_run_uuid": "u1"
}`);
  });

  it('omits build_time when stripped (zero) and drops unknown fields of an existing file', () => {
    const parsed = parseManifest('{"builds":[{"name":"x","extra":1,"build_time":0}],"last_run_uuid":"u"}');
    expect(formatManifest(parsed)).not.toContain('build_time');
    expect(formatManifest(parsed)).not.toContain('extra');
  });

  it('appends across runs, and a new run with -force starts over', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'm.json');
    await appendToManifest(path, entry('a', 'run1'), 'run1', false, signal);
    await appendToManifest(path, entry('b', 'run2'), 'run2', false, signal);
    expect(parseManifest(readFileSync(path, 'utf8')).builds.map((b) => b.name)).toEqual(['a', 'b']);
    await appendToManifest(path, entry('c', 'run3'), 'run3', true, signal);
    await appendToManifest(path, entry('d', 'run3'), 'run3', true, signal);
    const m = parseManifest(readFileSync(path, 'utf8'));
    expect(m.builds.map((b) => b.name)).toEqual(['c', 'd']);
    expect(m.last_run_uuid).toBe('run3');
  });

  it('keeps every entry when many builds write the same file at once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'm.json');
    const withLock = createLocks();
    await Promise.all(Array.from({ length: 50 }, (_, i) => withLock(path, () => appendToManifest(path, entry(`b${i}`, 'r'), 'r', true, signal))));
    const names = parseManifest(readFileSync(path, 'utf8')).builds.map((b) => b.name);
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
  });

  it('names the manifest, not its temporary file, when it cannot be written', async () => {
    // The temporary file is `<name>.<pid>.<13-digit time>.tmp`: with a 233-character name and a process ID of four
    // digits or more, its name is longer than a file name may be (255), while the lock's files still fit.
    expect(String(process.pid).length).toBeGreaterThanOrEqual(4);
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), `${'n'.repeat(228)}.json`);
    const error = await appendToManifest(path, entry('a', 'r'), 'r', false, signal).catch((e: Error) => e.message);
    expect(error).toBe(`Unable to write ${path}: name too long`);
    expect(readdirSync(join(path, '..'))).toEqual([]);
  });

  it('reports a file it cannot parse', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'm.json');
    writeFileSync(path, '{not json');
    await expect(appendToManifest(path, entry('a', 'r'), 'r', false, signal)).rejects.toThrow(/Unable to parse content from .*m\.json/);
  });
});
