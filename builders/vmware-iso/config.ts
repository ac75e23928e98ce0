// vmware-iso's options, defaults and checks, as Packer documents them for VMware Workstation and Player, with the
// messages of Packer 1.6.6's Prepare. Options only a remote ESXi build (remote_type = "esx5"), VMware Fusion
// (macOS) or a VNC-over-websocket console uses are declared so that a template setting them is told tsbuild
// cannot honour them.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';
import { parseGoTemplate } from '../../src/gotemplate/index.js';
import { configWarning, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { bootCommandConfigProblems, bootCommandOptions } from '../../src/steps/boot-command/config.js';
import { cdOptions, cdProblems } from '../../src/steps/cd-files/config.js';
import { floppyOptions, floppyProblems } from '../../src/steps/floppy/config.js';
import { httpOptions, httpProblems } from '../../src/steps/http-server.js';
import { isoOptions, isoProblems, isoWarnings } from '../../src/steps/iso/config.js';
import { parseDuration } from '../../src/template/duration.js';
import { readParallel, readSerial } from './ports.js';

const REJECTED_REMOTE = 'Rejected: remote ESXi builds are not supported.';

/** Options of remote ESXi builds (Packer's DriverConfig) and of features tsbuild does not drive. */
const unsupportedOptions = {
  remote_type: opt.string('Rejected: tsbuild drives VMware Workstation/Player on this machine; remote builds ("esx5") are not supported.'),
  remote_host: opt.string(REJECTED_REMOTE),
  remote_port: opt.number(REJECTED_REMOTE),
  remote_username: opt.string(REJECTED_REMOTE),
  remote_password: opt.string(REJECTED_REMOTE).sensitive(),
  remote_private_key_file: opt.string(REJECTED_REMOTE),
  remote_datastore: opt.string(REJECTED_REMOTE),
  remote_cache_datastore: opt.string(REJECTED_REMOTE),
  remote_cache_directory: opt.string(REJECTED_REMOTE),
  cleanup_remote_cache: opt.bool(REJECTED_REMOTE),
  skip_validate_credentials: opt.bool(REJECTED_REMOTE),
  keep_registered: opt.bool(REJECTED_REMOTE),
  fusion_app_path: opt.string('Rejected: VMware Fusion runs on macOS; tsbuild drives Workstation/Player on Linux.'),
  vnc_over_websocket: opt.bool('Rejected: the console over websocket is an ESXi feature.'),
  insecure_connection: opt.bool('Rejected: the console over websocket is an ESXi feature.'),
};

/** The WinRM options Packer takes: declared so that a Windows template is told WinRM is missing. */
const winrmOptions = Object.fromEntries(
  ['winrm_username', 'winrm_password', 'winrm_host', 'winrm_port', 'winrm_timeout', 'winrm_use_ssl', 'winrm_insecure', 'winrm_use_ntlm'].map((k) => [
    k,
    k === 'winrm_port' ? opt.number('Rejected: tsbuild has no WinRM communicator.') : ['winrm_use_ssl', 'winrm_insecure', 'winrm_use_ntlm'].includes(k) ? opt.bool('Rejected: tsbuild has no WinRM communicator.') : opt.string('Rejected: tsbuild has no WinRM communicator.'),
  ]),
) as Record<'winrm_username', ReturnType<typeof opt.string>>;

export const vmwareIsoOptions = {
  ...isoOptions,
  ...httpOptions,
  ...bootCommandOptions,
  ...floppyOptions,
  ...cdOptions,
  // Hardware (HWConfig)
  guest_os_type: opt.string('The guest OS type VMware knows (other, ubuntu-64, windows9-64...).').defaultIfEmpty('other'),
  version: opt.string('The virtual hardware version (virtualHW.version).').defaultIfEmpty('9'),
  cpus: opt.number('The number of virtual CPUs (numvcpus).'),
  cores: opt.number('The cores per socket (cpuid.coresPerSocket).'),
  memory: opt.number('The memory in MB (memsize; 512 unless set).'),
  firmware: opt.string('The firmware: bios, efi or efi-secure (UEFI with secure boot).'),
  network: opt.string('The network: nat, hostonly, bridged, or a VMware network device (vmnet2...).').defaultIfEmpty('nat'),
  network_adapter_type: opt.string('The network adapter (e1000 unless set; vmxnet3...).'),
  network_name: opt.string('The network name written as ethernet0.networkName.'),
  sound: opt.bool('Adds a sound card.'),
  usb: opt.bool('Adds a USB controller.'),
  serial: opt.string('A serial port: FILE:path[,yield], DEVICE:path[,yield], PIPE:path,client|server,app|vm[,yield], AUTO[:yield] or NONE.'),
  parallel: opt.string('A parallel port: FILE:path, DEVICE:path[,bi|uni], AUTO[:bi|uni] or NONE.'),
  // Disks (DiskConfig)
  disk_size: opt.number('The size of the main disk in MB.').defaultIfEmpty(40000),
  disk_additional_size: opt.numbers('Sizes in MB of more disks, attached after the main one.'),
  disk_adapter_type: opt.string('The disk adapter: lsilogic (default), scsi, ide, sata, nvme, buslogic, pvscsi...').defaultIfEmpty('lsilogic'),
  disk_type_id: opt.string('The vmware-vdiskmanager disk type: 0 (one growable file), 1 (growable, split in 2 GB files), 2, 3, 4, 5.').defaultIfEmpty('1'),
  vmdk_name: opt.string('The base name of the disk files.').defaultIfEmpty('disk'),
  cdrom_adapter_type: opt.string('The CD-ROM adapter: ide, sata or scsi (default: what suits the disk adapter).'),
  // The machine (VMXConfig, iso Config)
  vm_name: opt.string('The name of the machine and of its .vmx file (packer-<build name> unless set).'),
  display_name: opt.string('The name VMware shows for the machine (displayName).'),
  vmx_data: opt.stringMap('Entries added to the .vmx file before the machine starts (key = value).'),
  vmx_data_post: opt.stringMap('Entries added to the .vmx file after the build.'),
  vmx_remove_ethernet_interfaces: opt.bool('Removes the network interfaces from the .vmx file after the build.'),
  vmx_template_path: opt.string('A Go template replacing the default .vmx contents.'),
  vmx_disk_template_path: opt.string('A Go template for each additional disk\'s .vmx entries.'),
  output_directory: opt.string('Where the machine files go (output-<build name> unless set); must not exist unless -force.'),
  // Running (RunConfig)
  headless: opt.bool('Starts the machine without the VMware window (vmrun ... nogui).'),
  vnc_bind_address: opt.string('The address the machine\'s VNC server listens on.').defaultIfEmpty('127.0.0.1'),
  vnc_port_min: opt.number('The lowest port the VNC server may take.').defaultIfEmpty(5900),
  vnc_port_max: opt.number('The highest port the VNC server may take.').defaultIfEmpty(6000),
  vnc_disable_password: opt.bool('Leaves the VNC server without a password.'),
  // Tools, shutdown, export
  tools_upload_flavor: opt.string("Uploads VMware Tools for this guest flavor (linux, windows, darwin...) from VMware's ISO images."),
  tools_upload_path: opt.string('Where the tools ISO goes on the machine (a Go template with {{ .Flavor }}).').defaultIfEmpty('{{ .Flavor }}.iso'),
  shutdown_command: opt.string('The command that shuts the machine down (without it, the machine is stopped hard).'),
  shutdown_timeout: opt.string('How long the machine may take to stop after the shutdown command.').defaultIfEmpty('5m'),
  skip_compaction: opt.bool('Does not defragment and shrink the disks after the build.'),
  format: opt.string('The artifact: vmx (the machine files, default), ovf or ova (exported with ovftool).'),
  ovftool_options: opt.strings('Extra ovftool arguments for the export.'),
  skip_export: opt.bool('Does not export with ovftool (the machine files are the artifact).'),
  snapshot_name: opt.string('Takes a snapshot of the machine with this name after the build.'),
  communicator: opt.string('"ssh" (default) to provision over SSH, or "none".').defaultIfEmpty('ssh'),
  ...sshOptions,
  ...winrmOptions,
  ...unsupportedOptions,
};

export type VmwareIsoConfig = ConfigOf<typeof vmwareIsoOptions>;

function checkHardware(c: VmwareIsoConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if ((c.cpus ?? 0) < 0) out.push({ message: `An invalid number of cpus was specified (cpus < 0): ${c.cpus}`, attribute: 'cpus' });
  if ((c.memory ?? 0) < 0) out.push({ message: `An invalid amount of memory was specified (memory < 0): ${c.memory}`, attribute: 'memory' });
  if ((c.cores ?? 0) < 0) out.push({ message: `An invalid number of cores was specified (cores < 0): ${c.cores}`, attribute: 'cores' });
  // Packer reads these when it writes the .vmx file, after the ISO download: checked here, with its messages.
  for (const [key, read] of [
    ['serial', readSerial],
    ['parallel', readParallel],
  ] as const) {
    const v = c[key];
    if (!v) continue;
    try {
      read(v);
    } catch (e) {
      out.push({ message: `Error processing VMX template: ${(e as Error).message}`, attribute: key });
    }
  }
  if (c.firmware !== undefined && c.firmware !== '' && !['bios', 'efi', 'efi-secure'].includes(c.firmware)) {
    out.push({ message: `firmware must be one of bios, efi, or efi-secure; got "${c.firmware}"`, attribute: 'firmware' });
  }
  if (c.cdrom_adapter_type && !['ide', 'sata', 'scsi'].includes(c.cdrom_adapter_type.toLowerCase())) {
    out.push({ message: 'cdrom_adapter_type must be one of ide, sata, or scsi', attribute: 'cdrom_adapter_type' });
  }
  return out;
}

function checkTemplateFile(key: 'vmx_template_path' | 'vmx_disk_template_path', c: VmwareIsoConfig, ctx: ValidateContext): ConfigProblem[] {
  const path = c[key];
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(resolve(ctx.cwd, path), 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
    return [{ message: `${key} is invalid: open ${path}: ${reason}`, attribute: key }];
  }
  try {
    parseGoTemplate(text, []);
  } catch (e) {
    return [{ message: `Invalid VMX template: ${(e as Error).message}`, attribute: key }];
  }
  return [];
}

function checkRun(c: VmwareIsoConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (c.vnc_port_min > c.vnc_port_max) out.push({ message: 'vnc_port_min must be less than vnc_port_max', attribute: 'vnc_port_min' });
  if (c.vnc_port_min < 0) out.push({ message: 'vnc_port_min must be positive', attribute: 'vnc_port_min' });
  if (parseDuration(c.shutdown_timeout) === undefined) out.push({ message: `error decoding 'shutdown_timeout': time: invalid duration "${c.shutdown_timeout}"`, attribute: 'shutdown_timeout' });
  if (c.format !== undefined && c.format !== '' && !['ova', 'ovf', 'vmx'].includes(c.format)) out.push({ message: 'format must be one of ova, ovf, or vmx', attribute: 'format' });
  return out;
}

function checkUnsupported(c: VmwareIsoConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const remote = (Object.keys(unsupportedOptions) as (keyof typeof unsupportedOptions)[]).filter((k) => k.startsWith('remote_') || k.endsWith('_remote_cache') || k === 'skip_validate_credentials' || k === 'keep_registered');
  const set = remote.filter((k) => c[k] !== undefined && c[k] !== '' && c[k] !== false);
  if (set.length > 0) {
    out.push({
      summary: 'Remote VMware builds are not supported',
      message: `tsbuild builds with VMware Workstation or Player on this machine: remote builds on ESXi (remote_type = "esx5") are not supported (set: ${set.join(', ')}).`,
      attribute: set[0],
    });
  }
  if (c.fusion_app_path) out.push({ message: 'fusion_app_path is not supported: VMware Fusion runs on macOS; tsbuild drives VMware Workstation/Player on Linux', attribute: 'fusion_app_path' });
  if (c.vnc_over_websocket || c.insecure_connection) {
    out.push({ message: 'vnc_over_websocket is not supported: the console over websocket is an ESXi feature (remote builds are not supported)', attribute: c.vnc_over_websocket ? 'vnc_over_websocket' : 'insecure_connection' });
  }
  return out;
}

function checkCommunicator(c: VmwareIsoConfig, ctx: ValidateContext): ConfigProblem[] {
  const winrm = Object.keys(winrmOptions).filter((k) => (c as Record<string, unknown>)[k] !== undefined);
  if (c.communicator === 'winrm' || winrm.length > 0) {
    return [{ summary: 'The winrm communicator is not available', message: 'tsbuild connects to machines over SSH only: it has no WinRM communicator (communicator = "winrm", winrm_* options).' }];
  }
  if (c.communicator === 'none') return [];
  if (c.communicator !== 'ssh') return [{ message: `communicator must be "ssh" or "none" for the vmware-iso builder; got ${JSON.stringify(c.communicator)}`, attribute: 'communicator' }];
  return validateSsh(c, ctx);
}

/** Packer's warning when nothing shuts the machine down gracefully (given even with communicator = "none"). */
const NO_SHUTDOWN_COMMAND = 'A shutdown_command was not specified. Without a shutdown command, Packer\nwill forcibly halt the virtual machine, which may result in data loss.';

/** Packer's Prepare of vmware-iso, in its order; then what tsbuild cannot honour; then Packer's warnings. */
function checkVmwareIso(c: VmwareIsoConfig, ctx: ValidateContext): ConfigProblem[] {
  return [
    ...isoProblems(c),
    ...httpProblems(c),
    ...checkRun(c),
    ...checkHardware(c),
    ...bootCommandConfigProblems(c),
    ...cdProblems(c, ctx),
    ...floppyProblems(c, ctx),
    ...checkCommunicator(c, ctx),
    ...checkTemplateFile('vmx_template_path', c, ctx),
    ...checkTemplateFile('vmx_disk_template_path', c, ctx),
    ...checkUnsupported(c),
    ...isoWarnings(c),
    ...(c.shutdown_command ? [] : [configWarning(NO_SHUTDOWN_COMMAND)]),
  ];
}

export const vmwareIsoConfig = declareConfig(vmwareIsoOptions, checkVmwareIso);
