// Tar archives for the Engine API's archive endpoints: files and folders are packed with the owner and mode
// they must have in the container, and archives read from the container are unpacked onto the local disk.

import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

export interface Owner {
  uid: number;
  gid: number;
}

type Pack = ReturnType<typeof tar.pack>;

function addEntry(pack: Pack, header: Partial<tar.Header> & { name: string }, body?: Buffer | string | NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      pack.entry(header, body ?? '', (e) => (e ? reject(e) : resolve()));
      return;
    }
    const entry = pack.entry(header, (e) => (e ? reject(e) : resolve()));
    body.on('error', reject);
    body.pipe(entry);
  });
}

/** Adds `local` (a file, folder or symlink) as `name`, a folder with everything under it. */
async function addTree(pack: Pack, local: string, name: string, owner: Owner): Promise<void> {
  const st = await lstat(local);
  const common = { name, mode: st.mode & 0o7777, uid: owner.uid, gid: owner.gid, mtime: st.mtime };
  if (st.isSymbolicLink()) {
    await addEntry(pack, { ...common, type: 'symlink', linkname: await readlink(local) });
  } else if (st.isDirectory()) {
    if (name !== '') await addEntry(pack, { ...common, type: 'directory' });
    for (const child of (await readdir(local)).sort()) await addTree(pack, join(local, child), name === '' ? child : `${name}/${child}`, owner);
  } else if (st.isFile()) {
    await addEntry(pack, { ...common, type: 'file', size: st.size }, createReadStream(local));
  }
}

/**
 * A tar stream of `local` under the name `name` (a folder's contents at the top when `name` is ''), then
 * `extras` (files given by content). Entries are written as they are read: a large file is never held in memory.
 */
export function packPath(local: string, name: string, owner: Owner, extras: { name: string; content: Buffer }[] = []): NodeJS.ReadableStream {
  const pack = tar.pack();
  const addAll = async () => {
    await addTree(pack, local, name, owner);
    for (const x of extras) await addEntry(pack, { name: x.name, mode: 0o644, uid: owner.uid, gid: owner.gid, size: x.content.length, type: 'file' }, x.content);
  };
  addAll().then(
    () => pack.finalize(),
    (e: unknown) => pack.destroy(e as Error),
  );
  return pack as unknown as NodeJS.ReadableStream;
}

/** A tar stream of one file named `name` holding `content`. */
export function packContent(content: string | Buffer, name: string, mode: number, owner: Owner): NodeJS.ReadableStream {
  const pack = tar.pack();
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  pack.entry({ name, mode, uid: owner.uid, gid: owner.gid, size: body.length, mtime: new Date(), type: 'file' }, body);
  pack.finalize();
  return pack as unknown as NodeJS.ReadableStream;
}

/**
 * Unpacks a tar stream: each entry's name goes through `place` (its local path, or undefined to skip it).
 * Folders are created as needed; modes are kept (without set-id bits); owners are not.
 */
export function unpackTo(stream: NodeJS.ReadableStream, place: (name: string) => string | undefined): Promise<number> {
  const extract = tar.extract();
  let files = 0;
  return new Promise((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      const target = place(posix.normalize(header.name).replace(/\/$/, ''));
      const done = (e?: unknown) => (e ? reject(e) : next());
      if (target === undefined) {
        body.on('end', () => next());
        body.resume();
        return;
      }
      const mode = (header.mode ?? 0o644) & 0o777;
      const write = async () => {
        if (header.type === 'directory') {
          body.resume();
          await mkdir(target, { recursive: true, mode });
        } else if (header.type === 'symlink') {
          body.resume();
          await mkdir(posix.dirname(target), { recursive: true });
          await symlink(header.linkname ?? '', target).catch((e: NodeJS.ErrnoException) => {
            if (e.code !== 'EEXIST') throw e;
          });
        } else if (header.type === 'file' || header.type === 'contiguous-file') {
          await mkdir(posix.dirname(target), { recursive: true });
          await pipeline(body, createWriteStream(target, { mode }));
          files++;
        } else {
          body.resume();
        }
      };
      write().then(() => done(), done);
    });
    extract.on('finish', () => resolve(files));
    extract.on('error', reject);
    stream.on('error', reject);
    stream.pipe(extract);
  });
}
