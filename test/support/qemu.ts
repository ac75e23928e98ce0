// QEMU for the ISO builders' tests: the tiny bootable ISO (test/support/tiny-iso/build.sh) and VMs started
// under TCG with a VNC server on loopback, a serial log, and SSH forwarded from a loopback port.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Need } from './needs.js';
import { canConnect, processGone, waitFor } from './wait.js';

const onPath = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const BUILD_SCRIPT = join(import.meta.dirname, 'tiny-iso', 'build.sh');

export const qemuIso: Need = {
  what: "qemu-system-x86_64 and what the tiny test ISO is built from (Debian's kernel, busybox, dropbear, GRUB, xorriso)",
  install:
    'as root on Debian: apt-get install --no-install-recommends qemu-system-x86 qemu-utils grub-pc-bin grub-common xorriso mtools cpio dropbear-bin openssh-client busybox-static linux-image-amd64 (scripts/test-all.sh does it)',
  present:
    onPath('qemu-system-x86_64') &&
    ['grub-mkrescue', 'xorriso', 'mformat', 'cpio'].every(onPath) &&
    existsSync('/usr/lib/grub/i386-pc') &&
    existsSync('/usr/sbin/dropbear') &&
    existsSync('/usr/bin/scp') &&
    existsSync('/bin/busybox') &&
    existsSync('/boot') &&
    readdirSync('/boot').some((n) => n.startsWith('vmlinuz-')),
};

/** The tiny ISO's path: built on first use, then taken from the cache. */
export function tinyIso(): string {
  return execFileSync('bash', [BUILD_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A free loopback TCP port at or above `min` (VNC displays are ports from 5900). */
export async function freePortFrom(min: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = min + Math.floor(Math.random() * 2000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${min}`);
}

export interface TestVm {
  vncPort: number;
  sshPort: number;
  /** The serial console so far. */
  serial(): string;
  /** Waits until `text` shows on the serial console. */
  waitSerial(text: string, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface VmOptions {
  iso: string;
  /** VNC Authentication with this password; none when unset. */
  vncPassword?: string;
  /** Starts the VM paused (-S): a VNC server with nothing running, for handshake tests. */
  paused?: boolean;
  /** The VNC server's port (from 5900); a free one unless given. */
  vncPort?: number;
}

export async function startVm(o: VmOptions): Promise<TestVm> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-qemu-'));
  const vncPort = o.vncPort ?? (await freePortFrom(5900 + 100));
  const sshPort = await freePortFrom(20000);
  const serialFile = join(dir, 'serial.log');
  const vnc = `127.0.0.1:${vncPort - 5900}${o.vncPassword !== undefined ? ',password-secret=vncpw' : ''}`;
  const args = [
    '-accel', 'tcg', '-m', '256', '-cdrom', o.iso, '-boot', 'd',
    '-vnc', vnc,
    ...(o.vncPassword !== undefined ? ['-object', `secret,id=vncpw,data=${o.vncPassword}`] : []),
    '-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${sshPort}-:22`, '-device', 'e1000,netdev=n0',
    '-serial', `file:${serialFile}`, '-monitor', 'none',
    ...(o.paused ? ['-S'] : []),
  ];
  const child: ChildProcess = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const serial = () => (existsSync(serialFile) ? readFileSync(serialFile, 'latin1') : '');
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const vm: TestVm = {
    vncPort,
    sshPort,
    serial,
    waitSerial: async (text, timeoutMs) => {
      await waitFor(
        () => {
          if (exited()) throw new Error(`QEMU exited: ${stderr}`);
          return serial().includes(text);
        },
        { what: `${JSON.stringify(text)} on the VM's serial console (so far: ${serial().slice(-400)})`, timeoutMs, intervalMs: 200 },
      );
    },
    stop: async () => {
      if (!exited() && child.pid) {
        child.kill('SIGTERM');
        await waitFor(() => processGone(child.pid!), { what: 'QEMU to stop' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await waitFor(
    () => {
      if (exited()) throw new Error(`QEMU exited: ${stderr}`);
      return canConnect(vncPort);
    },
    { what: `QEMU's VNC server on 127.0.0.1:${vncPort}` },
  );
  return vm;
}
