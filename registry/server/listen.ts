// The registry's HTTP listener: the app on HOST:PORT, with connection settings fit for clients and load balancers,
// and requests that Node's HTTP parser refuses (a body longer than its Content-Length, a broken header) answered in
// the API's error shape rather than with a bare 400.

import { serve, type ServerType } from '@hono/node-server';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Hono } from 'hono';
import type { RegistryEnv } from './env.js';
import { lookupListener, type LookupListenerOptions } from './lookup-listener.js';

function answerClientError(e: Error & { code?: string }, socket: Socket): void {
  // As Node does: an answer only where nothing was written on the connection yet, then the connection closes.
  if (socket.writable && socket.bytesWritten === 0 && e.code !== 'ECONNRESET') {
    const [status, reason] = e.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const body = JSON.stringify({ code: 3, message: `malformed HTTP request: ${e.message}`, details: [] });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return;
  }
  socket.destroy();
}

/**
 * Listens; resolves once the port is open, rejects when it cannot be (in use, not allowed). With `lookups` (the app's
 * store and caches), channel lookups are answered ahead of the app (lookup-listener.ts).
 */
export function listenRegistry(app: Hono<RegistryEnv>, host: string, port: number, lookups?: LookupListenerOptions): Promise<ServerType> {
  return new Promise<ServerType>((ready, fail) => {
    // The adapter calls createServer(serverOptions, its request listener).
    const withLookups = ((options: ServerOptions, listener: RequestListener) => createServer(options, lookups ? lookupListener(lookups, listener) : listener)) as typeof createServer;
    const server = serve({ fetch: app.fetch, hostname: host, port, createServer: withLookups }, () => {
      server.off('error', fail);
      ready(server);
    });
    server.once('error', fail);
    // Idle keep-alive connections stay open longer than clients and load balancers keep theirs (undici: 4 s, AWS
    // ALB: 60 s): a server closing a connection just as a client reuses it fails that request ("other side closed").
    Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
    server.on('clientError', answerClientError);
  });
}
