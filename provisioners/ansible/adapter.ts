// The `use_proxy` adapter (Packer's SSH proxy): a local SSH server that ansible-playbook logs in to. Commands
// (exec) run through the builder's communicator with their input and output streamed both ways; files move by
// SFTP or by the legacy scp protocol, both served here on top of the communicator's upload and download. So every
// transfer method Ansible may choose (ssh_transfer_method sftp, scp, piped, or smart) works, and the target needs
// nothing but /bin/sh and the programs Ansible itself runs (python, dd for `piped`). With `sftp_command`, SFTP is
// instead relayed to that program on the target, as Packer's adapter does.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { join } from 'node:path';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';
import { canStream, type StreamingCommunicator } from '../../src/communicator/streams.js';
import { isCancellation } from '../../src/engine/cancel.js';
import type { BuildUi } from '../../src/plugin/ui.js';
import type { Communicator } from '../../src/plugin/communicator.js';
import { loadSsh2, type Ssh2 } from '../../src/communicator/ssh/load.js';
import { parseScp, scpSink, scpSource } from './adapter-scp.js';
import { serveSftp } from './adapter-sftp.js';
import { remoteHome } from './remote-fs.js';

export interface Adapter {
  port: number;
  /** The private key Ansible logs in with; undefined when the user gave `ssh_authorized_key_file`. */
  keyFile?: string;
  stop(): Promise<void>;
}

export interface AdapterOptions {
  /** `local_port`: the first of ten ports to try; 0 for any free one. */
  port: number;
  /** The only user name accepted. */
  user: string;
  /** A private folder for keys and temporary files. */
  work: string;
  hostKeyFile?: string;
  authorizedKeyFile?: string;
  /** `sftp_command`: SFTP is relayed to this program on the target (Packer's way) instead of served here. */
  sftpCommand?: string;
  ui: BuildUi;
  signal: AbortSignal;
}

/** Runs one exec request and reports its exit status on the channel. */
async function relayExec(comm: StreamingCommunicator, command: string, ch: ServerChannel, work: string, signal: AbortSignal): Promise<void> {
  ch.on('error', () => undefined);
  let code: number;
  try {
    const scp = parseScp(command);
    if (scp) code = await (scp.mode === 'sink' ? scpSink : scpSource)(ch, scp, { comm, work, signal });
    else code = (await comm.runStreams(command, { stdin: ch, stdout: ch, stderr: ch.stderr, signal })).exitCode;
  } catch (e) {
    if (!isCancellation(e)) ch.stderr.write(`${(e as Error).message}\n`);
    code = 255;
  }
  if (!ch.writable) return;
  ch.exit(code);
  ch.end();
}

/** The key a file holds (a private key, or an authorized_keys line); throws with the file's name otherwise. */
async function keyFrom(ssh2: Ssh2, file: string): Promise<ParsedKey> {
  const parsed = ssh2.utils.parseKey(await readFile(file));
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`Failed to read the key in ${file}: ${key instanceof Error ? key.message : 'no key'}`);
  return key;
}

async function listen(server: Server, first: number): Promise<number> {
  const tries = first === 0 ? 1 : 10;
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(first === 0 ? 0 : first + i, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as { port: number }).port;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`Error setting up SSH proxy connection: ${(last as Error).message}`);
}

/** Starts the adapter on 127.0.0.1 with a fresh host key and user key (or the configured ones). */
export async function startAdapter(comm: Communicator, o: AdapterOptions): Promise<Adapter> {
  if (!canStream(comm)) throw new Error("use_proxy: this builder's communicator cannot stream a command's input and output, which the SSH proxy needs");
  const ssh2 = loadSsh2();
  const dir = await mkdtemp(join(o.work, 'proxy-'));
  const hostKey = o.hostKeyFile ? await readFile(o.hostKeyFile) : ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).private;
  let keyFile: string | undefined;
  let allowed: ParsedKey;
  if (o.authorizedKeyFile) {
    allowed = await keyFrom(ssh2, o.authorizedKeyFile);
  } else {
    const userKey = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 });
    keyFile = join(dir, 'ansible-key');
    await writeFile(keyFile, userKey.private, { mode: 0o600 });
    allowed = await keyFrom(ssh2, keyFile);
  }
  const allowedBlob = allowed.getPublicSSH();
  let home: Promise<string> | undefined;
  const homeOnce = () => (home ??= remoteHome(comm, o.signal));
  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== o.user || !ctx.key.data.equals(allowedBlob)) return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && !allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (acc) => acc?.());
        session.on('env', (acc) => acc?.());
        session.on('exec', (acc, _rej, info) => void relayExec(comm, info.command, acc(), dir, o.signal));
        if (o.sftpCommand) {
          const command = o.sftpCommand;
          session.on('subsystem', (acc, rej, info) => (info.name === 'sftp' ? void relayExec(comm, command, acc(), dir, o.signal) : rej?.()));
        } else {
          session.on('sftp', (acc) => serveSftp(acc(), { comm, ssh2, home: homeOnce, work: dir, signal: o.signal }));
        }
      });
    });
  });
  const port = await listen(server, o.port).catch(async (e: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  let stopped: Promise<void> | undefined;
  return {
    port,
    keyFile,
    stop: () =>
      (stopped ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        for (const c of connections) c.end();
        // A client that does not answer the disconnect is dropped.
        const timer = setTimeout(() => {
          for (const c of connections) (c as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
        }, 2_000);
        await closed;
        clearTimeout(timer);
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}
