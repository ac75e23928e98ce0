// The `use_proxy` adapter: a local SSH server that Ansible logs in to, carrying its commands (exec) and
// file transfers (SFTP) over the builder's communicator, for targets that have no SSH of their own (a docker
// build). Commands' output is relayed line by line, as the communicator gives it.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Connection, ParsedKey, ServerChannel, SFTPWrapper } from 'ssh2';
import type { BuildUi, Communicator } from '../../src/engine/types.js';
import { loadSsh2 } from '../../src/communicator/ssh/load.js';

export interface Adapter {
  port: number;
  /** The private key Ansible logs in with. */
  keyFile: string;
  stop(): Promise<void>;
}

interface AdapterOptions {
  port: number;
  work: string;
  ui: BuildUi;
  signal: AbortSignal;
}

function quote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

/** What the client sends on stdin, until it closes it (or sends nothing for a moment). */
function readStdin(ch: ServerChannel): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(idle);
      resolve(Buffer.concat(chunks));
    };
    let idle = setTimeout(done, 300);
    ch.on('data', (d: Buffer) => {
      chunks.push(d);
      clearTimeout(idle);
      idle = setTimeout(done, 5_000);
    });
    ch.once('end', done);
  });
}

/**
 * Runs `command` through the communicator, relaying its output and exit status to the channel. The client's
 * stdin (Ansible pipes Python to the interpreter) is uploaded first and fed to the command from a file.
 */
