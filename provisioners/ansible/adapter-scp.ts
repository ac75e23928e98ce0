// The legacy scp protocol (`scp -O`, or OpenSSH before 9.0) spoken by the adapter itself: `scp -t` (sink)
// receives files and uploads them through the communicator, `scp -f` (source) downloads them and sends them.
// The target needs no scp program (a docker image rarely has one).

import { createReadStream } from 'node:fs';
import { chmod, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ServerChannel } from 'ssh2';
import { ChannelReader } from '../../src/communicator/ssh/channel-reader.js';
import type { Communicator } from '../../src/plugin/communicator.js';
import { isDirMode, mustShell, quote, remoteStat } from './remote-fs.js';

export interface ScpRequest {
  mode: 'sink' | 'source';
  recursive: boolean;
  preserve: boolean;
  /** `-d`: the target must be a folder. */
  targetIsDir: boolean;
  paths: string[];
}

/** Splits a command line as /bin/sh would (quotes and backslashes; no expansions). */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end < 0 ? command.length : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      word ??= '';
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && '\\"$`'.includes(command[i + 1] ?? '')) i++;
        word += command[i];
      }
    } else if (c === '\\') {
      word = (word ?? '') + (command[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The scp request in an exec command (`scp [-v -r -p -d] -t|-f [--] path...`), or undefined for other commands. */
export function parseScp(command: string): ScpRequest | undefined {
  const words = splitWords(command);
  if (words.length < 2 || posix.basename(words[0]!) !== 'scp') return undefined;
  const flags = new Set<string>();
  let i = 1;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    if (words[i] === '--') {
      i++;
      break;
    }
    for (const f of words[i]!.slice(1)) flags.add(f);
  }
  if (flags.has('t') === flags.has('f')) return undefined;
  return { mode: flags.has('t') ? 'sink' : 'source', recursive: flags.has('r'), preserve: flags.has('p'), targetIsDir: flags.has('d'), paths: words.slice(i) };
}

interface ScpContext {
  comm: Communicator;
  work: string;
  signal: AbortSignal;
}

const ACK = Buffer.from([0]);

/** Waits for the peer's acknowledgement; its error line otherwise. */
async function readAck(reader: ChannelReader): Promise<void> {
  const b = await reader.byte();
  if (b === 0) return;
  if (b === undefined) throw new Error('scp: the connection ended');
  throw new Error((await reader.line()) ?? 'scp: protocol error');
}

/** Receives files (`scp -t`), uploading each through the communicator; resolves with the exit status. */
export async function scpSink(ch: ServerChannel, req: ScpRequest, o: ScpContext): Promise<number> {
  const reader = new ChannelReader(ch);
  const target = req.paths[0] ?? '.';
  const dir = await mkdtemp(join(o.work, 'scp-'));
  const dirs: string[] = [];
  let targetKind: Promise<boolean> | undefined;
  const targetIsDir = () => (targetKind ??= remoteStat(o.comm, target, o.signal).then((st) => st !== undefined && isDirMode(st.mode)));
  const destination = async (name: string) => (dirs.length ? posix.join(dirs.at(-1)!, name) : (await targetIsDir()) ? posix.join(target, name) : target);
  try {
    if (req.targetIsDir && !(await targetIsDir())) throw new Error(`scp: ${target}: Not a directory`);
    ch.write(ACK);
    for (let n = 0; ; n++) {
      const line = await reader.line();
      if (line === undefined || line === '') return 0;
      const kind = line[0];
      if (kind === 'T') {
        ch.write(ACK);
      } else if (kind === 'E') {
        dirs.pop();
        ch.write(ACK);
      } else if (kind === 'D') {
        const m = /^D([0-7]+) \d+ (.+)$/.exec(line);
        if (!m) throw new Error(`scp: protocol error: ${line}`);
        const path = await destination(m[2]!);
        await mustShell(o.comm, `mkdir -p -- ${quote(path)} && chmod ${m[1]} ${quote(path)}`, o.signal);
        dirs.push(path);
        ch.write(ACK);
      } else if (kind === 'C') {
        const m = /^C([0-7]+) (\d+) (.+)$/.exec(line);
        if (!m) throw new Error(`scp: protocol error: ${line}`);
        const path = await destination(m[3]!);
        const local = join(dir, `f${n}`);
        const fh = await open(local, 'w');
        ch.write(ACK);
        try {
          await reader.copy(Number(m[2]), async (chunk) => {
            await fh.write(chunk);
          });
        } finally {
          await fh.close();
        }
        await readAck(reader);
        await chmod(local, parseInt(m[1]!, 8) & 0o7777);
        await o.comm.upload(local, path, o.signal);
        await rm(local, { force: true });
        ch.write(ACK);
      } else if (kind === '\x01' || kind === '\x02') {
        throw new Error(line.slice(1));
      } else {
        throw new Error(`scp: protocol error: ${JSON.stringify(line)}`);
      }
    }
  } catch (e) {
    ch.write(`\x01${(e as Error).message.startsWith('scp:') ? '' : 'scp: '}${(e as Error).message}\n`);
    return 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `buf` to the channel, waiting while its buffer is full. */
async function send(ch: ServerChannel, buf: Buffer | string): Promise<void> {
  if (!ch.write(buf)) await new Promise<void>((r) => ch.once('drain', r));
}

/** Sends files (`scp -f`), downloading each through the communicator; resolves with the exit status. */
export async function scpSource(ch: ServerChannel, req: ScpRequest, o: ScpContext): Promise<number> {
  const reader = new ChannelReader(ch);
  const dir = await mkdtemp(join(o.work, 'scp-'));
  try {
    await readAck(reader);
    for (const [n, path] of req.paths.entries()) {
      const st = await remoteStat(o.comm, path, o.signal);
      if (!st) throw new Error(`scp: ${path}: No such file or directory`);
      if (isDirMode(st.mode)) throw new Error(`scp: ${path}: not a regular file`);
      if (req.preserve) {
        await send(ch, `T${st.mtime} 0 ${st.atime} 0\n`);
        await readAck(reader);
      }
      const local = join(dir, `f${n}`);
      await o.comm.download(path, local, o.signal);
      const size = (await stat(local)).size;
      await send(ch, `C${(st.mode & 0o7777).toString(8).padStart(4, '0')} ${size} ${posix.basename(path)}\n`);
      await readAck(reader);
      for await (const chunk of createReadStream(local)) await send(ch, chunk as Buffer);
      await send(ch, ACK);
      await readAck(reader);
      await rm(local, { force: true });
    }
    return 0;
  } catch (e) {
    if (ch.writable) ch.write(`\x01${(e as Error).message}\n`);
    return 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
