// The qemu builder's options: Packer 1.6.6's checks and messages (compared with `packer validate` on the same
// templates), JSON's weak typing of "" values, options rejected by name, and the QEMU command line they make.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qemuCommandArgs, type RunTarget } from '../../../builders/qemu/args.js';
import { qemuConfig } from '../../../builders/qemu/config.js';
import { settingsOf } from '../../../builders/qemu/settings.js';
import { decodePlainConfig } from '../../../src/plugin/plain-config.js';
import { runCli, startCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-qemu-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const here = { cwd: dir, templateDir: dir, env: {} };
const base = { iso_url: 'x.iso', iso_checksum: 'none', communicator: 'none' };

function template(name: string, builder: Record<string, unknown>): string {
  writeFileSync(join(dir, name), JSON.stringify({ builders: [{ type: 'qemu', ...builder }] }));
  return name;
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Packer's error lines (`* message`), wrapped lines joined. */
function packerErrors(out: string): string[] {
  return flat(out)
    .split(' * ')
    .slice(1)
    .map((m) => m.trim());
}

const CASES: Record<string, Record<string, unknown>> = {
  'every enumeration wrong': {
    ...base,
    disk_size: 'abc',
    accelerator: 'foo',
    format: 'vmdk',
    disk_interface: 'sata',
    disk_cache: 'x',
    disk_discard: 'y',
    disk_detect_zeroes: 'z',
    vnc_port_min: 6000,
    vnc_port_max: 5900,
    host_port_min: 5000,
    host_port_max: 4000,
    use_backing_file: true,
    skip_resize_disk: true,
  },
  'disk image rules': { ...base, disk_image: true, disk_additional_size: ['1G'], format: 'raw', use_backing_file: true },
  'the older ssh_host_port names': { ...base, ssh_host_port_min: 5000, ssh_host_port_max: 4000 },
  'bad durations': { ...base, boot_wait: 'xx', shutdown_timeout: 'yy' },
};

describe('qemu configuration', () => {
  needs(packer).each(Object.keys(CASES))('reports what packer validate reports: %s', async (name) => {
    const file = template(`${name.replace(/\W+/g, '-')}.json`, CASES[name]!);
    const theirs = await startCli(['validate', file], { cwd: dir, program: PACKER, env: { CHECKPOINT_DISABLE: '1' } }).exited;
    const ours = await runCli(['validate', file], { cwd: dir });
    expect(theirs.code).toBe(1);
    expect(ours.code).toBe(1);
    const expected = packerErrors(theirs.stdout + theirs.stderr);
    expect(expected.length).toBeGreaterThan(0);
    for (const message of expected) expect(flat(ours.stdout + ours.stderr)).toContain(message);
  }, 60_000);

  it('accepts a valid template, with "" for numbers and bools as Packer\'s JSON decoding (zero, false: the defaults)', async () => {
    const file = template('empty-values.json', { ...base, memory: '', cpus: '', headless: '', disk_image: '' });
    const ours = await runCli(['validate', file], { cwd: dir });
    expect(ours.stdout + ours.stderr).toContain('The configuration is valid.');
    expect(ours.code).toBe(0);
  });

  it('rejects, by name, options it cannot honour; vnc_disable_password is unknown, as in Packer 1.6.6', async () => {
    const file = template('unsupported.json', { ...base, floppy_files: ['a'], cd_files: ['b'], cd_content: { '/x': 'y' }, net_bridge: 'br0' });
    const out = flat((await runCli(['validate', file], { cwd: dir })).stdout);
    for (const name of ['floppy_files', 'cd_files', 'cd_content', 'net_bridge']) expect(out).toContain(`Unsupported option ${name}`);
    expect(out).toContain('floppy_files: floppy disks are not supported by the qemu builder yet.');
    expect(out).toContain('cd_files: CD images made from files are not supported by the qemu builder yet.');
    const unknown = template('vnc-disable-password.json', { ...base, vnc_disable_password: true });
    expect(flat((await runCli(['validate', unknown], { cwd: dir })).stdout)).toContain(`unknown configuration key: '"vnc_disable_password"'`);
  });

  it('rejects a shutdown_command without a communicator to run it', () => {
    const r = decodePlainConfig(qemuConfig, { ...base, shutdown_command: 'poweroff' }, here);
    expect(r.diagnostics.map((d) => d.detail)).toEqual(['shutdown_command runs over the communicator: it cannot be used with communicator = "none"']);
  });
});

describe('the QEMU command line', () => {
  const target: RunTarget = { isoPath: '/isos/a.iso', diskPaths: ['/out/packer-a'], vncPort: 5907, hostPort: 3333, guestPort: 22, hostAddress: '127.0.0.1', httpIp: '10.0.2.2', httpPort: 8123 };
  const argsOf = (extra: Record<string, unknown>) => {
    const c = decodePlainConfig(qemuConfig, { ...base, communicator: 'ssh', ssh_username: 'root', accelerator: 'tcg', headless: true, ...extra }, here);
    expect(c.diagnostics).toEqual([]);
    return qemuCommandArgs(c.config, settingsOf(c.config, 'a', dir), target);
  };
  const pairs = (args: string[]) => args.map((a, i) => (a.startsWith('-') ? `${a} ${args[i + 1]?.startsWith('-') ? '' : (args[i + 1] ?? '')}`.trim() : undefined)).filter(Boolean);

  it("has Packer's defaults: boot once from the CD, the disk on virtio, user network with the SSH forward, VNC display", () => {
    expect(pairs(argsOf({}))).toEqual([
      '-boot once=d',
      '-name packer-a',
      '-machine type=pc,accel=tcg',
      '-netdev user,id=user.0,hostfwd=tcp:127.0.0.1:3333-:22',
      '-vnc 127.0.0.1:7',
      '-m 512M',
      '-display none',
      '-device virtio-net,netdev=user.0',
      '-drive file=/out/packer-a,if=virtio,cache=writeback,discard=ignore,format=qcow2',
      '-drive file=/isos/a.iso,index=0,media=cdrom',
    ]);
  });

  it('lets qemuargs replace a switch, render Packer\'s data, give a switch alone, and keeps the network device', () => {
    const args = argsOf({ cpus: 2, memory: 1024, qemuargs: [['-m', '2048M'], ['-device', 'virtio-rng-pci'], ['-no-reboot', ''], ['-smbios', 'type=1,serial=http://{{ .HTTPIP }}:{{ .HTTPPort }}/{{.Name}}-{{.SSHHostPort}}']] });
    const p = pairs(args);
    expect(p).toContain('-m 2048M');
    expect(p).not.toContain('-m 1024M');
    expect(p).toContain('-smp cpus=2,sockets=2');
    expect(p).toContain('-smbios type=1,serial=http://10.0.2.2:8123/packer-a-3333');
    expect(args).toContain('-no-reboot');
    expect(p.filter((x) => x!.startsWith('-device'))).toEqual(['-device virtio-rng-pci', '-device virtio-net,netdev=user.0']);
  });

  it('uses virtio-scsi devices, detect-zeroes, and no acceleration with accelerator none', () => {
    const p = pairs(argsOf({ accelerator: 'none', disk_interface: 'virtio-scsi', disk_detect_zeroes: 'unmap', disk_discard: 'unmap' }));
    expect(p).toContain('-machine type=pc');
    expect(p).toContain('-device virtio-scsi-pci,id=scsi0');
    expect(p).toContain('-drive if=none,file=/out/packer-a,id=drive0,cache=writeback,discard=unmap,format=qcow2,detect-zeroes=unmap');
  });
});
