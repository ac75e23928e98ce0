// End to end under TCG: the real CLI builds the tiny ISO's VM: the boot command is typed at GRUB's prompt over VNC,
// the guest fetches its SSH key from http_directory, a shell provisioner writes to the virtio disk, the VM powers
// off, and the qcow2 disk holds the change.

import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs } from '../../support/needs.js';
import { qemuIso } from '../../support/qemu.js';
import { qemuProject, type QemuProject } from './project.js';

const MARK = 'written-by-the-tsbuild-provisioner';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Bytes `offset`..`offset + length` of the disk's content, read through qemu-img (any format). */
function diskBytes(p: QemuProject, disk: string, offset: number, length: number): string {
  const raw = join(p.dir, 'disk.raw');
  execFileSync('qemu-img', ['convert', '-O', 'raw', disk, raw]);
  return readFileSync(raw).subarray(offset, offset + length).toString('latin1');
}

needs(qemuIso).describe('qemu builder, end to end', () => {
  it(
    'boots the ISO, types the boot command, provisions over SSH, shuts down and writes a qcow2 disk with the change',
    async () => {
      const p = qemuProject();
      dirs.push(p.dir);
      p.template({}, `  provisioner "shell" {\n    inline = ["printf ${MARK} | dd of=/dev/vda bs=512 seek=1 conv=fsync"]\n  }`);
      const r = await runCli(['build', '-color=false', '.'], { cwd: p.dir, env: { TSBUILD_STATE_DIR: join(p.dir, 'state') } });
      const out = r.stdout + r.stderr;
      expect(r.code, out).toBe(0);
      expect(out).toContain('==> qemu.tiny: Typing the boot command over VNC...');
      expect(out).toContain('==> qemu.tiny: Connected to SSH!');
      expect(out).toContain('==> qemu.tiny: Gracefully halting virtual machine...');
      expect(out).toContain('--> qemu.tiny: VM files in directory: output-tiny');
      const disk = join(p.dir, 'output-tiny', 'packer-tiny');
      const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', disk], { encoding: 'utf8' })) as { format: string; 'virtual-size': number };
      expect(info.format).toBe('qcow2');
      expect(info['virtual-size']).toBe(64 * 1024 * 1024);
      expect(diskBytes(p, disk, 512, MARK.length)).toBe(MARK);
    },
    180_000,
  );

  it(
    'types the boot command through a password-protected VNC server; without a communicator, QEMU is told to quit; raw disk',
    async () => {
      const p = qemuProject();
      dirs.push(p.dir);
      p.template({ communicator: '"none"', shutdown_command: '', ssh_username: '', ssh_private_key_file: '', ssh_timeout: '', ssh_handshake_attempts: '', vnc_use_password: 'true', format: '"raw"', boot_command: '["c<wait>echo typed<enter>"]' });
      const r = await runCli(['build', '-color=false', '.'], { cwd: p.dir, env: { TSBUILD_STATE_DIR: join(p.dir, 'state') } });
      const out = r.stdout + r.stderr;
      expect(r.code, out).toBe(0);
      expect(out).toMatch(/connect via VNC to vnc:\/\/127\.0\.0\.1:\d+\n.*with the password: \S{8}/);
      expect(out).toContain('==> qemu.tiny: Typing the boot command over VNC...');
      expect(out).toContain('==> qemu.tiny: Halting the virtual machine...');
      expect(out).not.toContain('Converting hard drive');
      const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', join(p.dir, 'output-tiny', 'packer-tiny')], { encoding: 'utf8' })) as { format: string };
      expect(info.format).toBe('raw');
    },
    120_000,
  );
});
