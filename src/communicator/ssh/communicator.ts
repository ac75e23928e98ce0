// The SSH communicator: commands over exec channels, files with scp or SFTP, tunnels, and a new connection
// when the old one is gone (a reboot with expect_disconnect, a dropped network), within ssh_timeout.

import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tempDirOf } from '../../util/temp-dir.js';
import { join, posix, basename } from 'node:path';
import type { Client } from 'ssh2';
import type { Communicator, RemoteAccess } from '../../plugin/communicator.js';
import { sshAccess } from './access.js';
import type { SshSettings } from './config.js';
import type { SshConnection } from './dial.js';
import { execCommand, execStreams, shellQuote, withEnv } from './exec.js';
import type { CommandStreams, StreamingCommunicator } from '../streams.js';
import { canUseOpenSsh, findScp, OPENSSH_MIN_SIZE, opensshUpload } from './openssh-scp.js';
import { scpDownload, scpUpload, scpUploadContent } from './scp.js';
import { sftpDownload, sftpUpload, sftpUploadContent } from './sftp.js';
import { openLocalTunnels, openRemoteTunnels } from './tunnels.js';
import { loadSsh2 } from './load.js';
import { waitForSsh, type WaitContext } from './wait.js';

import type { Ssh2 } from './load.js';

export class SshCommunicator implements StreamingCommunicator {
  private conn: SshConnection | undefined;
  private servers: Server[] = [];
  private closed = false;
  private scpProgram: Promise<string | undefined> | undefined;

  private constructor(
    private readonly ssh2: Ssh2,
    readonly settings: SshSettings,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  /** Waits for SSH as Packer does (progress lines on `ctx.ui`), then opens the tunnels. */
  static async connect(settings: SshSettings, ctx: WaitContext): Promise<SshCommunicator> {
    const ssh2 = loadSsh2();
    const comm = new SshCommunicator(ssh2, settings, ctx.env);
    await comm.attach(await waitForSsh(ssh2, settings, ctx));
    try {
      comm.servers = await openLocalTunnels(settings.localTunnels, () => comm.conn?.client);
    } catch (e) {
      comm.close();
      throw e;
    }
    return comm;
  }

  private async attach(conn: SshConnection): Promise<void> {
    this.conn = conn;
    conn.client.on('close', () => {
      if (this.conn === conn) this.conn = undefined;
    });
    try {
      await openRemoteTunnels(this.settings.remoteTunnels, conn.client);
    } catch (e) {
      conn.close();
      throw e;
    }
  }

  /** The open connection, or a new one (quietly, within ssh_timeout) when it is gone. */
  async client(signal: AbortSignal): Promise<Client> {
    if (this.closed) throw new Error('the SSH communicator is closed');
    if (!this.conn) await this.attach(await waitForSsh(this.ssh2, { ...this.settings, pauseBeforeConnectingMs: 0 }, { signal, env: this.env }, true));
    return this.conn!.client;
  }

  async run(command: string, o: Parameters<Communicator['run']>[1]): Promise<{ exitCode: number }> {
    const client = await this.client(o.signal);
    const exitCode = await execCommand(client, withEnv(command, o.env), { ...o, pty: this.settings.pty });
    return { exitCode };
  }

  async runStreams(command: string, io: CommandStreams): Promise<{ exitCode: number }> {
    return { exitCode: await execStreams(await this.client(io.signal), command, io) };
  }

  /** Whether a file this big goes through OpenSSH's scp (see openssh-scp.ts). */
  private async opensshFor(size: number): Promise<string | undefined> {
    if (size < OPENSSH_MIN_SIZE || this.settings.fileTransferMethod !== 'scp' || !canUseOpenSsh(this.settings, this.env)) return undefined;
    this.scpProgram ??= findScp(this.env);
    return this.scpProgram;
  }

  async upload(localPath: string, remotePath: string, signal: AbortSignal): Promise<void> {
    const client = await this.client(signal);
    const st = await stat(localPath);
    const scp = st.isFile() ? await this.opensshFor(st.size) : undefined;
    if (scp) {
      const target = remotePath.endsWith('/') ? posix.join(remotePath, basename(localPath)) : remotePath;
      const { exitCode } = await this.run(`mkdir -p ${shellQuote(posix.dirname(target))}`, { signal });
      if (exitCode === 0) return opensshUpload(scp, this.settings, this.env, localPath, target, signal);
    }
    if (this.settings.fileTransferMethod === 'sftp') return sftpUpload(client, localPath, remotePath, signal);
    return scpUpload(client, localPath, remotePath, signal);
  }

  async uploadContent(content: string | Buffer, remotePath: string, signal: AbortSignal, opts: { mode?: number } = {}): Promise<void> {
    const mode = opts.mode ?? 0o644;
    const client = await this.client(signal);
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    if (data.length >= OPENSSH_MIN_SIZE && (await this.opensshFor(data.length))) {
      const dir = await mkdtemp(join(tempDirOf(this.env), 'tsbuild-upload-'));
      try {
        await writeFile(join(dir, 'content'), data, { mode });
        return await this.upload(join(dir, 'content'), remotePath, signal);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    if (this.settings.fileTransferMethod === 'sftp') return sftpUploadContent(client, data, remotePath, mode, signal);
    return scpUploadContent(client, data, remotePath, mode, signal);
  }

  async download(remotePath: string, localPath: string, signal: AbortSignal): Promise<void> {
    const client = await this.client(signal);
    if (this.settings.fileTransferMethod === 'sftp') return sftpDownload(client, remotePath, localPath, signal);
    return scpDownload(client, remotePath, localPath, signal);
  }

  /** How another process reaches this machine again, without a secret (see access.ts). */
  access(): RemoteAccess {
    return sshAccess(this.settings);
  }

  /** Ends the connection and the tunnels; safe to call twice. */
  close(): void {
    this.closed = true;
    for (const s of this.servers) s.close();
    this.servers = [];
    this.conn?.close();
    this.conn = undefined;
  }
}
