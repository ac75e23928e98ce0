import { rename, rm } from 'node:fs/promises';
import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { QemuState } from '../state.js';

/**
 * Packer's stepConvertDisk: compacts (and with disk_compression compresses) the disk with `qemu-img convert` into
 * <disk>.convert, which then replaces the disk. Skipped with skip_compaction (implied by raw and use_backing_file)
 * unless disk_compression asks for it.
 */
export const stepConvertDisk: Step<QemuState> = {
  name: 'stepConvertDisk',
  run: async (state, ctx) => {
    const { config: c, settings: s } = state;
    const skip = c.skip_compaction || c.format !== 'qcow2' || c.use_backing_file;
    const compress = c.disk_compression && c.format === 'qcow2';
    if (skip && !compress) return;
    const target = `${s.diskPath}.convert`;
    ctx.ui.say('Converting hard drive...');
    try {
      await state.driver.qemuImg(['convert', ...(c.qemu_img_args?.convert ?? []), ...(compress ? ['-c'] : []), '-O', c.format, s.diskPath, target], ctx.signal);
      await rename(target, s.diskPath);
    } catch (e) {
      await rm(target, { force: true });
      throw new Error(`Error converting hard drive: ${errorMessage(e)}`, { cause: e });
    }
  },
};
