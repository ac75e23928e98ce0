// A real OpenSSH server for tests: Debian's sshd on a loopback port, with generated host and user keys, an
// authorized_keys file, a certificate authority, and password authentication for a test user. Runs as root
// (CI runs as root); scripts/setup-ssh.sh installs openssh-server. Tests fail (never skip) when it is missing.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processGone, waitFor } from './wait.js';

export const SSHD = '/usr/sbin/sshd';
/** A local account with a password, made once on the machine (root's password is never touched). */
export const PASSWORD_USER = 'tsbuildtest';
export const PASSWORD = 'tsbuild-Test-pw1';

/** Key files of the test client, made once per test file. */
export interface TestKeys {
  dir: string;
  /** ed25519 key in authorized_keys for root and the test user. */
  key: string;
  /** rsa key in authorized_keys. */
  rsaKey: string;
  /** A key nobody trusts. */
  strangerKey: string;
  /** A key not in authorized_keys, with a certificate (`certKey-cert.pub`) signed by the server's trusted CA. */
  certKey: string;
  cert: string;
  /** CA public key, trusted by the servers. */
  caPub: string;
}

export interface TestSshd {
  host: string;
  port: number;
  dir: string;
  keys: TestKeys;
  /** The listener's pid. */
  pid(): number;
  /** sshd's log so far (LogLevel VERBOSE). */
  log(): string;
  /** Drops every open connection (the processes serving them), as a network failure or reboot would. */
  dropConnections(): void;
  /** A shell command that "reboots" this server: stops it and every connection, then starts it again after `seconds`. */
  rebootCommand(seconds: number): string;
  /** Stops the server and its connections and removes its folder. */
  stop(): Promise<void>;
}

