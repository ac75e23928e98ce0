// File transfer with the scp protocol over an exec channel (`scp -t` to upload, `scp -f` to download), as
// Packer's SSH communicator does. Folder rules follow the docker communicator: a source ending in `/` copies
// its contents; otherwise the folder goes into an existing destination folder, or becomes the destination.

import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { once } from 'node:events';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError, whenAborted } from '../../engine/cancel.js';
import type { ChannelEnd } from './channel-end.js';
import { ChannelReader } from './channel-reader.js';
import { openExec, shellQuote } from './exec.js';
import { downloadTarget } from './paths.js';

const CHUNK = 1024 * 1024;

/** An scp session: the channel, its end, its output reader, and what scp said on stderr. */
interface ScpSession {
  ch: ClientChannel;
  end: ChannelEnd;
  reader: ChannelReader;
  stderr: () => string;
  /** What the session does, for its errors: "uploading to /tmp/x". */
  what: string;
}

async function openScp(client: Client, command: string, what: string, signal: AbortSignal): Promise<ScpSession> {
  if (signal.aborted) throw new CancelledError();
  const { ch, end } = await openExec(client, command);
  let stderr = '';
  ch.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  // A cancel that came while the channel opened closes it at once.
  const stopListening = whenAborted(signal, () => ch.close());
  void end.closed().then(stopListening);
  return { ch, end, reader: new ChannelReader(ch), stderr: () => stderr.trim(), what };
}

/** The session's failure: the lost connection first (what scp said then is beside the point), then scp's words. */
function scpError(session: ScpSession, what: string, detail?: string): Error {
  const reason = session.end.lostReason() || detail || session.stderr() || 'the connection ended';
  return new Error(`scp: ${what}: ${reason}`);
}

/** Reads scp's answer: 0 is OK, 1 a warning, 2 an error (each followed by a message line). */
async function expectAck(session: ScpSession, what: string): Promise<void> {
  const b = await session.reader.byte();
  if (b === 0) return;
  if (b === undefined) throw scpError(session, what);
  const msg = (await session.reader.line()) ?? '';
  throw scpError(session, what, msg.replace(/^scp: /, ''));
}

/** Writes to the channel, waiting for it to drain when its buffer is full; fails once the channel has ended. */
async function write(session: ScpSession, data: Buffer | string, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new CancelledError();
  if (session.end.ended) throw scpError(session, session.what);
  if (!session.ch.write(data)) await session.end.event(session.ch, 'drain');
}

async function finish(session: ScpSession, signal: AbortSignal): Promise<void> {
  session.ch.end();
  await session.end.closed();
  if (signal.aborted) throw new CancelledError();
  if (session.end.lostReason()) throw scpError(session, session.what);
}

async function sendFile(session: ScpSession, path: string, name: string, mode: number, size: number, signal: AbortSignal): Promise<void> {
  await write(session, `C${(mode & 0o7777).toString(8).padStart(4, '0')} ${size} ${name}\n`, signal);
  await expectAck(session, `uploading ${name}`);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) await write(session, chunk as Buffer, signal);
  await write(session, Buffer.from([0]), signal);
  await expectAck(session, `uploading ${name}`);
}

async function sendContent(session: ScpSession, content: Buffer, name: string, mode: number, signal: AbortSignal): Promise<void> {
  await write(session, `C${(mode & 0o7777).toString(8).padStart(4, '0')} ${content.length} ${name}\n`, signal);
  await expectAck(session, `uploading ${name}`);
  await write(session, content, signal);
  await write(session, Buffer.from([0]), signal);
  await expectAck(session, `uploading ${name}`);
}

async function sendEntries(session: ScpSession, dir: string, signal: AbortSignal): Promise<void> {
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const st = await stat(path);
    if (st.isDirectory()) await sendDir(session, path, name, st.mode, signal);
    else await sendFile(session, path, name, st.mode, st.size, signal);
  }
}

