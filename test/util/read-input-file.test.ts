import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError, MAX_INPUT_BYTES, readInputFile } from '../../src/util/read-input-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-read-'));
const reason = (path: string, name = path) => {
  try {
    readInputFile(path, name);
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as InputFileError).message;
  }
  throw new Error(`${path} was read`);
};

describe('readInputFile', () => {
  it('reads a regular file, and one whose size says 0 (as in /proc) to its end', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect(readInputFile(join(dir, 'a.txt')).toString()).toBe('hello');
    expect(readInputFile('/proc/self/status').toString()).toMatch(/^Name:/);
  });

  it('refuses at once what is not a regular file, saying what it is, under the name given', () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    mkdirSync(join(dir, 'folder'));
    expect(reason(join(dir, 'pipe'), 'pipe')).toBe('Could not read "pipe": it is a named pipe (FIFO), not a regular file.');
    expect(reason('/dev/zero')).toBe('Could not read "/dev/zero": it is a character device, not a regular file.');
    expect(reason(join(dir, 'folder'), 'folder')).toBe('Could not read "folder": it is a folder, not a regular file.');
    expect(reason(join(dir, 'nope'), 'nope')).toBe('Could not read "nope": no such file or directory.');
  });

  it('says that a symbolic link loop is a loop', () => {
    symlinkSync('loop2', join(dir, 'loop1'));
    symlinkSync('loop1', join(dir, 'loop2'));
    expect(reason(join(dir, 'loop1'), 'loop1')).toBe('Could not read "loop1": the path is a loop of symbolic links.');
  });

  it('refuses a file over the limit without reading it, and reads one at the limit', () => {
    const sized = (name: string, size: number) => {
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, size);
      closeSync(fd);
      return join(dir, name);
    };
    expect(reason(sized('over', MAX_INPUT_BYTES + 1), 'over')).toMatch(/^Could not read "over": it is larger than 32 MiB, the most tsbuild reads/);
    expect(readInputFile(sized('at', MAX_INPUT_BYTES)).length).toBe(MAX_INPUT_BYTES);
  });
});