async function relayExec(comm: Communicator, command: string, ch: ServerChannel, signal: AbortSignal): Promise<void> {
  try {
    const stdin = await readStdin(ch);
    let run = command;
    if (stdin.length > 0) {
      const file = `/tmp/.packer-ansible-stdin-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
      await comm.uploadContent(stdin, file, signal);
      run = `(${command}) < ${file}; __rc=$?; rm -f ${file}; exit $__rc`;
    } else {
      run = `(${command}) < /dev/null`;
    }
    const { exitCode } = await comm.run(run, { stdout: (l) => ch.write(`${l}\n`), stderr: (l) => ch.stderr.write(`${l}\n`), signal });
    ch.exit(exitCode);
  } catch (e) {
    ch.stderr.write(`${(e as Error).message}\n`);
    ch.exit(1);
  }
  ch.end();
}

/** `stat` of a remote path through the communicator: [mode, size, mtime] or undefined. */
async function remoteStat(comm: Communicator, path: string, signal: AbortSignal): Promise<{ mode: number; size: number; mtime: number } | undefined> {
  const out: string[] = [];
  const { exitCode } = await comm.run(`stat -L -c '%f %s %Y' ${quote(path)}`, { stdout: (l) => out.push(l), signal });
  if (exitCode !== 0 || !out[0]) return undefined;
  const [mode, size, mtime] = out[0].trim().split(' ');
  return { mode: parseInt(mode!, 16), size: Number(size), mtime: Number(mtime) };
}

/** The written file: chunks placed at their offsets (clients may send writes out of order). */
function assemble(chunks: Buffer[], offsets: number[]): Buffer {
  const size = chunks.reduce((m, c, i) => Math.max(m, offsets[i]! + c.length), 0);
  const out = Buffer.alloc(size);
  chunks.forEach((c, i) => c.copy(out, offsets[i]!));
  return out;
}

/** An SFTP server whose files live on the other side of the communicator. */
function serveSftp(sftp: SFTPWrapper, comm: Communicator, ssh2: typeof import('ssh2'), work: string, signal: AbortSignal): void {
  const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;
  const handles = new Map<number, { path: string; write: boolean; chunks: Buffer[]; offsets: number[]; data?: Buffer }>();
  let next = 0;
  const handleOf = (h: Buffer) => handles.get(h.readUInt32BE(0));
  const fail = (id: number, e: unknown) => sftp.status(id, STATUS_CODE.FAILURE, (e as Error).message ?? String(e));
  const attrs = (st: { mode: number; size: number; mtime: number }) => ({ mode: st.mode, size: st.size, uid: 0, gid: 0, atime: st.mtime, mtime: st.mtime });
  sftp.on('REALPATH', (id, path) => {
    const p = path === '.' || path === '' ? '/' : path;
    sftp.name(id, [{ filename: p, longname: p, attrs: { mode: 0o40755, size: 0, uid: 0, gid: 0, atime: 0, mtime: 0 } }]);
  });
  const onStat = (id: number, path: string) => {
    remoteStat(comm, path, signal).then(
      (st) => (st ? sftp.attrs(id, attrs(st)) : sftp.status(id, STATUS_CODE.NO_SUCH_FILE)),
      (e: unknown) => fail(id, e),
    );
  };
  sftp.on('STAT', onStat);
  sftp.on('LSTAT', onStat);
  sftp.on('OPEN', (id, path, flags) => {
    const write = (flags & OPEN_MODE.WRITE) !== 0;
    const n = next++;
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(n);
    if (write) {
      handles.set(n, { path, write, chunks: [], offsets: [] });
      return sftp.handle(id, handle);
    }
    const local = join(work, `download-${n}`);
    comm.download(path, local, signal).then(
      async () => {
        handles.set(n, { path, write, chunks: [], offsets: [], data: await readFile(local) });
        await rm(local, { force: true });
        sftp.handle(id, handle);
      },
      () => sftp.status(id, STATUS_CODE.NO_SUCH_FILE),
    );
  });
  sftp.on('WRITE', (id, h, offset, data) => {
    const f = handleOf(h);
    if (!f) return sftp.status(id, STATUS_CODE.FAILURE);
    f.chunks.push(Buffer.from(data));
    f.offsets.push(offset);
    sftp.status(id, STATUS_CODE.OK);
  });
  sftp.on('READ', (id, h, offset, length) => {
    const f = handleOf(h);
    if (!f?.data) return sftp.status(id, STATUS_CODE.FAILURE);
    if (offset >= f.data.length) return sftp.status(id, STATUS_CODE.EOF);
    sftp.data(id, f.data.subarray(offset, offset + length));
  });
  sftp.on('FSTAT', (id, h) => {
    const f = handleOf(h);
    if (!f) return sftp.status(id, STATUS_CODE.FAILURE);
    const size = f.data?.length ?? f.chunks.reduce((a, c) => a + c.length, 0);
    sftp.attrs(id, { mode: 0o100644, size, uid: 0, gid: 0, atime: 0, mtime: 0 });
  });
  sftp.on('CLOSE', (id, h) => {
    const n = h.readUInt32BE(0);
    const f = handles.get(n);
    handles.delete(n);
    if (!f?.write) return sftp.status(id, STATUS_CODE.OK);
    comm.uploadContent(assemble(f.chunks, f.offsets), f.path, signal).then(
      () => sftp.status(id, STATUS_CODE.OK),
      (e: unknown) => fail(id, e),
    );
  });
  const viaShell = (id: number, command: string) =>
    comm.run(command, { signal }).then(
      ({ exitCode }) => sftp.status(id, exitCode === 0 ? STATUS_CODE.OK : STATUS_CODE.FAILURE),
      (e: unknown) => fail(id, e),
    );
  sftp.on('SETSTAT', (id, path, a) => (a.mode !== undefined ? viaShell(id, `chmod ${(a.mode & 0o7777).toString(8)} ${quote(path)}`) : sftp.status(id, STATUS_CODE.OK)));
  sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
  sftp.on('MKDIR', (id, path) => viaShell(id, `mkdir ${quote(path)}`));
  sftp.on('RMDIR', (id, path) => viaShell(id, `rmdir ${quote(path)}`));
  sftp.on('REMOVE', (id, path) => viaShell(id, `rm -f ${quote(path)}`));
  sftp.on('RENAME', (id, from, to) => viaShell(id, `mv ${quote(from)} ${quote(to)}`));
  sftp.on('OPENDIR', (id) => sftp.status(id, STATUS_CODE.OP_UNSUPPORTED));
}

/** Starts the adapter on 127.0.0.1 (`port`, 0 for any free one), with fresh host and user keys. */
export async function startAdapter(comm: Communicator, o: AdapterOptions): Promise<Adapter> {
  const ssh2 = loadSsh2();
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
  const userKey = ssh2.utils.generateKeyPairSync('ed25519');
  const dir = await mkdtemp(join(tmpdir(), 'packer-ansible-proxy-'));
  const keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, userKey.private, { mode: 0o600 });
  const allowed = ssh2.utils.parseKey(userKey.public);
  const allowedKey = Array.isArray(allowed) ? allowed[0] : allowed;
  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      const ok = ctx.method === 'publickey' && allowedKey && !(allowedKey instanceof Error) && ctx.key.algo === allowedKey.type && ctx.key.data.equals(allowedKey.getPublicSSH());
      if (!ok) return ctx.reject(['publickey']);
      if (ctx.method === 'publickey' && ctx.signature && ctx.blob && !(allowedKey as ParsedKey).verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acc) => acc?.());
        session.on('env', (acc) => acc?.());
        session.on('exec', (acc, _rej, info) => {
          const ch = acc();
          void relayExec(comm, info.command, ch, o.signal);
        });
        session.on('sftp', (acc) => serveSftp(acc(), comm, ssh2, dir, o.signal));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    keyFile,
    stop: async () => {
      for (const c of connections) c.end();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
