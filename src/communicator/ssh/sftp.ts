// File transfer over SFTP (`ssh_file_transfer_method = "sftp"`), with the same folder rules as scp.

import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type { Client, SFTPWrapper, Stats } from 'ssh2';
import { abortableWait } from '../../engine/cancel.js';
import { ChannelEnd } from './channel-end.js';
import { downloadTarget } from './paths.js';

const TRANSFER = { concurrency: 64, chunkSize: 256 * 1024 };

function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

function call<T>(what: string, f: (cb: (err: Error | null | undefined, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => f((err, v) => (err ? reject(new Error(`sftp: ${what}: ${err.message}`, { cause: err })) : resolve(v as T))));
}

async function remoteStat(sftp: SFTPWrapper, path: string): Promise<Stats | undefined> {
  return call<Stats>(`stat ${path}`, (cb) => sftp.stat(path, cb)).catch(() => undefined);
}

/** `mkdir -p` over SFTP. */
async function mkdirs(sftp: SFTPWrapper, dir: string): Promise<void> {
  const st = await remoteStat(sftp, dir);
  if (st?.isDirectory()) return;
  if (st) throw new Error(`sftp: ${dir} exists and is not a folder`);
  const parent = posix.dirname(dir);
  if (parent !== dir) await mkdirs(sftp, parent);
  await call<void>(`mkdir ${dir}`, (cb) => sftp.mkdir(dir, cb)).catch(async (e: unknown) => {
    if (!(await remoteStat(sftp, dir))?.isDirectory()) throw e;
  });
}

async function putFile(sftp: SFTPWrapper, local: string, remote: string, mode: number): Promise<void> {
  await call<void>(`upload to ${remote}`, (cb) => sftp.fastPut(local, remote, { ...TRANSFER, mode: mode & 0o7777 }, (e) => cb(e)));
}

async function putTree(sftp: SFTPWrapper, local: string, remote: string): Promise<void> {
  await mkdirs(sftp, remote);
  for (const name of (await readdir(local)).sort()) {
    const path = join(local, name);
    const st = await stat(path);
    if (st.isDirectory()) await putTree(sftp, path, posix.join(remote, name));
    else await putFile(sftp, path, posix.join(remote, name), st.mode);
  }
}

/**
 * Runs `f` on an SFTP session: it fails when the session's channel or connection ends first (ssh2 leaves requests
 * unanswered then), and stops waiting when `signal` aborts. `what` names the transfer in errors.
 */
async function withSftp<T>(client: Client, what: string, signal: AbortSignal, f: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
  const sftp = await abortableWait(openSftp(client), signal);
  const end = new ChannelEnd(client, sftp);
  try {
    return await abortableWait(
      end.race(f(sftp), () => new Error(`sftp: ${what}: ${end.lostReason() ?? 'the SFTP session closed'}`)),
      signal,
    );
  } finally {
    if (!end.ended) sftp.end();
  }
}

export function sftpUpload(client: Client, localPath: string, remotePath: string, signal: AbortSignal): Promise<void> {
  return withSftp(client, `uploading to ${remotePath}`, signal, async (sftp) => {
    const st = await stat(localPath);
    if (!st.isDirectory()) {
      const target = remotePath.endsWith('/') ? posix.join(remotePath, basename(localPath)) : remotePath;
      const existing = await remoteStat(sftp, target);
      const file = existing?.isDirectory() ? posix.join(target, basename(localPath)) : target;
      await mkdirs(sftp, posix.dirname(file));
      return putFile(sftp, localPath, file, st.mode);
    }
    const dst = remotePath.replace(/(.)\/+$/, '$1');
    if (localPath.endsWith('/')) return putTree(sftp, localPath, dst);
    const existing = await remoteStat(sftp, dst);
    if (existing && !existing.isDirectory()) throw new Error(`sftp: cannot copy a folder to the file ${dst}`);
    return putTree(sftp, localPath, existing ? posix.join(dst, basename(localPath)) : dst);
  });
}

export function sftpUploadContent(client: Client, content: Buffer, remotePath: string, mode: number, signal: AbortSignal): Promise<void> {
  return withSftp(client, `uploading to ${remotePath}`, signal, async (sftp) => {
    await mkdirs(sftp, posix.dirname(remotePath));
    await call<void>(`upload to ${remotePath}`, (cb) => sftp.writeFile(remotePath, content, { mode }, (e) => cb(e)));
  });
}

async function getTree(sftp: SFTPWrapper, remote: string, local: string): Promise<void> {
  await mkdir(local, { recursive: true });
  const entries = await call<{ filename: string; attrs: Stats }[]>(`read folder ${remote}`, (cb) => sftp.readdir(remote, cb));
  for (const e of entries.sort((a, b) => a.filename.localeCompare(b.filename))) {
    const r = posix.join(remote, e.filename);
    const l = join(local, e.filename);
    if (e.attrs.isDirectory()) await getTree(sftp, r, l);
    else await call<void>(`download ${r}`, (cb) => sftp.fastGet(r, l, TRANSFER, (err) => cb(err)));
  }
}

export function sftpDownload(client: Client, remotePath: string, localPath: string, signal: AbortSignal): Promise<void> {
  return withSftp(client, `downloading ${remotePath}`, signal, async (sftp) => {
    const src = remotePath.replace(/(.)\/+$/, '$1');
    const st = await call<Stats>(`stat ${src}`, (cb) => sftp.stat(src, cb));
    const target = await downloadTarget(remotePath, localPath, posix.basename(src));
    if (st.isDirectory()) return getTree(sftp, src, target);
    await call<void>(`download ${src}`, (cb) => sftp.fastGet(src, target, TRANSFER, (err) => cb(err)));
  });
}
