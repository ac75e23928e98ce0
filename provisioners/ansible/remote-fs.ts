// File-system questions about the target, asked through the communicator with POSIX shell commands
// (coreutils or busybox): what the adapter's SFTP and scp servers need besides upload and download.

import { posix } from 'node:path';
import type { Communicator } from '../../src/plugin/communicator.js';

export interface RemoteStat {
  /** st_mode: type and permission bits. */
  mode: number;
  size: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
}

/** Single-quotes a word for /bin/sh. */
export function quote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

export interface ShellResult {
  code: number;
  stdout: string[];
  stderr: string;
}

/** Runs `command` through the communicator and collects what it prints. */
export async function shell(comm: Communicator, command: string, signal: AbortSignal): Promise<ShellResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { exitCode } = await comm.run(command, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), signal });
  return { code: exitCode, stdout, stderr: stderr.join('\n') };
}

/** Runs `command`; throws with its error output when it fails. */
export async function mustShell(comm: Communicator, command: string, signal: AbortSignal): Promise<string[]> {
  const r = await shell(comm, command, signal);
  if (r.code !== 0) throw new Error(r.stderr || `${command}: exit status ${r.code}`);
  return r.stdout;
}

const STAT_FORMAT = `'%f %s %u %g %X %Y %n'`;

/** Parses a line printed with STAT_FORMAT: hex mode, size, uid, gid, atime, mtime, then the name. */
function parseStat(line: string): { stat: RemoteStat; name: string } | undefined {
  const m = /^([0-9a-f]+) (\d+) (\d+) (\d+) (\d+) (\d+) (.*)$/.exec(line.trim());
  if (!m) return undefined;
  const [, mode, size, uid, gid, atime, mtime, name] = m;
  return { stat: { mode: parseInt(mode!, 16), size: Number(size), uid: Number(uid), gid: Number(gid), atime: Number(atime), mtime: Number(mtime) }, name: name! };
}

/** `stat` (following links unless `lstat`) of `path`, or undefined when nothing is there. */
export async function remoteStat(comm: Communicator, path: string, signal: AbortSignal, lstat = false): Promise<RemoteStat | undefined> {
  const r = await shell(comm, `stat ${lstat ? '' : '-L '}-c ${STAT_FORMAT} -- ${quote(path)}`, signal);
  return r.code === 0 && r.stdout[0] ? parseStat(r.stdout[0])?.stat : undefined;
}

/** The entries of the folder `path` (with `.` and `..`), or undefined when it cannot be listed. */
export async function remoteList(comm: Communicator, path: string, signal: AbortSignal): Promise<{ stat: RemoteStat; name: string }[] | undefined> {
  const r = await shell(comm, `cd -- ${quote(path)} && stat -c ${STAT_FORMAT} -- . .. * .[!.]* ..?* 2>/dev/null; true`, signal);
  if (r.code !== 0) return undefined;
  return r.stdout.map(parseStat).filter((e) => e !== undefined);
}

export const isDirMode = (mode: number) => (mode & 0o170000) === 0o040000;

/** Resolves `path` against `home` and removes `.`, `..` and repeated slashes (without asking the target about links). */
export function absolutePath(path: string, home: string): string {
  const p = path === '' || path === '.' ? home : path.startsWith('~/') ? posix.join(home, path.slice(2)) : path === '~' ? home : path;
  return posix.normalize(posix.isAbsolute(p) ? p : posix.join(home, p)).replace(/(.)\/+$/, '$1');
}

/** The login folder of the communicator's user. */
export async function remoteHome(comm: Communicator, signal: AbortSignal): Promise<string> {
  const r = await shell(comm, 'cd && pwd', signal);
  return (r.code === 0 && r.stdout[0]?.startsWith('/') ? r.stdout[0] : '/').trim();
}
