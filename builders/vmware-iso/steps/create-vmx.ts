// Packer's stepCreateVMX for vmware-iso: renders the default .vmx template (or vmx_template_path) with the
// machine's name, guest OS, hardware, disk and CD-ROM adapters, network and ports, appends an entry per
// additional disk, and writes the result the way Packer writes .vmx files.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { renderGoTemplate } from '../../../src/gotemplate/index.js';
import { devicesOf } from '../networks.js';
import { readParallel, readSerial } from '../ports.js';
import type { VmwareState } from '../state.js';
import { DEFAULT_ADDITIONAL_DISK_TEMPLATE, DEFAULT_VMX_TEMPLATE } from '../vmx-template.js';
import { parseVmx, writeVmx } from '../vmx-file.js';
import { additionalDiskNumber } from './create-disks.js';
import { diskAndCdromTypes } from './disk-types.js';

const bool = (b: boolean | undefined) => (b ? 'TRUE' : 'FALSE');

async function templateText(path: string | undefined, fallback: string, cwd: string, what: string): Promise<string> {
  if (!path) return fallback;
  return readFile(resolve(cwd, path), 'utf8').catch((e: Error) => {
    throw new Error(`Error reading ${what}: ${e.message}`, { cause: e });
  });
}

function render(text: string, data: Record<string, unknown>, what: string): string {
  try {
    return renderGoTemplate(text, { data });
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
  }
}

/** Serial and parallel template values, with Packer's defaults ("none" when unset). */
function portData(serialText: string | undefined, parallelText: string | undefined): Record<string, string> {
  const serial = readSerial(serialText || 'none');
  const parallel = readParallel(parallelText || 'none');
  return {
    Serial_Present: bool(serial !== undefined),
    Serial_Type: serial?.type ?? '',
    Serial_Filename: serial?.fileName ?? '',
    Serial_Endpoint: serial?.endpoint ?? '',
    Serial_Host: serial?.host ?? '',
    // Packer writes the yield of a pipe or AUTO port only.
    Serial_Yield: serial && (serial.type === 'pipe' || serial.auto === 'TRUE') ? serial.yield : '',
    Serial_Auto: serial?.auto ?? 'FALSE',
    Parallel_Present: bool(parallel !== undefined),
    Parallel_Filename: parallel?.fileName ?? '',
    Parallel_Bidirectional: parallel?.bidirectional ?? '',
    Parallel_Auto: parallel?.auto ?? 'FALSE',
  };
}

export const stepCreateVmx: Step<VmwareState> = {
  name: 'stepCreateVMX',
  run: async (state, ctx) => {
    const c = state.config;
    ctx.ui.say('Building and writing VMX file');
    let text = await templateText(c.vmx_template_path, DEFAULT_VMX_TEMPLATE, ctx.cwd, 'VMX template');
    const diskTemplate = await templateText(c.vmx_disk_template_path, DEFAULT_ADDITIONAL_DISK_TEMPLATE, ctx.cwd, 'VMX disk template');
    (c.disk_additional_size ?? []).forEach((_, i) => {
      text += render(diskTemplate, { DiskNumber: additionalDiskNumber(i), DiskName: c.vmdk_name }, 'Error preparing VMX template for additional disk');
    });
    const disk = diskAndCdromTypes(c.disk_adapter_type, c.cdrom_adapter_type);
    state.temporaryDevices.push(`${disk.CDROMType}0:${disk.CDROMType_PrimarySecondary}`);
    // A name netmap.conf knows (nat, hostonly, bridged) lets VMware pick the device; anything else is a device.
    const known = (await devicesOf(state.vmwareConfigDir, c.network)).length > 0;
    state.network = c.network;
    let ports: Record<string, string>;
    try {
      ports = portData(c.serial, c.parallel);
    } catch (e) {
      throw new Error(`Error processing VMX template: ${(e as Error).message}`, { cause: e });
    }
    const data = {
      Name: state.vmName,
      GuestOS: c.guest_os_type,
      ISOPath: state.isoPath ?? '',
      Version: c.version,
      CpuCount: (c.cpus ?? 0) > 0 ? String(c.cpus) : '',
      MemorySize: String((c.memory ?? 0) > 0 ? c.memory : 512),
      DiskName: c.vmdk_name,
      ...disk,
      Network_Type: known ? c.network : 'custom',
      Network_Device: known ? '' : c.network,
      Network_Adapter: (c.network_adapter_type || 'e1000').toLowerCase(),
      Network_Name: c.network_name ?? '',
      Sound_Present: bool(c.sound),
      Usb_Present: bool(c.usb),
      ...ports,
    };
    const vmx = parseVmx(render(text, data, 'Error processing VMX template'));
    if (vmx.numvcpus === '') delete vmx.numvcpus;
    if ((c.cores ?? 0) > 0) vmx['cpuid.corespersocket'] = String(c.cores);
    if (c.firmware === 'efi' || c.firmware === 'efi-secure') vmx.firmware = 'efi';
    if (c.firmware === 'bios') vmx.firmware = 'bios';
    if (c.firmware === 'efi-secure') vmx['uefi.secureboot.enabled'] = 'TRUE';
    const path = join(state.outputDir, `${state.vmName}.vmx`);
    await writeVmx(path, vmx).catch((e: Error) => {
      throw new Error(`Error creating VMX file: ${e.message}`, { cause: e });
    });
    state.vmxPath = path;
  },
};
