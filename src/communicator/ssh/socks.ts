// A SOCKS5 client (RFC 1928, with RFC 1929 username/password): the TCP connection to the target through
// `ssh_proxy_host`.

import { connect, type Socket } from 'node:net';

export interface SocksProxy {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

const REPLIES: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/** Reads exactly `n` bytes from the socket (before it is handed over, so no data is lost). */
function readBytes(sock: Socket, n: number, buffered: { rest: Buffer }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tryTake = () => {
      if (buffered.rest.length < n) return false;
      const out = buffered.rest.subarray(0, n);
      buffered.rest = buffered.rest.subarray(n);
      cleanup();
      resolve(out);
      return true;
    };
    const onData = (d: Buffer) => {
      buffered.rest = Buffer.concat([buffered.rest, d]);
      tryTake();
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('the SOCKS proxy closed the connection'));
    };
    const cleanup = () => {
      // Paused, so that bytes arriving before the SSH client listens are kept (it resumes the socket).
      sock.pause();
      sock.off('data', onData);
      sock.off('end', onEnd);
      sock.off('error', onEnd);
    };
    if (tryTake()) return;
    sock.on('data', onData);
    sock.on('end', onEnd);
    sock.on('error', onEnd);
    sock.resume();
  });
}

function hostField(host: string): Buffer {
  const name = Buffer.from(host);
  return Buffer.concat([Buffer.from([3, name.length]), name]);
}

/** Connects to `host:port` through the proxy; resolves with the socket, ready for the SSH handshake. */
export async function connectThroughSocks(proxy: SocksProxy, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const sock = connect({ host: proxy.host, port: proxy.port });
  sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`SOCKS proxy ${proxy.host}:${proxy.port}: i/o timeout`)));
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    const buffered = { rest: Buffer.alloc(0) };
    const withAuth = proxy.username !== undefined;
    sock.write(Buffer.from(withAuth ? [5, 2, 0, 2] : [5, 1, 0]));
    const [version, method] = await readBytes(sock, 2, buffered);
    if (version !== 5) throw new Error('the proxy does not speak SOCKS5');
    if (method === 2) {
      const user = Buffer.from(proxy.username ?? '');
      const pass = Buffer.from(proxy.password ?? '');
      sock.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
      const [, status] = await readBytes(sock, 2, buffered);
      if (status !== 0) throw new Error('the SOCKS proxy rejected the username or password');
    } else if (method !== 0) {
      throw new Error('the SOCKS proxy accepts none of the offered authentication methods');
    }
    const portBytes = Buffer.from([port >> 8, port & 255]);
    sock.write(Buffer.concat([Buffer.from([5, 1, 0]), hostField(host), portBytes]));
    const head = await readBytes(sock, 4, buffered);
    if (head[1] !== 0) throw new Error(`SOCKS proxy: ${REPLIES[head[1]!] ?? `error ${head[1]}`} (connecting to ${host}:${port})`);
    const addrLen = head[3] === 1 ? 4 : head[3] === 4 ? 16 : (await readBytes(sock, 1, buffered))[0]!;
    await readBytes(sock, addrLen + 2, buffered);
    if (buffered.rest.length > 0) sock.unshift(buffered.rest);
    sock.setTimeout(0);
    return sock;
  } catch (e) {
    sock.destroy();
    throw e;
  }
}
