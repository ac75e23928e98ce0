// The one reader of the files a template brings in: templates (HCL and JSON), variable files, and the files
// the file functions read (`file`, `filebase64`, `templatefile`). It reads regular files only and at most
// MAX_INPUT_BYTES of them, so that a named pipe never blocks the run and a device or a runaway file never
// exhausts memory.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * The most bytes read of one input file: 32 MiB. The largest real templates and variable files are a few
 * hundred KiB; files read by `file()` hold scripts, keys and certificates. A file beyond the limit is
 * almost certainly the wrong file, and reading it whole (and keeping its text for diagnostics) would cost
 * several times its size in memory.
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Why an input file could not be read; `reason` completes "Could not read "x": ...". */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`Could not read "${path}": ${reason}.`);
    this.name = 'InputFileError';
  }
}

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'the path is a loop of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(path: string): InputFileError {
  return new InputFileError(
    path,
    `it is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most tsbuild reads of a template, variable file or file function input (a file that large is taken for a mistake rather than filling memory)`,
    'EFBIG',
  );
}

/**
 * The bytes of the regular file at `full` (absolute, or relative to the process's folder); `path` is the name
 * the user gave, for messages. Throws an InputFileError saying why when the file is missing, is not a regular
 * file (folder, FIFO, device, socket) or is larger than MAX_INPUT_BYTES.
 */
export function readInputFile(full: string, path: string = full): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer would otherwise block until one comes.
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputFileError(path, ERRNO_REASONS[err.code ?? ''] ?? err.message, err.code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputFileError(path, `it is ${kindOf(st)}, not a regular file`, 'ENOTREG');
    if (st.size > MAX_INPUT_BYTES) throw tooLarge(path);
    // The size is only a hint (files in /proc say 0; a file may grow while read): read to the end, up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - total + 1, 64 * 1024), MAX_INPUT_BYTES + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) throw tooLarge(path);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new InputFileError(path, ERRNO_REASONS[err.code ?? ''] ?? err.message, err.code);
  } finally {
    closeSync(fd);
  }
}
