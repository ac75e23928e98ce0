// A TCP proxy on loopback that slows down what the client sends (what the server sends passes at full speed), so
// that an upload through it lasts long enough for a test to act while it is under way, with a small file. When
// the server's side of a connection goes away, the client's side is reset, as a direct connection would be.

import { connect, createServer, type Socket } from 'node:net';

export interface ThrottleProxy {
  port: number;
  close(): Promise<void>;
}

/** Forwards 127.0.0.1:<port> to `target`, passing the client's bytes at about `bytesPerSecond`. */
export async function startThrottleProxy(target: { host: string; port: number }, bytesPerSecond: number): Promise<ThrottleProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      client.pause();
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    upstream.pipe(client);
    upstream.on('close', () => client.resetAndDestroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
