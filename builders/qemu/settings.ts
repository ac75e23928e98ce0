// The values the qemu builder runs with, once the build and the host are known: Packer's defaults that depend on
// the build's name (vm_name, output_directory) or on the host (accelerator: kvm when /dev/kvm opens, else tcg).

import { closeSync, constants, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDuration } from '../../src/template/duration.js';
import { diskSizeOf, type QemuConfig } from './config.js';

export interface QemuSettings {
  accelerator: string;
  vmName: string;
  /** Absolute. */
  outputDir: string;
  /** As Packer shows it (relative when given so). */
  outputDirShown: string;
  diskSize: string;
  cpus: number;
  memory: number;
  hostPortMin: number;
  hostPortMax: number;
  shutdownTimeoutMs: number;
  /** The user's QMP socket (qmp_enable, or needed by vnc_use_password), else undefined. */
  qmpSocketPath?: string;
  /** The path of the first disk. */
  diskPath: string;
}

/** Whether KVM can be used: /dev/kvm opens for reading and writing, as Packer checks. */
export function kvmUsable(device = '/dev/kvm'): boolean {
  try {
    closeSync(openSync(device, constants.O_RDWR));
    return true;
  } catch {
    return false;
  }
}

export function settingsOf(c: QemuConfig, buildName: string, cwd: string): QemuSettings {
  const vmName = c.vm_name || `packer-${buildName}`;
  const outputDirShown = c.output_directory || `output-${buildName}`;
  const outputDir = resolve(cwd, outputDirShown);
  const qmp = c.qmp_enable || c.vnc_use_password;
  return {
    accelerator: c.accelerator || (kvmUsable() ? 'kvm' : 'tcg'),
    vmName,
    outputDir,
    outputDirShown,
    diskSize: diskSizeOf(c.disk_size) ?? '40960M',
    cpus: c.cpus !== undefined && c.cpus >= 1 ? c.cpus : 1,
    memory: c.memory !== undefined && c.memory >= 10 ? c.memory : 512,
    hostPortMin: c.ssh_host_port_min || c.host_port_min || 2222,
    hostPortMax: c.ssh_host_port_max || c.host_port_max || 4444,
    shutdownTimeoutMs: (c.shutdown_timeout ? parseDuration(c.shutdown_timeout) : undefined) || 5 * 60_000,
    qmpSocketPath: qmp ? resolve(cwd, c.qmp_socket_path || join(outputDirShown, `${vmName}.monitor`)) : undefined,
    diskPath: join(outputDir, vmName),
  };
}
