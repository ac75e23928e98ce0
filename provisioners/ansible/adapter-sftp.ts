// The adapter's SFTP server: files live on the far side of the communicator. A file opened for writing is
// assembled in a local temporary file and uploaded when the client closes it; a file opened for reading is
// downloaded first. Everything else is a shell command on the target. Targets need no sftp-server of their own
// (a docker image rarely has one), which is why the adapter serves SFTP itself instead of relaying it.

import { chmod, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attributes, SFTPWrapper } from 'ssh2';
import type { Communicator } from '../../src/plugin/communicator.js';
import type { Ssh2 } from '../../src/communicator/ssh/load.js';
import { absolutePath, isDirMode, mustShell, quote, remoteList, remoteStat, type RemoteStat } from './remote-fs.js';

interface OpenFile {
  kind: 'file';
  path: string;
  local: string;
  fh: FileHandle;
  write: boolean;
  mode?: number;
  /** Requests on the handle run one after the other, in the order they came (a CLOSE after every WRITE sent before it). */
  queue: Promise<void>;
}

interface OpenDir {
  kind: 'dir';
  entries?: { filename: string; longname: string; attrs: Attributes }[];
}

const toAttrs = (st: RemoteStat): Attributes => ({ mode: st.mode, size: st.size, uid: st.uid, gid: st.gid, atime: st.atime, mtime: st.mtime });

