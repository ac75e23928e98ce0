// Packer's StepCreateCD: cd_files and cd_content gathered in a folder, made into an ISO 9660 image with Rock Ridge
// and Joliet by xorriso (`xorriso -as genisoimage`, the first of the programs Packer tries: xorriso, mkisofs,
// hdiutil, oscdimg; tsbuild uses xorriso only). A folder keeps its own name on the CD unless written with a
// trailing slash (then its contents go to the root), as Packer does. Both are removed at cleanup.

import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Step } from '../../engine/steps.js';
import type { RunContext } from '../../plugin/context.js';
import { goGlob } from '../floppy/go-glob.js';
import { runTool, ToolError } from '../floppy/run-tool.js';
import { wantsCd, type CdConfig } from './config.js';

export interface CdState {
  /** The CD image, while the build has one. */
  cdPath?: string;
  cdDir?: string;
}

/** Copies the tree at `src` into `dest`, following symbolic links (the target is copied where the link was). */
async function copyTree(src: string, dest: string): Promise<void> {
  if (!(await stat(src)).isDirectory()) {
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(src, dest);
    return;
  }
  await mkdir(dest, { recursive: true });
  for (const name of (await readdir(src)).sort()) await copyTree(join(src, name), join(dest, name));
}

async function gather(c: CdConfig, root: string, ctx: RunContext): Promise<void> {
  for (const pattern of c.cd_files ?? []) {
    for (const match of goGlob(pattern, ctx.cwd)) {
      const abs = resolve(ctx.cwd, match);
      // "dir/" puts the folder's contents at the root; "dir" puts the folder there.
      const dest = match.endsWith('/') && (await stat(abs)).isDirectory() ? root : join(root, basename(abs));
      await copyTree(abs, dest).catch((e: Error) => {
        throw new Error(`Error adding path to CD: ${e.message}`, { cause: e });
      });
    }
  }
  for (const [path, content] of Object.entries(c.cd_content ?? {})) {
    const dest = join(root, path.replace(/^\/+/, ''));
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, content);
  }
}

export function stepCreateCd<S extends CdState>(configOf: (state: S) => CdConfig): Step<S> {
  return {
    name: 'StepCreateCD',
    run: async (state, ctx) => {
      const c = configOf(state);
      if (!wantsCd(c)) return;
      ctx.ui.say('Creating CD disk...');
      const dir = await mkdtemp(join(ctx.tempDir, 'cd-'));
      state.cdDir = dir;
      const root = join(dir, 'packer_to_cdrom');
      await mkdir(root);
      await gather(c, root, ctx);
      const path = join(dir, 'packer.iso');
      const args = ['-as', 'genisoimage', '-rock', '-joliet', '-volid', c.cd_label || 'packer', '-output', path, root];
      await runTool('xorriso', args, { signal: ctx.signal, env: { ...ctx.env, PATH: ctx.env.PATH ?? process.env.PATH } }).catch((e: unknown) => {
        if (e instanceof ToolError && e.missing) {
          throw new Error('could not find a supported CD ISO creation command (tsbuild uses xorriso: install it)', { cause: e });
        }
        throw new Error(`Error creating CD: ${(e as Error).message}`, { cause: e });
      });
      ctx.ui.message('Done copying paths from CD_dirs');
      state.cdPath = path;
    },
    cleanup: async (state) => {
      if (state.cdDir) await rm(state.cdDir, { recursive: true, force: true });
      state.cdDir = undefined;
      state.cdPath = undefined;
    },
  };
}
