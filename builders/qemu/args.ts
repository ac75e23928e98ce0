// The QEMU command line, as Packer's stepRun makes it: default switches (the floppy as -fda, the cd_files CD as a
// second CD-ROM drive after the ISO's), then `qemuargs` (rendered with
// {{.HTTPIP}}, {{.HTTPPort}}, {{.HTTPDir}}, {{.OutputDir}}, {{.Name}}, {{.SSHHostPort}}), each row replacing every
// default value of its switch; rows of the same switch add up; an empty value gives the switch alone.

import { renderGoTemplate } from '../../src/gotemplate/index.js';
import { errorMessage } from '../../src/plugin/errors.js';
import type { QemuConfig } from './config.js';
import type { QemuSettings } from './settings.js';

export interface RunTarget {
  /** The ISO to boot from (not with disk_image). */
  isoPath?: string;
  /** The CD made from cd_files/cd_content, attached after the ISO. */
  cdPath?: string;
  /** The floppy image made from floppy_files/floppy_dirs/floppy_content (-fda). */
  floppyPath?: string;
  /** The disks, the first one first. */
  diskPaths: string[];
  /** The VNC port, or undefined with disable_vnc. */
  vncPort?: number;
  /** The host port forwarded to the guest's SSH port, or undefined (communicator none, skip_nat_mapping). */
  hostPort?: number;
  /** The guest port `hostPort` goes to. */
  guestPort: number;
  /** The host address the forward listens on ('' for every address). */
  hostAddress: string;
  httpIp: string;
  httpPort: number;
}

type Defaults = [string, string[]][];

function driveArgs(c: QemuConfig, t: RunTarget): { drives: string[]; devices: string[] } {
  const drives: string[] = [];
  const devices: string[] = [];
  t.diskPaths.forEach((path, i) => {
    let drive = `file=${path},if=${c.disk_interface},cache=${c.disk_cache},discard=${c.disk_discard},format=${c.format}`;
    if (c.disk_interface === 'virtio-scsi') {
      if (i === 0) devices.push('virtio-scsi-pci,id=scsi0');
      devices.push(`scsi-hd,bus=scsi0.0,drive=drive${i}`);
      drive = `if=none,file=${path},id=drive${i},cache=${c.disk_cache},discard=${c.disk_discard},format=${c.format}`;
    }
    if (c.disk_detect_zeroes !== 'off') drive += `,detect-zeroes=${c.disk_detect_zeroes}`;
    drives.push(drive);
  });
  devices.push(`${c.net_device},netdev=user.0`);
  // The installer ISO, then the cd_files CD, each its own CD-ROM drive.
  [t.isoPath, t.cdPath].filter((p): p is string => p !== undefined).forEach((path, i) => {
    const cd = c.cdrom_interface;
    if (!cd) drives.push(`file=${path},index=${i},media=cdrom`);
    else if (cd === 'virtio-scsi') {
      drives.push(`file=${path},if=none,index=${i},id=cdrom${i},media=cdrom`);
      devices.push('virtio-scsi-device', `scsi-cd,drive=cdrom${i}`);
    } else drives.push(`file=${path},if=${cd},index=${i},id=cdrom${i},media=cdrom`);
  });
  return { drives, devices };
}

/** Packer's default switches, in a fixed order. */
export function defaultArgs(c: QemuConfig, s: QemuSettings, t: RunTarget): Defaults {
  const out: Defaults = [['-boot', [c.disk_image ? 'c' : 'once=d']]];
  if (s.qmpSocketPath) out.push(['-qmp', [`unix:${s.qmpSocketPath},server,nowait`]]);
  out.push(['-name', [s.vmName]]);
  out.push(['-machine', [s.accelerator === 'none' ? `type=${c.machine_type}` : `type=${c.machine_type},accel=${s.accelerator}`]]);
  const forward = t.hostPort !== undefined ? `,hostfwd=tcp:${t.hostAddress}:${t.hostPort}-:${t.guestPort}` : '';
  out.push(['-netdev', [`user,id=user.0${forward}`]]);
  if (t.vncPort !== undefined) out.push(['-vnc', [`${c.vnc_bind_address}:${t.vncPort - 5900}${c.vnc_use_password ? ',password=on' : ''}`]]);
  else out.push(['-vnc', ['none']]);
  out.push(['-m', [`${s.memory}M`]]);
  if (s.cpus > 1) out.push(['-smp', [`cpus=${s.cpus},sockets=${s.cpus}`]]);
  if (t.floppyPath) out.push(['-fda', [t.floppyPath]]);
  if (!c.headless) {
    if (c.display && c.display !== 'none') out.push(['-display', [c.display]]);
    else if (!c.use_default_display) out.push(['-display', ['gtk']]);
  } else out.push(['-display', ['none']]);
  const { drives, devices } = driveArgs(c, t);
  out.push(['-device', devices], ['-drive', drives]);
  return out;
}

/** Renders `qemuargs` with Packer's data; throws "Error processing QemuArgs: ...". */
function renderQemuArgs(c: QemuConfig, s: QemuSettings, t: RunTarget): string[][] {
  const data = { HTTPIP: t.httpIp, HTTPPort: t.httpPort, HTTPDir: c.http_directory ?? '', OutputDir: c.output_directory || s.outputDirShown, Name: s.vmName, SSHHostPort: t.hostPort ?? 0 };
  try {
    return (c.qemuargs ?? []).map((row) => row.map((arg) => renderGoTemplate(arg, { data })));
  } catch (e) {
    throw new Error(`Error processing QemuArgs: ${errorMessage(e)}`, { cause: e });
  }
}

/** The full command line (without the program). */
export function qemuCommandArgs(c: QemuConfig, s: QemuSettings, t: RunTarget): string[] {
  const given = new Map<string, string[]>();
  for (const row of renderQemuArgs(c, s, t)) {
    if (row.length === 0) continue;
    const values = given.get(row[0]!) ?? [];
    const value = row.slice(1).join('');
    if (value) values.push(value);
    given.set(row[0]!, values);
  }
  const merged = new Map<string, string[]>(given);
  for (const [key, values] of defaultArgs(c, s, t)) if (!merged.has(key)) merged.set(key, values);
  // Packer adds the network device back when the user's -device rows lack it.
  const devices = merged.get('-device');
  if (given.has('-device') && devices && !devices.join('').includes(c.net_device)) devices.push(`${c.net_device},netdev=user.0`);
  const out: string[] = [];
  for (const [key, values] of merged) {
    if (values.length === 0) out.push(key);
    else for (const v of values) out.push(key, v);
  }
  return out;
}
