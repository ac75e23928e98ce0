// The qemu builder's options, as Packer 1.6.6's (builder/qemu Config and CommConfig, with the ISO, HTTP, VNC,
// boot command, shutdown and SSH groups), its defaults and its checks, with its messages (compared with `packer
// validate`). Defaults that depend on the build (vm_name, output_directory) or the host (accelerator) are applied
// when the build starts: see settings.ts.

import { parseDuration as parseGoDuration } from '../../src/functions/go-time.js';
import { block, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';
import { cdOptions, cdProblems } from '../../src/steps/cd-files/config.js';
import { floppyOptions, floppyProblems } from '../../src/steps/floppy/config.js';
import { bootCommandConfigProblems, bootCommandOptions } from '../../src/steps/boot-command/config.js';
import { httpOptions, httpProblems } from '../../src/steps/http-server.js';
import { isoOptions, isoProblems, isoWarnings } from '../../src/steps/iso/config.js';

const ACCELERATORS = ['none', 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx'];
const DISK_INTERFACES = ['ide', 'scsi', 'virtio', 'virtio-scsi'];
const DISK_CACHES = ['writethrough', 'writeback', 'none', 'unsafe', 'directsync'];
const DISK_DISCARDS = ['unmap', 'ignore'];
const DETECT_ZEROES = ['unmap', 'on', 'off'];

/** Options Packer's qemu builder has that tsbuild does not honour (yet): rejected by name, with the reason. */
export const UNSUPPORTED: Readonly<Record<string, string>> = {
  net_bridge: 'bridged networking (qemu-bridge-helper) is not supported: tsbuild uses QEMU user networking',
  iso_skip_cache: "booting from the ISO's URL (QEMU's curl block driver) is not supported: leave iso_skip_cache unset",
  run_once: 'run_once has no effect (Packer ignores it too): remove it',
};

const rejected = Object.fromEntries(Object.entries(UNSUPPORTED).map(([k, why]) => [k, k === 'iso_skip_cache' || k === 'run_once' ? opt.bool(`Rejected: ${why}.`) : opt.string(`Rejected: ${why}.`)]));

const qemuOptions = {
  ...isoOptions,
  ...httpOptions,
  ...bootCommandOptions,
  ...floppyOptions,
  ...cdOptions,
  accelerator: opt.string('none, kvm, tcg, xen, hax, hvf or whpx (default: kvm when /dev/kvm can be opened, else tcg).'),
  qemu_binary: opt.string('The QEMU program.').defaultIfEmpty('qemu-system-x86_64'),
  machine_type: opt.string('The machine type (-machine type=...).').defaultIfEmpty('pc'),
  cpus: opt.number('The number of CPUs (default 1).'),
  memory: opt.number('The memory in megabytes (default 512).'),
  disk_size: opt.string('The size of the disk: a number of megabytes, or with a unit (b, k, m, g, t); default 40960M.'),
  disk_additional_size: opt.strings('Sizes of more disks, named <vm_name>-1, -2...'),
  disk_interface: opt.string('ide, scsi, virtio or virtio-scsi.').defaultIfEmpty('virtio'),
  disk_cache: opt.string('writethrough, writeback, none, unsafe or directsync.').defaultIfEmpty('writeback'),
  disk_discard: opt.string('unmap or ignore.').defaultIfEmpty('ignore'),
  disk_detect_zeroes: opt.string('unmap, on or off.').defaultIfEmpty('off'),
  disk_image: opt.bool('The ISO URL is a bootable disk image: copied (or used as a backing file) and booted.'),
  use_backing_file: opt.bool('With disk_image and qcow2: the new disk uses the image as its backing file.'),
  skip_resize_disk: opt.bool('With disk_image: does not resize the disk to disk_size.'),
  skip_compaction: opt.bool('Does not compact the qcow2 disk with qemu-img convert at the end.'),
  disk_compression: opt.bool('Compresses the qcow2 disk (qemu-img convert -c).'),
  format: opt.string('The disk format: qcow2 or raw.').defaultIfEmpty('qcow2'),
  net_device: opt.string('The network device (virtio-net, e1000...).').defaultIfEmpty('virtio-net'),
  cdrom_interface: opt.string('The interface of the CD-ROM drive (ide, scsi, virtio, virtio-scsi); default: QEMU\'s.'),
  qemuargs: opt.stringLists('QEMU arguments: each list is a switch and its value, replacing the default for that switch ({{.HTTPIP}}, {{.SSHHostPort}}...).'),
  qemu_img_args: block('Extra arguments for qemu-img subcommands.', {
    convert: opt.strings('Arguments after `qemu-img convert`.'),
    create: opt.strings('Arguments after `qemu-img create -f <format>`.'),
    resize: opt.strings('Arguments after `qemu-img resize -f <format>`.'),
  }),
  headless: opt.bool('Starts QEMU without a window (the console stays reachable over VNC).'),
  display: opt.string('The -display option when not headless (default gtk; none: QEMU chooses).'),
  use_default_display: opt.bool('Passes no -display option.'),
  qmp_enable: opt.bool('Opens a QMP socket at qmp_socket_path.'),
  qmp_socket_path: opt.string('The QMP socket (default <output_directory>/<vm_name>.monitor).'),
  vnc_bind_address: opt.string('The address the VNC server listens on.').defaultIfEmpty('127.0.0.1'),
  vnc_port_min: opt.number('The lowest VNC port (5900 or more).').defaultIfEmpty(5900),
  vnc_port_max: opt.number('The highest VNC port.').defaultIfEmpty(6000),
  vnc_use_password: opt.bool('Protects the VNC server with a random password (set through QMP).'),
  vm_name: opt.string('The name of the VM and of its disk file (default packer-<build name>).'),
  output_directory: opt.string('The folder the disk goes to (default output-<build name>); must not exist unless -force.'),
  shutdown_command: opt.string('The command that shuts the guest down; without one, QEMU is told to quit.'),
  shutdown_timeout: opt.string('How long to wait for the VM to stop after the shutdown command (default 5m).'),
  host_port_min: opt.number('The lowest host port forwarded to the guest\'s SSH port (default 2222).'),
  host_port_max: opt.number('The highest host port forwarded to the guest\'s SSH port (default 4444).'),
  ssh_host_port_min: opt.number('Older spelling of host_port_min.'),
  ssh_host_port_max: opt.number('Older spelling of host_port_max.'),
  skip_nat_mapping: opt.bool('Forwards no host port: connects to ssh_host:ssh_port as given.'),
  communicator: opt.string('"ssh" (default), or "none" to build without provisioning.').defaultIfEmpty('ssh'),
  ...sshOptions,
  winrm_username: opt.string('Rejected: tsbuild has no WinRM communicator.'),
  winrm_password: opt.string('Rejected: tsbuild has no WinRM communicator.').sensitive(),
  ...rejected,
};

export type QemuConfig = ConfigOf<typeof qemuOptions>;

/** Packer's disk sizes: digits and an optional unit; a bare number is megabytes. */
export function diskSizeOf(size: string | undefined): string | undefined {
  if (!size || size === '0') return '40960M';
  if (!/^\d+(b|k|m|g|t)?$/.test(size.toLowerCase())) return undefined;
  return /^\d+$/.test(size) ? `${size}M` : size;
}

function oneOf(value: string, allowed: string[], message: string, attribute: string): ConfigProblem[] {
  return allowed.includes(value) ? [] : [{ message, attribute }];
}

function checkCommunicator(c: QemuConfig, ctx: ValidateContext): ConfigProblem[] {
  if (c.communicator === 'winrm' || c.winrm_username !== undefined || c.winrm_password !== undefined) {
    return [{ summary: 'The winrm communicator is not available', message: 'tsbuild connects to VMs over SSH only: it has no WinRM communicator (communicator = "winrm", winrm_* options).' }];
  }
  if (c.communicator === 'none') {
    return c.shutdown_command ? [{ message: 'shutdown_command runs over the communicator: it cannot be used with communicator = "none"', attribute: 'shutdown_command' }] : [];
  }
  if (c.communicator !== 'ssh') return [{ message: `communicator must be "ssh" or "none" for the qemu builder; got ${JSON.stringify(c.communicator)}`, attribute: 'communicator' }];
  return validateSsh(c, ctx);
}

function checkDurations(c: QemuConfig): ConfigProblem[] {
  if (!c.shutdown_timeout) return [];
  try {
    parseGoDuration(c.shutdown_timeout);
    return [];
  } catch (e) {
    return [{ message: `error decoding 'shutdown_timeout': ${(e as Error).message}`, attribute: 'shutdown_timeout' }];
  }
}

function checkUnsupported(c: QemuConfig): ConfigProblem[] {
  return Object.entries(UNSUPPORTED)
    .filter(([k]) => (c as Record<string, unknown>)[k] !== undefined)
    .map(([k, why]) => ({ summary: `Unsupported option ${k}`, message: `${k}: ${why}.`, attribute: k }));
}

/** Packer's Prepare of the qemu builder, in its order, with its messages. */
function validateQemu(c: QemuConfig, ctx: ValidateContext): ConfigProblem[] {
  const out = [...checkUnsupported(c), ...bootCommandConfigProblems(c), ...checkDurations(c)];
  if (!diskSizeOf(c.disk_size)) out.push({ message: 'Invalid disk size.', attribute: 'disk_size' });
  out.push(...isoProblems(c), ...httpProblems(c), ...floppyProblems(c, ctx), ...cdProblems(c, ctx), ...checkCommunicator(c, ctx));
  const portMin = c.ssh_host_port_min || c.host_port_min || 2222;
  const portMax = c.ssh_host_port_max || c.host_port_max || 4444;
  if (portMin > portMax) out.push({ message: 'host_port_min must be less than host_port_max', attribute: 'host_port_min' });
  if (portMin < 0) out.push({ message: 'host_port_min must be positive', attribute: 'host_port_min' });
  if (c.format !== 'qcow2' && c.format !== 'raw') out.push({ message: "invalid format, only 'qcow2' or 'raw' are allowed", attribute: 'format' });
  if (c.use_backing_file && !(c.disk_image && c.format === 'qcow2')) {
    out.push({ message: 'use_backing_file can only be enabled for QCOW2 images and when disk_image is true', attribute: 'use_backing_file' });
  }
  if (c.disk_image && (c.disk_additional_size?.length ?? 0) > 0) out.push({ message: 'disk_additional_size can only be used when disk_image is false', attribute: 'disk_additional_size' });
  if (c.skip_resize_disk && !c.disk_image) out.push({ message: 'skip_resize_disk can only be used when disk_image is true', attribute: 'skip_resize_disk' });
  if (c.accelerator !== undefined && c.accelerator !== '' && !ACCELERATORS.includes(c.accelerator)) {
    out.push({ message: "invalid accelerator, only 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', or 'none' are allowed", attribute: 'accelerator' });
  }
  out.push(...oneOf(c.disk_interface, DISK_INTERFACES, 'unrecognized disk interface type', 'disk_interface'));
  out.push(...oneOf(c.disk_cache, DISK_CACHES, 'unrecognized disk cache type', 'disk_cache'));
  out.push(...oneOf(c.disk_discard, DISK_DISCARDS, 'unrecognized disk discard type', 'disk_discard'));
  out.push(...oneOf(c.disk_detect_zeroes, DETECT_ZEROES, 'unrecognized disk detect zeroes setting', 'disk_detect_zeroes'));
  if (c.vnc_port_min > c.vnc_port_max) out.push({ message: 'vnc_port_min must be less than vnc_port_max', attribute: 'vnc_port_min' });
  // QEMU listens on 5900 + display: a lower port cannot be asked for (Packer passes a wrong display then).
  if (c.vnc_port_min < 5900 && !c.disable_vnc) out.push({ message: `vnc_port_min must be 5900 or more (QEMU's VNC displays start at port 5900); got ${c.vnc_port_min}`, attribute: 'vnc_port_min' });
  if (c.vnc_use_password && c.disable_vnc) out.push({ message: 'vnc_use_password cannot be used when vnc is disabled.', attribute: 'vnc_use_password' });
  out.push(...isoWarnings(c));
  return out;
}

export const qemuConfig = declareConfig(qemuOptions, validateQemu);
