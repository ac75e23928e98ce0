// A small RFB (VNC) client: the handshake of protocol 3.3, 3.7 and 3.8 with security types None and VNC
// Authentication, ClientInit (shared, as Packer connects: other viewers stay connected), and KeyEvent messages:
// what typing a boot command needs. Framebuffer updates are never requested; whatever the server sends is dropped.

import { connect, type Socket } from 'node:net';
import { byteReader, type ByteReader } from './byte-reader.js';
import { vncAuthResponse } from './vnc-auth.js';

const SECURITY_NONE = 1;
const SECURITY_VNC_AUTH = 2;

export interface RfbOptions {
  host: string;
  port: number;
  /** For VNC Authentication; without it, only a server offering None is accepted. */
  password?: string;
  signal?: AbortSignal;
}

export interface RfbConnection {
  /** The desktop name the server gave. */
  name: string;
  width: number;
  height: number;
  keyEvent(keysym: number, down: boolean): Promise<void>;
  close(): void;
}

async function readReason(r: ByteReader): Promise<string> {
  const len = (await r.read(4)).readUInt32BE(0);
  return (await r.read(len)).toString('utf8');
}

/** Picks the security type and authenticates (protocol 3.`minor`); throws what the server said when it refuses. */
async function negotiateSecurity(r: ByteReader, socket: Socket, minor: number, o: RfbOptions): Promise<void> {
  let type: number;
  if (minor === 3) {
    type = (await r.read(4)).readUInt32BE(0);
    if (type === 0) throw new Error(`VNC server refused the connection: ${await readReason(r)}`);
  } else {
    const count = (await r.read(1))[0]!;
    if (count === 0) throw new Error(`VNC server refused the connection: ${await readReason(r)}`);
    const offered = [...(await r.read(count))];
    const wanted = o.password !== undefined ? [SECURITY_VNC_AUTH, SECURITY_NONE] : [SECURITY_NONE];
    const pick = wanted.find((t) => offered.includes(t));
    if (pick === undefined) {
      throw new Error(`VNC server offers security types ${offered.join(', ')}; supported: 1 (None)${o.password !== undefined ? ', 2 (VNC Authentication)' : ', and 2 (VNC Authentication) with a password'}`);
    }
    socket.write(Buffer.from([pick]));
    type = pick;
  }
  if (type === SECURITY_VNC_AUTH) {
    if (o.password === undefined) throw new Error('VNC server asks for a password and none was given');
    socket.write(vncAuthResponse(o.password, await r.read(16)));
  } else if (type !== SECURITY_NONE) {
    throw new Error(`VNC server chose security type ${type}; supported: 1 (None), 2 (VNC Authentication)`);
  }
  if (type === SECURITY_NONE && minor < 8) return;
  const result = (await r.read(4)).readUInt32BE(0);
  if (result !== 0) throw new Error(`VNC authentication failed${minor >= 8 ? `: ${await readReason(r)}` : ''}`);
}

async function handshake(socket: Socket, o: RfbOptions): Promise<RfbConnection> {
  const r = byteReader(socket, `VNC server ${o.host}:${o.port}`);
  const version = (await r.read(12)).toString('latin1');
  const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
  if (!m) throw new Error(`${o.host}:${o.port} is not a VNC server (it said ${JSON.stringify(version)})`);
  const major = Number(m[1]);
  const minor = major > 3 ? 8 : Number(m[2]) >= 8 ? 8 : Number(m[2]) >= 7 ? 7 : 3;
  socket.write(`RFB 003.00${minor}\n`);
  await negotiateSecurity(r, socket, minor, o);
  socket.write(Buffer.from([1]));
  const init = await r.read(24);
  const name = (await r.read(init.readUInt32BE(20))).toString('utf8');
  r.discardRest();
  return {
    name,
    width: init.readUInt16BE(0),
    height: init.readUInt16BE(2),
    keyEvent: (keysym, down) =>
      new Promise<void>((resolve, reject) => {
        const msg = Buffer.alloc(8);
        msg[0] = 4;
        msg[1] = down ? 1 : 0;
        msg.writeUInt32BE(keysym >>> 0, 4);
        socket.write(msg, (e) => (e ? reject(e) : resolve()));
      }),
    close: () => socket.destroy(),
  };
}

/** The TCP connection could not be made (nothing listens yet, say): `code` is the system's (ECONNREFUSED). */
export class RfbDialError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Connects and completes the handshake; rejects with RfbDialError, or with what the server said when it refuses. */
export async function connectRfb(o: RfbOptions): Promise<RfbConnection> {
  const socket = connect({ host: o.host, port: o.port });
  const onAbort = () => socket.destroy(new Error('cancelled'));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e: NodeJS.ErrnoException) => {
        const why = e.code === 'ECONNREFUSED' ? 'connection refused' : e.message;
        reject(new RfbDialError(`dial tcp ${o.host}:${o.port}: connect: ${why}`, e.code));
      });
    });
    socket.setNoDelay(true);
    return await handshake(socket, o);
  } catch (e) {
    socket.destroy();
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
