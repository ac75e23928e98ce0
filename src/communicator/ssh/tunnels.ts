// `ssh_local_tunnels` (a local port forwarded to an address seen from the machine) and `ssh_remote_tunnels`
// (a port on the machine forwarded to an address seen from the build host), as `ssh -L` and `ssh -R`.

import { connect, createServer, type Server } from 'node:net';
import type { Client } from 'ssh2';
import type { SshTunnel } from './config.js';

/** Opens local listeners; each accepted connection goes through the current client. Resolves once listening. */
export async function openLocalTunnels(tunnels: readonly SshTunnel[], client: () => Client | undefined): Promise<Server[]> {
  const servers: Server[] = [];
  for (const t of tunnels) {
    const server = createServer((sock) => {
      const c = client();
      if (!c) return sock.destroy();
      c.forwardOut(sock.remoteAddress ?? '127.0.0.1', sock.remotePort ?? 0, t.toHost, t.toPort, (err, ch) => {
        if (err) return sock.destroy();
        sock.pipe(ch).pipe(sock);
        sock.on('error', () => ch.close());
        ch.on('error', () => sock.destroy());
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(new Error(`ssh_local_tunnels: cannot listen on ${t.bindHost}:${t.bindPort}: ${e.message}`)));
      server.listen(t.bindPort, t.bindHost, () => resolve());
    });
    servers.push(server);
  }
  return servers;
}

/** Asks the server to listen for each remote tunnel; connections it forwards go to the local address. */
export async function openRemoteTunnels(tunnels: readonly SshTunnel[], client: Client): Promise<void> {
  if (tunnels.length === 0) return;
  client.on('tcp connection', (info, accept, reject) => {
    const t = tunnels.find((x) => x.bindPort === info.destPort);
    if (!t) return reject();
    const ch = accept();
    const sock = connect({ host: t.toHost, port: t.toPort });
    sock.on('connect', () => sock.pipe(ch).pipe(sock));
    sock.on('error', () => ch.close());
    ch.on('error', () => sock.destroy());
  });
  for (const t of tunnels) {
    await new Promise<void>((resolve, reject) =>
      client.forwardIn(t.bindHost, t.bindPort, (err) => (err ? reject(new Error(`ssh_remote_tunnels: the server refused to listen on ${t.bindHost}:${t.bindPort}: ${err.message}`)) : resolve())),
    );
  }
}
