// One SSH connection attempt: the TCP connection (direct, through a SOCKS proxy, or through a bastion host),
// then the handshake and authentication. Failures say which of the two failed: the wait loop retries
// connection failures until ssh_timeout and handshake failures ssh_handshake_attempts times.

import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';
import { prepareAuth } from './auth.js';
import type { SshLogin, SshSettings } from './config.js';
import { connectThroughSocks } from './socks.js';

import type { Ssh2 } from './load.js';

/** A failed attempt: `connect` (nothing answered) or `handshake` (an SSH server answered but the login failed). */
export class DialError extends Error {
  constructor(
    message: string,
    readonly stage: 'connect' | 'handshake',
    options?: { cause?: unknown },
    /** The server answered and refused the login (what ssh_handshake_attempts counts, as in Packer). */
    readonly auth = false,
  ) {
    super(message, options);
    this.name = 'DialError';
  }
}

/** An open connection; `close` ends it and the bastion connection under it. */
export interface SshConnection {
  client: Client;
  close(): void;
}

export interface DialOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Limit for this attempt (TCP connect plus handshake). */
  timeoutMs: number;
  /** Called with the direct TCP connection as it opens: how much the server has sent, and a way to drop it. */
  onSocket?(sock: { readonly bytesRead: number; destroy(error: Error): void }): void;
}

/** Go's wording for a failed TCP dial, which users of Packer know. */
function dialMessage(host: string, port: number, e: NodeJS.ErrnoException): string {
  const reason = e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'ETIMEDOUT' ? 'i/o timeout' : e.message;
  return `dial tcp ${host}:${port}: connect: ${reason}`;
}

function connectTcp(host: string, port: number, timeoutMs: number, onSocket?: DialOptions['onSocket']): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port });
    onSocket?.(sock);
    sock.setTimeout(timeoutMs, () => sock.destroy(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' })));
    sock.once('connect', () => {
      sock.setTimeout(0);
      sock.removeAllListeners('error');
      // The SSH client listens for errors once the handshake starts (after the keys load); until then an error (a
      // dropped attempt, a reset) must not go unheard, which would end the process: the socket closes, and the
      // handshake that follows sees it closed.
      sock.on('error', () => {});
      resolve(sock);
    });
    sock.once('error', (e: NodeJS.ErrnoException) => reject(new DialError(dialMessage(host, port, e), 'connect', { cause: e })));
  });
}

/** The stream the SSH handshake runs over. */
async function openTransport(ssh2: Ssh2, s: SshSettings, o: DialOptions): Promise<{ sock: Duplex; close(): void }> {
  if (s.proxy) {
    const sock = await connectThroughSocks(s.proxy, s.host, s.port, o.timeoutMs).catch((e: Error) => {
      throw new DialError(`proxy ${s.proxy!.host}:${s.proxy!.port}: ${e.message}`, 'connect', { cause: e });
    });
    return { sock, close: () => sock.destroy() };
  }
  if (s.bastion) {
    const bastion = await handshake(ssh2, s.bastion, await connectTcp(s.bastion.host, s.bastion.port, o.timeoutMs), { ...s, ...s.bastion, readWriteTimeoutMs: 0 }, o).catch((e: Error) => {
      throw e instanceof DialError ? new DialError(`bastion ${s.bastion!.host}:${s.bastion!.port}: ${e.message}`, e.stage, { cause: e }, e.auth) : e;
    });
    const channel = await new Promise<Duplex>((resolve, reject) =>
      bastion.forwardOut('127.0.0.1', 0, s.host, s.port, (err, ch) => (err ? reject(new DialError(`bastion: dial ${s.host}:${s.port}: ${err.message}`, 'connect', { cause: err })) : resolve(ch))),
    ).catch((e: unknown) => {
      bastion.end();
      throw e;
    });
    return { sock: channel, close: () => bastion.end() };
  }
  const sock = await connectTcp(s.host, s.port, o.timeoutMs, o.onSocket);
  if (s.readWriteTimeoutMs > 0) {
    sock.setTimeout(s.readWriteTimeoutMs, () => sock.destroy(new Error(`read/write timeout: nothing received for ${s.readWriteTimeoutMs} ms`)));
  }
  return { sock, close: () => sock.destroy() };
}

/** The SSH handshake and login over `sock`. */
function handshake(ssh2: Ssh2, login: SshLogin, sock: Duplex, s: SshSettings, o: DialOptions): Promise<Client> {
  const client = new ssh2.Client();
  // ssh2 may report more than one error for one failure (a timeout, then the lost connection).
  client.on('error', () => undefined);
  return prepareAuth(ssh2, login, o.env, () => (client as unknown as { _protocol?: unknown })._protocol).then(
    (auth) =>
      new Promise<Client>((resolve, reject) => {
        // Dropped while the keys loaded: ssh2 would wait out readyTimeout on a closed socket.
        if (sock.destroyed) return reject(new DialError('ssh: handshake failed: connection closed', 'handshake'));
        const config: ConnectConfig = {
          sock: sock as ConnectConfig['sock'],
          username: login.username,
          readyTimeout: o.timeoutMs,
          keepaliveInterval: s.keepAliveMs,
          keepaliveCountMax: 3,
          authHandler: auth.handler,
          agent: auth.agent,
          agentForward: auth.agent !== undefined && !s.disableAgentForwarding,
          hostVerifier: () => true,
        };
        const onError = (e: Error & { level?: string }) => {
          client.removeListener('ready', onReady);
          sock.destroy();
          if (e.level === 'client-authentication') {
            const accepted = auth.serverMethods();
            reject(new DialError(`ssh: handshake failed: ssh: unable to authenticate as "${login.username}", no supported methods remain (the server accepts: ${accepted.join(', ') || 'none'})`, 'handshake', { cause: e }, true));
          } else if (e.level === 'client-timeout') {
            reject(new DialError('ssh: handshake failed: timed out while waiting for the handshake', 'handshake', { cause: e }));
          } else {
            reject(new DialError(`ssh: handshake failed: ${e.message}`, 'handshake', { cause: e }));
          }
        };
        const onReady = () => {
          client.removeListener('error', onError);
          resolve(client);
        };
        client.once('ready', onReady);
        client.once('error', onError);
        client.connect(config);
      }),
    (e: unknown) => {
      sock.destroy();
      throw e;
    },
  );
}

/** Connects and logs in once. */
export async function dialSsh(ssh2: Ssh2, s: SshSettings, o: DialOptions): Promise<SshConnection> {
  const transport = await openTransport(ssh2, s, o);
  try {
    const client = await handshake(ssh2, s, transport.sock, s, o);
    client.on('close', () => transport.close());
    return {
      client,
      close: () => {
        client.end();
        transport.close();
      },
    };
  } catch (e) {
    transport.close();
    throw e;
  }
}
