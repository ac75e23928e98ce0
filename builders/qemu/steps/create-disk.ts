// Packer's stepCreateDisk, stepCopyDisk and stepResizeDisk: a new disk (and the additional ones) made with
// `qemu-img create`; or, with disk_image, the image copied (`qemu-img convert`) or used as a backing file, then
// resized to disk_size unless skip_resize_disk.

import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { QemuState } from '../state.js';

/** The format of an existing image, as qemu-img sees it (a backing file needs it named). */
async function formatOf(state: QemuState, path: string, signal: AbortSignal): Promise<string> {
  const info = JSON.parse(await state.driver.qemuImg(['info', '--output=json', path], signal)) as { format?: string };
  return info.format ?? 'raw';
}

export const stepCreateDisk: Step<QemuState> = {
  name: 'stepCreateDisk',
  run: async (state, ctx) => {
    const { config: c, settings: s } = state;
    const created = c.qemu_img_args?.create ?? [];
    const make = async (args: string[], what: string) => {
      try {
        await state.driver.qemuImg(args, ctx.signal);
      } catch (e) {
        throw new Error(`Error ${what}: ${errorMessage(e)}`, { cause: e });
      }
    };
    if (c.disk_image && !c.use_backing_file) {
      ctx.ui.say('Copying hard drive...');
      await make(['convert', '-O', c.format, state.isoPath!, s.diskPath], 'creating hard drive');
    } else {
      ctx.ui.say('Creating required virtual machine disks');
      const sizes = [s.diskSize, ...(c.disk_image ? [] : (c.disk_additional_size ?? []))];
      const paths = sizes.map((_, i) => (i === 0 ? s.diskPath : `${s.diskPath}-${i}`));
      for (const [i, path] of paths.entries()) {
        const backing = c.use_backing_file && i === 0 ? ['-b', state.isoPath!, '-F', await formatOf(state, state.isoPath!, ctx.signal)] : [];
        await make(['create', '-f', c.format, ...created, ...backing, path, sizes[i]!], 'creating hard drive');
      }
      state.diskPaths = paths;
      if (!c.disk_image) return;
    }
    state.diskPaths = [s.diskPath];
    if (c.skip_resize_disk) return;
    ctx.ui.say('Resizing hard drive...');
    await make(['resize', '-f', c.format, ...(c.qemu_img_args?.resize ?? []), s.diskPath, s.diskSize], 'creating hard drive');
  },
};
