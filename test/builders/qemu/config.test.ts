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
/** The errors of a decoded configuration (base's iso_checksum "none" also gives Packer's warning). */
const errorsOf = (r: ReturnType<typeof decodePlainConfig>) => r.diagnostics.filter((d) => d.severity === 'error');

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
    const file = template('unsupported.json', { ...base, net_bridge: 'br0', iso_skip_cache: true });
    const out = flat((await runCli(['validate', file], { cwd: dir })).stdout);
    for (const name of ['net_bridge', 'iso_skip_cache']) expect(out).toContain(`Unsupported option ${name}`);
    const unknown = template('vnc-disable-password.json', { ...base, vnc_disable_password: true });
    expect(flat((await runCli(['validate', unknown], { cwd: dir })).stdout)).toContain(`unknown configuration key: '"vnc_disable_password"'`);
  });

  it("accepts the floppy and CD options, and checks their paths as Packer's FloppyConfig and CDConfig do", () => {
    writeFileSync(join(dir, 'answers.cfg'), 'x\n');
    const ok = decodePlainConfig(qemuConfig, { ...base, floppy_files: ['answers.cfg'], floppy_dirs: ['*'], floppy_content: { 'a.txt': 'a' }, floppy_label: 'ANSWERS', cd_files: ['answers.cfg'], cd_content: { 'b.txt': 'b' }, cd_label: 'cidata' }, here);
    expect(errorsOf(ok)).toEqual([]);
    const bad = decodePlainConfig(qemuConfig, { ...base, floppy_files: ['missing.cfg'], cd_files: ['missing-dir'] }, here);
    expect(errorsOf(bad).map((d) => d.detail)).toEqual([expect.stringContaining("Bad Floppy disk file 'missing.cfg'"), expect.stringContaining("Bad CD disk file 'missing-dir'")]);
  });

  it('rejects a shutdown_command without a communicator to run it', () => {
    const r = decodePlainConfig(qemuConfig, { ...base, shutdown_command: 'poweroff' }, here);
    expect(errorsOf(r).map((d) => d.detail)).toEqual(['shutdown_command runs over the communicator: it cannot be used with communicator = "none"']);
  });
});

describe('the QEMU command line', () => {
  const target: RunTarget = { isoPath: '/isos/a.iso', diskPaths: ['/out/packer-a'], vncPort: 5907, hostPort: 3333, guestPort: 22, hostAddress: '127.0.0.1', httpIp: '10.0.2.2', httpPort: 8123 };
  const argsOf = (extra: Record<string, unknown>) => {
    const c = decodePlainConfig(qemuConfig, { ...base, communicator: 'ssh', ssh_username: 'root', accelerator: 'tcg', headless: true, ...extra }, here);
    expect(errorsOf(c)).toEqual([]);
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

  it('attaches the floppy with -fda and the cd_files CD as a second CD-ROM drive after the ISO, on each cdrom_interface', () => {
    const media = { ...target, floppyPath: '/tmp/run/floppy-1/packer.vfd', cdPath: '/tmp/run/cd-1/packer.iso' };
    const argsWith = (extra: Record<string, unknown>, t: RunTarget) => {
      const c = decodePlainConfig(qemuConfig, { ...base, accelerator: 'tcg', headless: true, ...extra }, here);
      return pairs(qemuCommandArgs(c.config, settingsOf(c.config, 'a', dir), t));
    };
    const p = argsWith({}, media);
    expect(p).toContain('-fda /tmp/run/floppy-1/packer.vfd');
    expect(p.filter((x) => x!.startsWith('-drive'))).toEqual([
      '-drive file=/out/packer-a,if=virtio,cache=writeback,discard=ignore,format=qcow2',
      '-drive file=/isos/a.iso,index=0,media=cdrom',
      '-drive file=/tmp/run/cd-1/packer.iso,index=1,media=cdrom',
    ]);
    expect(argsWith({ cdrom_interface: 'ide' }, media)).toContain('-drive file=/tmp/run/cd-1/packer.iso,if=ide,index=1,id=cdrom1,media=cdrom');
    const scsi = argsWith({ cdrom_interface: 'virtio-scsi' }, media);
    expect(scsi).toContain('-drive file=/tmp/run/cd-1/packer.iso,if=none,index=1,id=cdrom1,media=cdrom');
    expect(scsi).toContain('-device scsi-cd,drive=cdrom1');
    // With disk_image there is no installer ISO: the cd_files CD is the first CD-ROM drive.
    expect(argsWith({ disk_image: true }, { ...media, isoPath: undefined }).filter((x) => x!.includes('media=cdrom'))).toEqual(['-drive file=/tmp/run/cd-1/packer.iso,index=0,media=cdrom']);
    // A qemuargs row for -fda replaces the floppy, as any default switch.
    expect(argsWith({ qemuargs: [['-fda', '/other.img']] }, media).filter((x) => x!.startsWith('-fda'))).toEqual(['-fda /other.img']);
    expect(argsWith({}, target).some((x) => x!.startsWith('-fda'))).toBe(false);
  });

  it('uses virtio-scsi devices, detect-zeroes, and no acceleration with accelerator none', () => {
    const p = pairs(argsOf({ accelerator: 'none', disk_interface: 'virtio-scsi', disk_detect_zeroes: 'unmap', disk_discard: 'unmap' }));
    expect(p).toContain('-machine type=pc');
    expect(p).toContain('-device virtio-scsi-pci,id=scsi0');
    expect(p).toContain('-drive if=none,file=/out/packer-a,id=drive0,cache=writeback,discard=unmap,format=qcow2,detect-zeroes=unmap');
  });
});
