// HTTP/1.1 by hand over a TCP socket, for requests that fetch will not send (a Content-Length that lies, none at all,
// chunks of our choosing) and to read every response the server writes before it closes the connection.

import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `head` (lines without the final blank line) and then `chunks`, each written once the previous one drained. */
export function sendRaw(url: string, head: string[], chunks: Buffer[], o: { halfClose?: boolean } = {}): Promise<RawResponse[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) }, async () => {
      const write = (b: Buffer | string) => new Promise<void>((done) => (socket.write(b) ? done() : socket.once('drain', done)));
      try {
        await write(`${head.join('\r\n')}\r\n\r\n`);
        for (const c of chunks) await write(c);
        if (o.halfClose) socket.end();
      } catch {
        // The server closed the connection while the body was still being sent: its answer is read below.
      }
    });
    socket.on('data', (d: Buffer) => received.push(d));
    // A server that answers early and closes may reset the connection while the rest of the body is on its way.
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => resolve(parseResponses(Buffer.concat(received))));
  });
}

function parseResponses(data: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const [statusLine, ...lines] = data.subarray(at, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    let bodyStart = end + 4;
    let body: Buffer;
    if (headers['transfer-encoding'] === 'chunked') {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = data.indexOf('\r\n', bodyStart);
        const size = parseInt(data.subarray(bodyStart, lineEnd).toString('latin1'), 16);
        bodyStart = lineEnd + 2;
        if (!size) {
          bodyStart += 2;
          break;
        }
        parts.push(data.subarray(bodyStart, bodyStart + size));
        bodyStart += size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : data.length - bodyStart;
      body = data.subarray(bodyStart, bodyStart + length);
      bodyStart += length;
    }
    responses.push({ status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') });
    at = bodyStart;
  }
  return responses;
}

/** The request head for `method` on `url` with these headers (Host and Connection: close added). */
export function requestHead(method: string, url: string, headers: Record<string, string>): string[] {
  const u = new URL(url);
  return [`${method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
}
