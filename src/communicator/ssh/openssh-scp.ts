// Large uploads through the OpenSSH `scp` program, on request (TSBUILD_SSH_OPENSSH=1): bench/ssh-upload.sh
// measured ssh2's scp protocol at 1.1-1.2 times the `scp` program's throughput on loopback, so ssh2 is the
// default. Used only when the login is a key (file, temporary key or agent) on a direct connection.

import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tempDirOf } from '../../util/temp-dir.js';
import { delimiter, join } from 'node:path';
import { CancelledError, whenAborted } from '../../engine/cancel.js';
import type { SshSettings } from './config.js';
import { shellQuote } from './exec.js';

/** Files from this size up go through OpenSSH's scp. */
export const OPENSSH_MIN_SIZE = 32 * 1024 * 1024;

/** The scp program on PATH, or undefined. */
export async function findScp(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  if (env.TSBUILD_SSH_OPENSSH !== '1') return undefined;
  for (const dir of (env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const path = join(dir, 'scp');
    if (await access(path, constants.X_OK).then(() => true, () => false)) return path;
  }
  return undefined;
}

/** Whether OpenSSH can log in the same way as the communicator, with no prompt. */
export function canUseOpenSsh(s: SshSettings, env: Readonly<Record<string, string | undefined>>): boolean {
  if (s.bastion || s.proxy) return false;
  return Boolean(s.privateKeyFile || s.privateKey || (s.agentAuth && env.SSH_AUTH_SOCK));
}

/** Uploads one file with `scp -O` (the scp protocol, as the communicator's). */
export async function opensshUpload(scp: string, s: SshSettings, env: Readonly<Record<string, string | undefined>>, localPath: string, remotePath: string, signal: AbortSignal): Promise<void> {
  let tempDir: string | undefined;
  let keyFile = s.privateKeyFile;
  if (!keyFile && s.privateKey) {
    tempDir = await mkdtemp(join(tempDirOf(env), 'tsbuild-scp-'));
    keyFile = join(tempDir, 'key');
    await writeFile(keyFile, s.privateKey.endsWith('\n') ? s.privateKey : `${s.privateKey}\n`, { mode: 0o600 });
  }
  const args = [
    '-O', '-q', '-B', '-P', String(s.port),
    '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', `ConnectTimeout=${Math.max(1, Math.ceil(s.timeoutMs / 1000))}`,
    ...(keyFile ? ['-i', keyFile, '-o', 'IdentitiesOnly=yes'] : []),
    ...(s.certificateFile ? ['-o', `CertificateFile=${s.certificateFile}`] : []),
    ...(s.keepAliveMs > 0 ? ['-o', `ServerAliveInterval=${Math.max(1, Math.round(s.keepAliveMs / 1000))}`] : []),
    '--', localPath, `${s.username}@[${s.host}]:${shellQuote(remotePath)}`,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new CancelledError());
      const child = spawn(scp, args, { env: { ...env, SSH_ASKPASS: '', DISPLAY: '' } as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const stopListening = whenAborted(signal, () => child.kill('SIGTERM'));
      child.on('error', reject);
      child.on('close', (code) => {
        stopListening();
        if (signal.aborted) reject(new CancelledError());
        else if (code === 0) resolve();
        else reject(new Error(`scp: uploading to ${remotePath}: ${stderr.trim() || `exit status ${code}`}`));
      });
    });
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}