/** An `ls -l` line, which some clients show and parse. */
function longname(name: string, st: RemoteStat): string {
  const kind = isDirMode(st.mode) ? 'd' : (st.mode & 0o170000) === 0o120000 ? 'l' : '-';
  const bits = 'rwxrwxrwx'.split('').map((c, i) => ((st.mode >> (8 - i)) & 1 ? c : '-')).join('');
  const date = new Date(st.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${kind}${bits} 1 ${st.uid} ${st.gid} ${st.size} ${date} ${name}`;
}

export interface SftpContext {
  comm: Communicator;
  ssh2: Ssh2;
  /** The login folder on the target (relative paths start there). */
  home: () => Promise<string>;
  /** A private local folder for the session's temporary files. */
  work: string;
  signal: AbortSignal;
}

/** Serves `sftp` until the client ends it; temporary files go into a private folder removed at the end. */
export function serveSftp(sftp: SFTPWrapper, o: SftpContext): void {
  const { STATUS_CODE, OPEN_MODE } = o.ssh2.utils.sftp;
  const { comm, signal } = o;
  const handles = new Map<number, OpenFile | OpenDir>();
  let next = 0;
  const work = mkdtemp(join(o.work, 'sftp-'));
  const resolvePath = async (p: string) => (p.startsWith('/') ? absolutePath(p, '/') : absolutePath(p, await o.home()));

  const handleOf = (h: Buffer) => (h.length === 4 ? handles.get(h.readUInt32BE(0)) : undefined);
  const newHandle = (entry: OpenFile | OpenDir) => {
    const n = next++;
    handles.set(n, entry);
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  /** Answers request `id` with what `fn` does; a thrown error becomes a FAILURE status with its message. */
  const answer = (id: number, fn: () => Promise<void>) => {
    fn().catch((e: unknown) => {
      try {
        sftp.status(id, STATUS_CODE.FAILURE, e instanceof Error ? e.message.split('\n')[0] : String(e));
      } catch {
        // the session is gone
      }
    });
  };
  const ok = (id: number) => sftp.status(id, STATUS_CODE.OK);
  /** Answers request `id` on a file handle with what `fn` does, after the handle's earlier requests. */
  const inOrder = (id: number, h: Buffer, fn: (f: OpenFile) => Promise<void>) => {
    const f = handleOf(h);
    if (f?.kind !== 'file') return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
    const run = f.queue.then(() => fn(f));
    f.queue = run.catch(() => undefined);
    answer(id, () => run);
  };

  sftp.on('REALPATH', (id, path) =>
    answer(id, async () => {
      const p = await resolvePath(path);
      sftp.name(id, [{ filename: p, longname: p, attrs: {} as Attributes }]);
    }),
  );
  const onStat = (lstat: boolean) => (id: number, path: string) =>
    answer(id, async () => {
      const st = await remoteStat(comm, await resolvePath(path), signal, lstat);
      if (st) sftp.attrs(id, toAttrs(st));
      else sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    });
  sftp.on('STAT', onStat(false));
  sftp.on('LSTAT', onStat(true));

  sftp.on('OPEN', (id, filename, flags, attrs) =>
    answer(id, async () => {
      const path = await resolvePath(filename);
      const write = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
      const local = join(await work, `f${id}`);
      if (flags & OPEN_MODE.EXCL && (await remoteStat(comm, path, signal))) return sftp.status(id, STATUS_CODE.FAILURE, `${path} exists`);
      // A file read, or changed in place, starts from what is on the target; a failed download means there is none.
      const keep = !write || !(flags & OPEN_MODE.TRUNC);
      const existed = keep && (await comm.download(path, local, signal).then(() => true, () => false));
      if (!existed && !(write && flags & OPEN_MODE.CREAT)) return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
      const fh = await open(local, existed ? 'r+' : 'w+');
      const mode = attrs?.mode ?? (existed ? (await fh.stat()).mode : 0o644);
      sftp.handle(id, newHandle({ kind: 'file', path, local, fh, write, mode: mode & 0o7777, queue: Promise.resolve() }));
    }),
  );
  sftp.on('WRITE', (id, h, offset, data) =>
    inOrder(id, h, async (f) => {
      if (!f.write) return sftp.status(id, STATUS_CODE.FAILURE, 'not open for writing');
      await f.fh.write(data, 0, data.length, offset);
      ok(id);
    }),
  );
  sftp.on('READ', (id, h, offset, length) =>
    inOrder(id, h, async (f) => {
      const buf = Buffer.alloc(Math.min(length, 256 * 1024));
      const { bytesRead } = await f.fh.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) sftp.status(id, STATUS_CODE.EOF);
      else sftp.data(id, buf.subarray(0, bytesRead));
    }),
  );
  sftp.on('FSTAT', (id, h) =>
    inOrder(id, h, async (f) => {
      const st = await f.fh.stat();
      const now = Math.floor(Date.now() / 1000);
      sftp.attrs(id, { mode: 0o100000 | (f.mode ?? 0o644), size: st.size, uid: 0, gid: 0, atime: now, mtime: now });
    }),
  );
  // Applied to the local copy, uploaded on CLOSE (scp in SFTP mode writes, then truncates to the size it sent).
  sftp.on('FSETSTAT', (id, h, attrs) =>
    inOrder(id, h, async (f) => {
      if (attrs.mode !== undefined) f.mode = attrs.mode & 0o7777;
      if (f.write && attrs.size !== undefined) await f.fh.truncate(attrs.size);
      ok(id);
    }),
  );
  sftp.on('CLOSE', (id, h) => {
    const n = h.length === 4 ? h.readUInt32BE(0) : -1;
    if (handles.get(n)?.kind === 'dir') {
      handles.delete(n);
      return ok(id);
    }
    inOrder(id, h, async (f) => {
      handles.delete(n);
      await f.fh.close();
      try {
        if (f.write) {
          await chmod(f.local, f.mode ?? 0o644);
          await comm.upload(f.local, f.path, signal);
        }
      } finally {
        await rm(f.local, { force: true });
      }
      ok(id);
    });
  });

  sftp.on('OPENDIR', (id, path) =>
    answer(id, async () => {
      const p = await resolvePath(path);
      const st = await remoteStat(comm, p, signal);
      if (!st) return sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
      if (!isDirMode(st.mode)) return sftp.status(id, STATUS_CODE.FAILURE, `${p} is not a directory`);
      const list = (await remoteList(comm, p, signal)) ?? [];
      sftp.handle(id, newHandle({ kind: 'dir', entries: list.map((e) => ({ filename: e.name, longname: longname(e.name, e.stat), attrs: toAttrs(e.stat) })) }));
    }),
  );
  sftp.on('READDIR', (id, h) => {
    const d = handleOf(h);
    if (d?.kind !== 'dir') return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
    if (!d.entries?.length) return sftp.status(id, STATUS_CODE.EOF);
    sftp.name(id, d.entries.splice(0, 100));
  });

  /** A request carried out by a shell command on the target. */
  const viaShell = (id: number, command: (resolve: (p: string) => Promise<string>) => Promise<string>) =>
    answer(id, async () => {
      await mustShell(comm, await command(resolvePath), signal);
      ok(id);
    });
  sftp.on('SETSTAT', (id, path, a) =>
    viaShell(id, async (r) => {
      const p = quote(await r(path));
      const parts = ['true'];
      if (a.mode !== undefined) parts.push(`chmod ${(a.mode & 0o7777).toString(8)} ${p}`);
      if (a.uid !== undefined && a.gid !== undefined) parts.push(`chown ${a.uid}:${a.gid} ${p}`);
      return parts.join(' && ');
    }),
  );
  sftp.on('MKDIR', (id, path, a) => viaShell(id, async (r) => `mkdir ${a?.mode !== undefined ? `-m ${(a.mode & 0o7777).toString(8)} ` : ''}-- ${quote(await r(path))}`));
  sftp.on('RMDIR', (id, path) => viaShell(id, async (r) => `rmdir -- ${quote(await r(path))}`));
  sftp.on('REMOVE', (id, path) => viaShell(id, async (r) => `rm -- ${quote(await r(path))}`));
  sftp.on('RENAME', (id, from, to) => viaShell(id, async (r) => `mv -f -- ${quote(await r(from))} ${quote(await r(to))}`));
  sftp.on('SYMLINK', (id, linkPath, target) => viaShell(id, async (r) => `ln -s -- ${quote(target)} ${quote(await r(linkPath))}`));
  sftp.on('READLINK', (id, path) =>
    answer(id, async () => {
      const [target] = await mustShell(comm, `readlink -- ${quote(await resolvePath(path))}`, signal);
      sftp.name(id, [{ filename: target ?? '', longname: target ?? '', attrs: {} as Attributes }]);
    }),
  );

  // The client's end of the session (its EOF) closes it, with exit status 0 as sshd reports for its
  // sftp-server: a multiplexed OpenSSH client waits for the close, and scp (SFTP mode) checks the status.
  sftp.on('end', () => {
    const s = sftp as unknown as { _protocol?: { exitStatus(chan: number, status: number): void }; outgoing?: { id: number; state: string } };
    if (s.outgoing?.state === 'open') s._protocol?.exitStatus(s.outgoing.id, 0);
    sftp.end();
  });
  sftp.on('close', () => {
    for (const f of handles.values()) if (f.kind === 'file') void f.fh.close().catch(() => undefined);
    handles.clear();
    void work.then((w) => rm(w, { recursive: true, force: true }));
  });
}
