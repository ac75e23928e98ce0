import { stat } from 'node:fs/promises';
import type { Step } from '../../../src/engine/steps.js';
import { renderGoTemplate } from '../../../src/gotemplate/index.js';
import type { VmwareState } from '../state.js';

const missingTools = (flavor: string, path: string) =>
  `Couldn't find VMware tools for '${flavor}'! VMware often downloads these\ntools on-demand. However, to do this, you need to create\nan empty VM in your version of VMware and run 'Install VMware Tools'\nor 'Upgrade VMware Tools' once. Then Packer will be able to find them.\n(looked for ${path})`;

/** Packer's StepPrepareTools: the tools ISO for tools_upload_flavor must be where VMware keeps it. */
export const stepPrepareTools: Step<VmwareState> = {
  name: 'StepPrepareTools',
  run: async (state) => {
    const flavor = state.config.tools_upload_flavor;
    if (!flavor) return;
    const path = state.driver.toolsIsoPath(flavor);
    if (!(await stat(path).catch(() => undefined))?.isFile()) throw new Error(missingTools(flavor, path));
  },
};

/** Packer's StepUploadTools: the tools ISO uploaded to tools_upload_path ({{ .Flavor }} rendered). */
export const stepUploadTools: Step<VmwareState> = {
  name: 'StepUploadTools',
  run: async (state, ctx) => {
    const flavor = state.config.tools_upload_flavor;
    if (!flavor || !state.comm) return;
    const local = state.driver.toolsIsoPath(flavor);
    let dest: string;
    try {
      dest = renderGoTemplate(state.config.tools_upload_path, { data: { Flavor: flavor } });
    } catch (e) {
      throw new Error(`Error preparing upload path: ${(e as Error).message}`, { cause: e });
    }
    ctx.ui.say(`Uploading the '${flavor}' VMware Tools`);
    await state.comm.upload(local, dest, ctx.signal);
  },
};
