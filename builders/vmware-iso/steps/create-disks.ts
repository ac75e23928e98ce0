import { join } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import type { VmwareState } from '../state.js';

/** The file of additional disk `i` (0-based): numbered from 1, skipping 7 (SCSI unit 7 is the controller's). */
export const additionalDiskNumber = (i: number) => (i + 1 >= 7 ? i + 2 : i + 1);

/** Packer's StepCreateDisks: the main disk and each of disk_additional_size, with vmware-vdiskmanager. */
export const stepCreateDisks: Step<VmwareState> = {
  name: 'StepCreateDisks',
  run: async (state, ctx) => {
    const c = state.config;
    ctx.ui.say('Creating required virtual machine disks');
    const disks: [string, number][] = [[join(state.outputDir, `${c.vmdk_name}.vmdk`), c.disk_size]];
    (c.disk_additional_size ?? []).forEach((size, i) => disks.push([join(state.outputDir, `${c.vmdk_name}-${additionalDiskNumber(i)}.vmdk`), size]));
    for (const [path, size] of disks) {
      await state.driver.createDisk(path, `${Math.trunc(size)}M`, c.disk_adapter_type, c.disk_type_id, ctx.signal).catch((e: Error) => {
        throw new Error(`Error creating disk: ${e.message}`, { cause: e });
      });
      state.diskPaths.push(path);
    }
  },
};