function keygen(args: string[]): void {
  execFileSync('ssh-keygen', ['-q', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Generates the client keys and the CA, and signs the certificate key for root and the test user. */
export function makeTestKeys(): TestKeys {
  if (!existsSync(SSHD)) throw new Error(`No OpenSSH server at ${SSHD}: run "sudo bash scripts/setup-ssh.sh" first`);
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ssh-keys-'));
  const p = (n: string) => join(dir, n);
  keygen(['-t', 'ed25519', '-N', '', '-f', p('id_ed25519'), '-C', 'tsbuild-test']);
  keygen(['-t', 'rsa', '-b', '2048', '-N', '', '-f', p('id_rsa')]);
  keygen(['-t', 'ed25519', '-N', '', '-f', p('stranger')]);
  keygen(['-t', 'ed25519', '-N', '', '-f', p('ca')]);
  keygen(['-t', 'ed25519', '-N', '', '-f', p('certkey')]);
  keygen(['-s', p('ca'), '-I', 'tsbuild-test', '-n', `root,${PASSWORD_USER}`, '-V', '-5m:+1d', p('certkey.pub')]);
  return { dir, key: p('id_ed25519'), rsaKey: p('id_rsa'), strangerKey: p('stranger'), certKey: p('certkey'), cert: p('certkey-cert.pub'), caPub: p('ca.pub') };
}

/** Makes the password user when missing and sets its password (idempotent). */
function ensurePasswordUser(): void {
  try {
    execFileSync('id', [PASSWORD_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/sh', PASSWORD_USER], { stdio: 'ignore' });
  }
  execFileSync('chpasswd', [], { input: `${PASSWORD_USER}:${PASSWORD}\n` });
}

function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function writeConfig(dir: string, port: number, keys: TestKeys, extra: string[]): string {
  const authorized = [readFileSync(`${keys.key}.pub`, 'utf8'), readFileSync(`${keys.rsaKey}.pub`, 'utf8')].join('');
  writeFileSync(join(dir, 'authorized_keys'), authorized, { mode: 0o600 });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')} .ssh/authorized_keys`,
    `TrustedUserCAKeys ${keys.caPub}`,
    'PermitRootLogin yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'AllowTcpForwarding yes',
    'AllowAgentForwarding yes',
    'AcceptEnv *',
    'MaxStartups 200',
    'MaxSessions 200',
    'LogLevel VERBOSE',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    // The server stands for a fresh machine, but its accounts are this machine's: bash, root's login shell, reads
    // root's ~/.bashrc for every command sshd runs unless it thinks it is nested (SHLVL set), and a developer's
    // ~/.bashrc can take seconds (pyenv init) and change PATH. A fresh machine's is empty.
    'SetEnv SHLVL=1',
    ...extra,
  ];
  const path = join(dir, 'sshd_config');
  writeFileSync(path, config.join('\n') + '\n');
  return path;
}

/** Starts sshd on a free loopback port; `extra` adds sshd_config lines. */
export async function startSshd(keys: TestKeys, extra: string[] = []): Promise<TestSshd> {
  ensurePasswordUser();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-sshd-'));
  keygen(['-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  const logPath = join(dir, 'sshd.log');
  let child: ChildProcess | undefined;
  let port = 0;
  let config = '';
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  for (let attempt = 0; attempt < 20 && !child; attempt++) {
    port = 20000 + Math.floor(Math.random() * 40000);
    config = writeConfig(dir, port, keys, extra);
    const c = spawn(SSHD, ['-D', '-e', '-f', config, '-E', logPath], { stdio: 'ignore' });
    // sshd says so once it listens; it exits when the port is taken (another one is tried then).
    const listening = `Server listening on 127.0.0.1 port ${port}.`;
    const outcome = await waitFor(() => (log().includes(listening) ? 'up' : c.exitCode !== null || c.signalCode !== null ? 'exited' : undefined), {
      what: `sshd to listen on 127.0.0.1:${port}`,
    }).catch((e: Error) => {
      killQuietly(c.pid!);
      throw new Error(`${e.message}; its log:\n${log()}`);
    });
    if (outcome === 'up') child = c;
  }
  if (!child) throw new Error(`sshd did not start: ${log() || 'no log'}`);
  const listener = child;
  const pidFile = join(dir, 'sshd.pid');
  const currentPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : listener.pid!);
  const reboot = join(dir, 'reboot.sh');
  // The restarted server runs detached (not under -D), so it writes its pid file; stop() reads it.
  writeFileSync(
    reboot,
    [
      '#!/bin/sh',
      `L=$(cat ${pidFile} 2>/dev/null || echo ${listener.pid})`,
      'KIDS=$(ps -o pid= --ppid "$L")',
      'kill "$L"; kill $KIDS',
      'sleep "$1"',
      `${SSHD} -f ${config} -E ${logPath}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    host: '127.0.0.1',
    port,
    dir,
    keys,
    pid: currentPid,
    log,
    dropConnections: () => {
      for (const pid of childPids(currentPid())) killQuietly(pid, 'SIGKILL');
    },
    rebootCommand: (seconds) => `setsid nohup sh ${reboot} ${seconds} >/dev/null 2>&1 < /dev/null &`,
    stop: async () => {
      const pid = currentPid();
      const all = [...childPids(pid), pid, listener.pid!];
      for (const p of all) killQuietly(p);
      // Gone before their folder is: sshd writes its log and pid file there.
      await waitFor(() => all.every(processGone), { what: `sshd (pid ${pid}) and its sessions to exit` });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts an ssh-agent holding `keys`; returns its socket and a stop function. */
export async function startAgent(keys: string[]): Promise<{ socket: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-agent-'));
  const socket = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  await waitFor(() => existsSync(socket) || agent.exitCode !== null, { what: `ssh-agent to listen on ${socket}` });
  if (!existsSync(socket)) throw new Error(`ssh-agent exited (status ${agent.exitCode}) without listening on ${socket}`);
  for (const k of keys) execFileSync('ssh-add', [k], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
  return {
    socket,
    stop: () => {
      killQuietly(agent.pid!);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A template whose null source provisions the test server over SSH as root; `body` goes in the build block. */
export function nullSshTemplate(sshd: TestSshd, body: string, extra = ''): string {
  return `source "null" "t" {
  communicator         = "ssh"
  ssh_host             = "${sshd.host}"
  ssh_port             = ${sshd.port}
  ssh_username         = "root"
  ssh_private_key_file = "${sshd.keys.key}"
  ssh_timeout          = "30s"
${extra}}
build {
  sources = ["source.null.t"]
${body}
}
`;
}
