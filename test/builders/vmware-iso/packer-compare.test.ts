// Packer 1.6.6 itself, run against the same recording stand-in for VMware's tools: the same template built by
// Packer and by tsbuild makes the same calls to vmware-vdiskmanager, vmrun and ovftool, in the same order, and the
// same .vmx file (but for the cd_files CD-ROM, which tsbuild detaches at the end and Packer leaves pointing to a
// file it deleted). Packer reads VMware's network and licence files from /etc/vmware only: the test points it
// there (a symbolic link to the stand-in's, removed afterwards), so it runs only where /etc/vmware does not exist.

import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseVmx, type VmxData } from '../../../builders/vmware-iso/vmx-file.js';
import { runCli } from '../../support/cli.js';
import { needs, packer, type Need } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { mtools, xorriso } from '../../support/vmware-standin/needs.js';
import { makeTestKeys, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';
import { makeStandin, type Standin } from '../../support/vmware-standin/setup.js';

const ETC = '/etc/vmware';
const BASE = { type: 'vmware-iso', iso_url: 'installer.iso', iso_checksum: 'none', vm_name: 'vm', output_directory: 'out' };
/** /etc/vmware is missing, or is the link a run of this test left (killed before it could remove it). */
function etcIsFree(): boolean {
  try {
    if (!lstatSync(ETC).isSymbolicLink() || !readlinkSync(ETC).includes('tsbuild-vmware-standin-')) return false;
    rmSync(ETC);
    return true;
  } catch {
    return !existsSync(ETC);
  }
}
const etcFree: Need = {
  what: 'no /etc/vmware on this machine, and root (Packer reads VMware\'s files there; the test links it to the stand-in\'s for the run)',
  install: 'run the test as root on a machine without VMware (CI does)',
  present: process.getuid?.() === 0 && etcIsFree(),
};
const ready: Need = {
  what: [packer, mtools, xorriso, etcFree].filter((n) => !n.present).map((n) => n.what).join('; ') || 'Packer, mtools, xorriso',
  install: [packer, mtools, xorriso, etcFree].filter((n) => !n.present).map((n) => n.install).join('; ') || '-',
  present: [packer, mtools, xorriso, etcFree].every((n) => n.present),
};

// The same lines (the builder's; configuration warnings come before them), but for xorriso's chatter Packer
// passes on, the CD-ROM tsbuild detaches too, and the ovftool command line Packer leaves empty.
const lines = (out: string) =>
  out
    .split('\n')
    .filter((l) => /^(==>|    )[ ]?vmware-iso: /.test(l) && !/xorriso|Drive current|Media|Added to ISO|ISO image produced|Written to medium|Writing to|Detaching ISO from CD-ROM device ide1|Executing: ovftool/.test(l))
    .map((l) => l.replace(/shell script: \/tmp\/\S*packer-shell\d+/, 'shell script: <temporary script>'));

needs(ready).describe('vmware-iso compared with Packer 1.6.6 on the stand-in', () => {
  let standin: Standin;
  let dir: string;
  let keys: TestKeys;
  let sshd: TestSshd;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    standin = makeStandin();
    writeFileSync(join(standin.dir, 'etc-vmware', 'license-ws-standin'), '');
    symlinkSync(join(standin.dir, 'etc-vmware'), ETC);
    dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-packer-'));
  });
  afterAll(async () => {
    rmSync(ETC, { force: true });
    await sshd?.stop();
    if (keys) rmSync(keys.dir, { recursive: true, force: true });
    standin?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Builds `template` in a folder of its own with `program` (tsbuild unless given); its calls and final .vmx. */
  async function buildWith(name: string, template: object, program?: string, fault: Record<string, string> = {}): Promise<{ calls: string[]; vmx: VmxData; out: string }> {
    const work = join(dir, name);
    mkdirSync(join(work, 'files'), { recursive: true });
    writeFileSync(join(work, 'installer.iso'), 'not really an ISO\n');
    writeFileSync(join(work, 'files', 'ks.cfg'), 'kickstart\n');
    writeFileSync(join(work, 't.json'), JSON.stringify(template));
    writeFileSync(join(standin.dir, 'calls.log'), '');
    const r = await runCli(['build', '-color=false', 't.json'], { cwd: work, env: standin.env({ CHECKPOINT_DISABLE: '1', ...fault }), ...(program ? { program } : {}) } as never);
    expect(r.code, r.stdout + r.stderr).toBe(Object.keys(fault).length > 0 ? 1 : 0);
    const vmxFile = join(work, 'out', 'vm.vmx');
    const vmx = existsSync(vmxFile) ? parseVmx(readFileSync(vmxFile, 'utf8')) : {};
    for (const k of Object.keys(vmx)) if (k.startsWith('ide1:0.')) delete vmx[k];
    return { calls: standin.calls().map((c) => c.join(' ')), vmx, out: r.stdout.replaceAll(work, '<work>') };
  }

  needs(ready).it('makes the same calls and the same .vmx file', async () => {
    const template = {
      builders: [
        {
          ...BASE,
          headless: true,
          disable_vnc: true,
          communicator: 'none',
          floppy_files: ['files/ks.cfg'],
          cd_files: ['files'],
          guest_os_type: 'ubuntu-64',
          disk_size: 2048,
          disk_additional_size: [100, 200],
          disk_adapter_type: 'lsilogic',
          cpus: 2,
          cores: 2,
          memory: 1024,
          network_adapter_type: 'vmxnet3',
          sound: true,
          serial: 'FILE:/tmp/serial.log',
          parallel: 'AUTO:bi',
          vmx_data: { 'cpuid.coresPerSocket': '1' },
          vmx_data_post: { memsize: '4096' },
          vmx_remove_ethernet_interfaces: true,
          format: 'ova',
        },
      ],
    };
    const theirs = await buildWith('packer', template, PACKER);
    const ours = await buildWith('tsbuild', template);
    expect(ours.calls).toEqual(theirs.calls);
    expect(ours.vmx).toEqual(theirs.vmx);
    expect(ours.out).toContain('--> vmware-iso: VM files in directory: out');
    expect(lines(ours.out)).toEqual(lines(theirs.out));
    expect(theirs.out).toContain('--> vmware-iso: VM files in directory: out');
  }, 180_000);

  needs(ready).it("fails as Packer does when vmrun cannot start the machine, with VMware's message", async () => {
    const template = { builders: [{ ...BASE, headless: true, disable_vnc: true, communicator: 'none' }] };
    const fault = { VMWARE_STANDIN_FAIL_START: 'Unknown error: the licence has expired' };
    const theirs = await buildWith('packer-fail', template, PACKER, fault);
    const ours = await buildWith('tsbuild-fail', template, undefined, fault);
    const failure = (out: string) => out.slice(out.indexOf('--> vmware-iso: Error starting VM'), out.indexOf('==> Builds finished')).trim();
    expect(failure(ours.out)).toEqual(failure(theirs.out));
    expect(failure(ours.out)).toContain("VMware error: Error: Unknown error: the licence has expired\n\nPacker detected a VMware 'Unknown Error'.");
    expect(ours.calls).toEqual(theirs.calls);
    expect(existsSync(join(dir, 'tsbuild-fail', 'out'))).toBe(false);
  }, 180_000);

  needs(ready).it('finds the machine in the DHCP leases, connects, provisions and shuts it down as Packer does', async () => {
    const vmx = join(dir, '<work>', 'out', 'vm.vmx');
    const template = (work: string) => ({
      builders: [
        {
          ...BASE,
          disable_vnc: true,
          disk_adapter_type: 'sata',
          cdrom_adapter_type: 'ide',
          network: 'hostonly',
          display_name: 'Shown',
          usb: true,
          serial: 'PIPE:/tmp/pipe,server,vm,true',
          parallel: 'DEVICE:/dev/lp0',
          skip_compaction: true,
          ssh_username: 'root',
          ssh_port: sshd.port,
          ssh_private_key_file: keys.key,
          ssh_timeout: '30s',
          shutdown_command: standin.poweroffCommand(vmx.replace('<work>', work)),
        },
      ],
      provisioners: [{ type: 'shell', inline: ['echo provisioned'] }],
    });
    mkdirSync(join(standin.dir, 'etc-vmware', 'vmnet1', 'dhcpd'), { recursive: true });
    writeFileSync(join(standin.dir, 'etc-vmware', 'vmnet1', 'dhcpd', 'dhcpd.conf'), 'host vmnet1 {\n\thardware ethernet 00:50:56:C0:00:01;\n\tfixed-address 172.16.1.1;\n}\n');
    const theirs = await buildWith('packer-ssh', template('packer-ssh'), PACKER);
    const ours = await buildWith('tsbuild-ssh', template('tsbuild-ssh'));
    const collapse = (calls: string[]) => calls.filter((c, i) => !c.endsWith(' list') || calls[i - 1] !== c);
    expect(collapse(ours.calls)).toEqual(collapse(theirs.calls));
    expect(ours.vmx).toEqual(theirs.vmx);
    expect(theirs.out).toContain('vmware-iso: provisioned');
    expect(lines(ours.out)).toEqual(lines(theirs.out));
    expect(ours.out).toContain('vmware-iso: provisioned');
  }, 180_000);
});
