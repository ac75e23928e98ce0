// The docker communicator: commands run with exec (as `exec_user`), files move as tar archives through the
// Engine API's archive endpoints. Folder copies follow `docker cp` (and so Packer's docker communicator):
// a source ending in `/` copies the folder's contents; otherwise the folder itself goes into an existing
// destination folder, or becomes the destination when that does not exist.

import { stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type Dockerode from 'dockerode';
import { abortableWait } from '../../engine/cancel.js';
import type { Communicator } from '../../plugin/communicator.js';
import type { CommandStreams, StreamingCommunicator } from '../streams.js';
import { packContent, packPath, unpackTo, type Owner } from './archive.js';
import { execInContainer } from './exec.js';

export interface DockerCommunicatorOptions {
  /** `exec_user`: the user commands run as (`name`, `uid`, `uid:gid`); '' for the container's user. */
  execUser: string;
  /** `fix_upload_owner`: give uploaded files to the container's user. */
  fixUploadOwner: boolean;
  /** The container's configured user (`Config.User`); '' means root. */
  containerUser: string;
}

/** Where an entry of an archive read from the container goes locally. */
type Placement = (name: string) => string | undefined;

function isRootUser(user: string): boolean {
  return user === '' || user === 'root' || user === '0' || user.startsWith('0:') || user.startsWith('root:');
}

export class DockerCommunicator implements StreamingCommunicator {
  constructor(
    private readonly container: Dockerode.Container,
    private readonly modem: Dockerode['modem'],
    private readonly opts: DockerCommunicatorOptions,
  ) {}

  /** Runs `command` with `/bin/sh -c` (in a subshell, as Packer does). */
  run(command: string, o: Parameters<Communicator['run']>[1]): Promise<{ exitCode: number }> {
    return execInContainer(this.container, this.modem, {
      cmd: ['/bin/sh', '-c', `(${command})`],
      user: this.opts.execUser,
      env: o.env,
      stdout: o.stdout,
      stderr: o.stderr,
      signal: o.signal,
    }).then((exitCode) => ({ exitCode }));
  }

  runStreams(command: string, io: CommandStreams): Promise<{ exitCode: number }> {
    return execInContainer(this.container, this.modem, {
      cmd: ['/bin/sh', '-c', command],
      user: this.opts.execUser,
      stdin: io.stdin,
      stdoutBytes: io.stdout,
      stderrBytes: io.stderr,
      signal: io.signal,
    }).then((exitCode) => ({ exitCode }));
  }

  /** Uploaded entries belong to root in the archive; another container user gets them with a chown afterwards. */
  private get archiveOwner(): Owner {
    return { uid: 0, gid: 0 };
  }

  private async fixOwner(remotePath: string, signal: AbortSignal): Promise<void> {
    if (!this.opts.fixUploadOwner || isRootUser(this.opts.containerUser)) return;
    const chunks: string[] = [];
    const code = await execInContainer(this.container, this.modem, {
      cmd: ['/bin/sh', '-c', `chown -R ${shellQuote(this.opts.containerUser)} ${shellQuote(remotePath)}`],
      user: 'root',
      stdout: (l) => chunks.push(l),
      stderr: (l) => chunks.push(l),
      signal,
    });
    if (code !== 0) throw new Error(`Failed to set owner of the uploaded file: exit status ${code}, ${chunks.join('\n')}`);
  }

  /** Puts an archive whose top entry is `name` into the folder `dir`; a missing folder is created (as `docker cp` would not). */
  private async put(dir: string, name: string, archive: (prefix: string) => NodeJS.ReadableStream, signal: AbortSignal): Promise<void> {
    try {
      await abortableWait(this.container.putArchive(archive(name), { path: dir }), signal);
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 404) throw uploadError(posix.join(dir, name), e);
      // The folder does not exist: unpack from the root with the full path; the daemon creates missing folders.
      const full = posix.join(dir, name).replace(/^\/+/, '');
      await abortableWait(this.container.putArchive(archive(full), { path: '/' }), signal).catch((e2: unknown) => {
        throw uploadError(posix.join(dir, name), e2);
      });
    }
  }

  /** What is at `remotePath` in the container: 'dir', 'file', or undefined when nothing is there. */
  private async remoteKind(remotePath: string): Promise<'dir' | 'file' | undefined> {
    try {
      const res = (await this.container.infoArchive({ path: remotePath })) as NodeJS.ReadableStream & { headers: Record<string, string | undefined> };
      res.resume();
      const header = res.headers['x-docker-container-path-stat'];
      const info = header ? (JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { mode?: number }) : {};
      // Go's os.FileMode: the directory bit is 1 << 31 (beyond JavaScript's 32-bit bitwise operators).
      return info.mode !== undefined && Math.floor(info.mode / 2 ** 31) % 2 === 1 ? 'dir' : 'file';
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return undefined;
      throw e;
    }
  }

  async upload(localPath: string, remotePath: string, signal: AbortSignal): Promise<void> {
    const st = await stat(localPath);
    const owner = this.archiveOwner;
    if (!st.isDirectory()) {
      const target = remotePath.endsWith('/') ? posix.join(remotePath, basename(localPath)) : remotePath;
      await this.put(posix.dirname(target), posix.basename(target), (name) => packPath(localPath, name, owner), signal);
      await this.fixOwner(target, signal);
      return;
    }
    const dst = remotePath.replace(/(.)\/+$/, '$1');
    const contentsOnly = localPath.endsWith('/');
    const kind = await this.remoteKind(dst);
    if (kind === 'file') throw new Error(`Failed to upload to '${dst}' in container: cannot copy a directory to a file`);
    let target = dst;
    if (kind === 'dir' && !contentsOnly) target = posix.join(dst, basename(localPath));
    if (kind === 'dir' && contentsOnly) {
      await abortableWait(this.container.putArchive(packPath(localPath, '', owner), { path: dst }), signal).catch((e: unknown) => {
        throw uploadError(dst, e);
      });
    } else {
      await this.put(posix.dirname(target), posix.basename(target), (name) => packPath(localPath, name, owner), signal);
    }
    await this.fixOwner(target, signal);
  }

  async uploadContent(content: string | Buffer, remotePath: string, signal: AbortSignal, opts: { mode?: number } = {}): Promise<void> {
    await this.put(posix.dirname(remotePath), posix.basename(remotePath), (name) => packContent(content, name, opts.mode ?? 0o644, this.archiveOwner), signal);
    await this.fixOwner(remotePath, signal);
  }

  /**
   * Downloads a file or a folder. A file goes to `localPath` (into it when it ends with `/` or is a folder);
   * a folder follows the same rules as uploads.
   */
  async download(remotePath: string, localPath: string, signal: AbortSignal): Promise<void> {
    const src = remotePath.replace(/(.)\/+$/, '$1');
    let archive: NodeJS.ReadableStream;
    try {
      archive = await abortableWait(this.container.getArchive({ path: src }), signal);
    } catch (e) {
      throw new Error(`Failed to download '${remotePath}' from container: ${(e as { json?: { message?: string } }).json?.message ?? (e as Error).message}`, { cause: e });
    }
    const top = posix.basename(src);
    const localKind = await stat(localPath).then(
      (s) => (s.isDirectory() ? 'dir' : 'file'),
      () => undefined,
    );
    const intoFolder = localPath.endsWith('/') || localKind === 'dir';
    let place: Placement;
    if (remotePath.endsWith('/')) place = (name) => (name === top ? localPath : join(localPath, name.slice(top.length + 1)));
    else if (intoFolder) place = (name) => join(localPath, name);
    else place = (name) => (name === top ? localPath : join(localPath, name.slice(top.length + 1)));
    await abortableWait(unpackTo(archive, place), signal);
  }
}

function uploadError(dst: string, e: unknown): Error {
  const msg = (e as { json?: { message?: string } }).json?.message ?? (e as Error).message;
  return new Error(`Failed to upload to '${dst}' in container: ${msg}`, { cause: e });
}

/** Single-quotes a word for /bin/sh. */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}
