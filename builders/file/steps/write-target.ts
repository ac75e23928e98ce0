import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import type { FileConfig } from '../config.js';

export interface FileState {
  config: FileConfig;
}

/** Writes the target from `source` (a copy) or `content`. Like Packer, the file is left in place on failure. */
export const stepWriteTarget: Step<FileState> = {
  name: 'StepWriteTarget',
  run: async ({ config }, ctx) => {
    const target = resolve(ctx.cwd, config.target);
    await mkdir(dirname(target), { recursive: true });
    if (config.source) {
      ctx.ui.say(`Copying ${config.source} to ${config.target}`);
      await copyFile(resolve(ctx.cwd, config.source), target);
      ctx.ui.say(`Copied ${(await stat(target)).size} bytes`);
    } else {
      await writeFile(target, config.content ?? '', { mode: 0o600 });
    }
  },
};
