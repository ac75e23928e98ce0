// The steps after the machine stopped: Packer's StepCleanFiles, StepCompactDisk, StepCleanVMX, a snapshot
// (snapshot_name) and StepExport.

import { readdir, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import type { VmwareState } from '../state.js';
import { readVmx, writeVmx } from '../vmx-file.js';

/** Files a VMware machine needs; the rest (logs, lock files...) is deleted. */
const KEEP = ['.nvram', '.vmdk', '.vmsd', '.vmx', '.vmxf'];

/** Every file under `dir`, as paths that start with `dir`. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export const stepCleanFiles: Step<VmwareState> = {
  name: 'StepCleanFiles',
  run: async (state, ctx) => {
    ctx.ui.say('Deleting unnecessary VMware files...');
    for (const path of await listFiles(state.outputDir)) {
      if (KEEP.includes(extname(path))) continue;
      ctx.ui.message(`Deleting: ${state.shown(path)}`);
      await rm(path, { force: true });
    }
  },
};

export const stepCompactDisk: Step<VmwareState> = {
  name: 'StepCompactDisk',
  run: async (state, ctx) => {
    if (state.config.skip_compaction) return;
    ctx.ui.say('Compacting all attached virtual disks...');
    for (const [i, disk] of state.diskPaths.entries()) {
      ctx.ui.message(`Compacting virtual disk ${i + 1}`);
      await state.driver.compactDisk(disk, ctx.signal).catch((e: Error) => {
        throw new Error(`Error compacting disk: ${e.message}`, { cause: e });
      });
    }
  },
};

/**
 * Packer's StepCleanVMX: the build's own devices detached (the floppy removed, CD-ROMs back to the host's
 * drive), VNC turned off, and with vmx_remove_ethernet_interfaces every ethernet entry removed.
 */
export const stepCleanVmx: Step<VmwareState> = {
  name: 'StepCleanVMX',
  run: async (state, ctx) => {
    ctx.ui.say('Cleaning VMX prior to finishing up...');
    const vmx = await readVmx(state.vmxPath!).catch((e: Error) => {
      throw new Error(`Error reading VMX: ${e.message}`, { cause: e });
    });
    for (const device of state.temporaryDevices) {
      if (device.startsWith('floppy')) {
        ctx.ui.message(`Unmounting ${device} from VMX...`);
        for (const k of Object.keys(vmx)) if (k.startsWith(`${device}.`)) delete vmx[k];
        vmx[`${device}.present`] = 'FALSE';
      } else if ((vmx[`${device}.devicetype`] ?? '').startsWith('cdrom-')) {
        ctx.ui.message(`Detaching ISO from CD-ROM device ${device}...`);
        vmx[`${device}.devicetype`] = 'cdrom-raw';
        vmx[`${device}.filename`] = 'auto detect';
        vmx[`${device}.clientdevice`] = 'TRUE';
      } else if (vmx[`${device}.present`] !== undefined) {
        ctx.ui.message(`Disabling device ${device} of an unknown device type...`);
        vmx[`${device}.present`] = 'FALSE';
      }
    }
    if (!state.config.disable_vnc) {
      ctx.ui.message('Disabling VNC server...');
      vmx['remotedisplay.vnc.enabled'] = 'FALSE';
    }
    if (state.config.vmx_remove_ethernet_interfaces) {
      ctx.ui.message('Removing Ethernet Interfaces...');
      for (const k of Object.keys(vmx)) if (k.startsWith('ethernet')) delete vmx[k];
    }
    await writeVmx(state.vmxPath!, vmx).catch((e: Error) => {
      throw new Error(`Error writing VMX: ${e.message}`, { cause: e });
    });
  },
};

export const stepSnapshot: Step<VmwareState> = {
  name: 'StepCreateSnapshot',
  run: async (state, ctx) => {
    const name = state.config.snapshot_name;
    if (!name) return;
    ctx.ui.say(`Creating snapshot: ${name}`);
    await state.driver.snapshot(state.vmxPath!, name, ctx.signal).catch((e: Error) => {
      throw new Error(`Error creating snapshot: ${e.message}`, { cause: e });
    });
  },
};

/** Whether the build exports with ovftool: format ovf or ova, and no skip_export. */
export const exports = (s: Pick<VmwareState['config'], 'format' | 'skip_export'>) => !s.skip_export && (s.format === 'ovf' || s.format === 'ova');

/** Packer's StepExport for a local machine: `ovftool [ovftool_options] <vm>.vmx <vm>.<format>` in the output directory. */
export const stepExport: Step<VmwareState> = {
  name: 'StepExport',
  run: async (state, ctx) => {
    const c = state.config;
    if (!exports(c)) {
      ctx.ui.say('Skipping export of virtual machine...');
      return;
    }
    ctx.ui.say('Exporting virtual machine...');
    const target = join(state.outputDir, `${state.vmName}.${c.format}`);
    ctx.ui.message(`Executing: ovftool ${[...(c.ovftool_options ?? []), state.shown(state.vmxPath!), state.shown(target)].join(' ')}`);
    await state.driver.export(c.ovftool_options ?? [], state.vmxPath!, target, ctx.signal).catch((e: Error) => {
      throw new Error(`Error performing ovftool export: ${e.message}`, { cause: e });
    });
  },
};