async function sendDir(session: ScpSession, path: string, name: string, mode: number, signal: AbortSignal): Promise<void> {
  await write(session, `D${(mode & 0o7777).toString(8).padStart(4, '0')} 0 ${name}\n`, signal);
  await expectAck(session, `uploading ${name}`);
  await sendEntries(session, path, signal);
  await write(session, 'E\n', signal);
  await expectAck(session, `uploading ${name}`);
}

/** `mkdir -p` of the destination's folder, then scp as the sink. */
function sinkCommand(parent: string, target: string, recursive: boolean): string {
  return `mkdir -p ${shellQuote(parent)} && scp ${recursive ? '-r ' : ''}-t ${shellQuote(target)}`;
}

/** Opens an scp sink for `target` and waits for its first answer. */
async function openSink(client: Client, parent: string, target: string, recursive: boolean, signal: AbortSignal): Promise<ScpSession> {
  const session = await openScp(client, sinkCommand(parent, target, recursive), `uploading to ${target}`, signal);
  await expectAck(session, session.what);
  return session;
}

export async function scpUpload(client: Client, localPath: string, remotePath: string, signal: AbortSignal): Promise<void> {
  const st = await stat(localPath);
  if (!st.isDirectory()) {
    const target = remotePath.endsWith('/') ? posix.join(remotePath, basename(localPath)) : remotePath;
    const session = await openSink(client, posix.dirname(target), target, false, signal);
    await sendFile(session, localPath, posix.basename(target), st.mode, st.size, signal);
    return finish(session, signal);
  }
  const dst = remotePath.replace(/(.)\/+$/, '$1');
  if (localPath.endsWith('/')) {
    const session = await openSink(client, dst, dst, true, signal);
    await sendEntries(session, localPath, signal);
    return finish(session, signal);
  }
  const session = await openSink(client, posix.dirname(dst), dst, true, signal);
  await sendDir(session, localPath, basename(localPath), st.mode, signal);
  return finish(session, signal);
}

export async function scpUploadContent(client: Client, content: Buffer, remotePath: string, mode: number, signal: AbortSignal): Promise<void> {
  const session = await openSink(client, posix.dirname(remotePath), remotePath, false, signal);
  await sendContent(session, content, posix.basename(remotePath), mode, signal);
  return finish(session, signal);
}

/** Downloads a file or folder with `scp -r -f`, acting as the sink. */
export async function scpDownload(client: Client, remotePath: string, localPath: string, signal: AbortSignal): Promise<void> {
  const src = remotePath.replace(/(.)\/+$/, '$1');
  const session = await openScp(client, `scp -r -f ${shellQuote(src)}`, `downloading ${remotePath}`, signal);
  const ack = () => write(session, Buffer.from([0]), signal);
  const dirs: string[] = [];
  let received = false;
  await ack();
  for (;;) {
    const line = await session.reader.line();
    if (line === undefined) break;
    const kind = line[0];
    if (kind === '\x01' || kind === '\x02') throw scpError(session, `downloading ${remotePath}`, line.slice(1).replace(/^scp: /, ''));
    if (kind === 'T') {
      await ack();
      continue;
    }
    if (kind === 'E') {
      dirs.pop();
      await ack();
      if (dirs.length === 0) break;
      continue;
    }
    const m = /^([CD])([0-7]{4}) (\d+) (.+)$/.exec(line);
    if (!m) throw scpError(session, `downloading ${remotePath}`, `unexpected message ${JSON.stringify(line)}`);
    const [, type, modeText, sizeText, name] = m;
    received = true;
    const target = dirs.length === 0 ? await downloadTarget(remotePath, localPath, name!) : join(dirs[dirs.length - 1]!, name!);
    if (type === 'D') {
      await mkdir(target, { recursive: true, mode: parseInt(modeText!, 8) });
      dirs.push(target);
      await ack();
      continue;
    }
    await ack();
    const out = createWriteStream(target, { mode: parseInt(modeText!, 8) });
    await session.reader.copy(Number(sizeText), async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'close');
    await expectAck(session, `downloading ${name}`);
    await ack();
    if (dirs.length === 0) break;
  }
  await finish(session, signal);
  if (!received) throw scpError(session, `downloading ${remotePath}`);
}
