// A project folder for qemu builder tests: the tiny ISO (test/support/tiny-iso), an SSH key the guest fetches from
// http_directory through the kernel command line typed at GRUB's prompt, and a template around them.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyIso } from '../../support/qemu.js';

export interface QemuProject {
  dir: string;
  iso: string;
  sha256: string;
  /** Writes main.pkr.hcl with a `source "qemu" "tiny"` of these extra lines (replacing the defaults of the same name). */
  template(extra?: Record<string, string>, build?: string): void;
}

/** Typed at GRUB's prompt (`c`): boots the kernel with the URL of the key on its command line. One line: see build.sh. */
// Keys are typed 50 ms apart: QEMU's PS/2 queue holds a few keys only, and a guest slowed by a loaded host under
// TCG drops what comes faster.
export const BOOT_COMMAND = 'c<wait>linux /boot/vmlinuz console=ttyS0 tsbuild.key=http://{{.HTTPIP}}:{{.HTTPPort}}/key; initrd /boot/initrd.gz; boot<enter>';

export function qemuProject(): QemuProject {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-qemu-'));
  const iso = tinyIso();
  const sha256 = createHash('sha256').update(readFileSync(iso)).digest('hex');
  mkdirSync(join(dir, 'http'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
  writeFileSync(join(dir, 'http', 'key'), readFileSync(join(dir, 'key.pub')));
  return {
    dir,
    iso,
    sha256,
    template: (extra = {}, build = '') => {
      const options: Record<string, string> = {
        iso_url: JSON.stringify(iso),
        iso_checksum: JSON.stringify(`sha256:${sha256}`),
        accelerator: '"tcg"',
        memory: '256',
        disk_size: '"64M"',
        net_device: '"e1000"',
        headless: 'true',
        http_directory: '"http"',
        boot_wait: '"1s"',
        boot_key_interval: '"50ms"',
        boot_command: JSON.stringify([BOOT_COMMAND]),
        ssh_username: '"root"',
        ssh_private_key_file: '"key"',
        ssh_timeout: '"3m"',
        ssh_handshake_attempts: '1000',
        shutdown_command: '"poweroff"',
        ...extra,
      };
      const body = Object.entries(options)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `  ${k} = ${v}`)
        .join('\n');
      writeFileSync(join(dir, 'main.pkr.hcl'), `source "qemu" "tiny" {\n${body}\n}\nbuild {\n  sources = ["source.qemu.tiny"]\n${build}\n}\n`);
    },
  };
}
