// The recording stand-in for VMware's tools (standin.mjs): a folder for its state and log, the PATH that puts its
// tools first, VMware's network files for the NAT network (vmnet8: the host at 10.0.2.2, QEMU's user network's
// gateway, so {{.HTTPIP}} is where the guest reaches the build's HTTP server), and the calls made so far.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STANDIN_BIN = join(import.meta.dirname, 'bin');
export const STANDIN_SCRIPT = join(import.meta.dirname, 'standin.mjs');

export interface Standin {
  dir: string;
  /** The environment a build runs with: PATH, VMWARE_STANDIN_DIR, TSBUILD_VMWARE_CONFIG_DIR, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Each call so far: the tool, then its arguments. */
  calls(): string[][];
  /** The shell command that powers the machine off from inside (what a guest's `shutdown` does). */
  poweroffCommand(vmx: string): string;
  remove(): void;
}

export function makeStandin(): Standin {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-standin-'));
  const etc = join(dir, 'etc-vmware');
  mkdirSync(join(etc, 'vmnet8', 'dhcpd'), { recursive: true });
  writeFileSync(join(etc, 'netmap.conf'), 'network0.name = "Bridged"\nnetwork0.device = "vmnet0"\nnetwork1.name = "HostOnly"\nnetwork1.device = "vmnet1"\nnetwork8.name = "NAT"\nnetwork8.device = "vmnet8"\n');
  writeFileSync(
    join(etc, 'vmnet8', 'dhcpd', 'dhcpd.conf'),
    'allow unknown-clients;\nsubnet 10.0.2.0 netmask 255.255.255.0 {\n\trange 10.0.2.15 10.0.2.254;\n}\nhost vmnet8 {\n\thardware ethernet 00:50:56:C0:00:08;\n\tfixed-address 10.0.2.2;\n}\n',
  );
  writeFileSync(join(dir, 'calls.log'), '');
  return {
    dir,
    env: (extra = {}) => ({ PATH: `${STANDIN_BIN}:${process.env.PATH}`, VMWARE_STANDIN_DIR: dir, TSBUILD_VMWARE_CONFIG_DIR: etc, TSBUILD_VMWARE_ISO_IMAGES: join(dir, 'isoimages'), ...extra }),
    calls: () =>
      readFileSync(join(dir, 'calls.log'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[]),
    poweroffCommand: (vmx) => `VMWARE_STANDIN_DIR=${dir} ${process.execPath} ${STANDIN_SCRIPT} guest-poweroff ${vmx}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A template with one vmware-iso source "x" (installer.iso, no checksum, machine "vm" in out/, headless, no VNC) and
 * `extra` lines, and `build` lines (provisioners) in its build block.
 */
export function standinTemplate(extra = '', build = ''): string {
  return `source "vmware-iso" "x" {
  iso_url          = "installer.iso"
  iso_checksum     = "none"
  vm_name          = "vm"
  output_directory = "out"
  headless         = true
  disable_vnc      = true
${extra}}
build {
  sources = ["source.vmware-iso.x"]
${build}}
`;
}
