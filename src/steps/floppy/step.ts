// Packer's StepCreateFloppy: a 1.44 MB FAT12 floppy image, made with mtools (mformat, mmd, mcopy), holding
// floppy_files at its root (a folder given there adds the files under it, flattened), floppy_dirs with their
// structure (the folder's own name at the root), and floppy_content. The image lives in the run's temporary
// folder and is removed at cleanup.

import { mkdtemp, rm, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Step } from '../../engine/steps.js';
import type { RunContext } from '../../plugin/context.js';
import { wantsFloppy, type FloppyConfig } from './config.js';
import { goGlob } from './go-glob.js';
import { runTool } from './run-tool.js';

export interface FloppyState {
  /** The floppy image, while the build has one. */
  floppyPath?: string;
  floppyDir?: string;
}

/** An image being filled: folders made once, files copied with mcopy. */
class FloppyImage {
  private readonly dirs = new Set<string>(['']);
  constructor(
    readonly path: string,
    private readonly ctx: RunContext,
  ) {}

  private tool(cmd: string, args: string[]) {
    return runTool(cmd, ['-i', this.path, ...args], { signal: this.ctx.signal, env: { ...this.ctx.env, PATH: this.ctx.env.PATH ?? process.env.PATH, MTOOLS_SKIP_CHECK: '1' } });
  }

  async mkdirs(dir: string): Promise<void> {
    const parts = dir.split('/').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (this.dirs.has(d)) continue;
      await this.tool('mmd', [`::/${d}`]);
      this.dirs.add(d);
    }
  }

  /** Copies local file `src` to `dest` (a path on the disk, '/'-separated). */
  async copy(src: string, dest: string): Promise<void> {
    await this.mkdirs(dirname(dest) === '.' ? '' : dirname(dest));
    await this.tool('mcopy', ['-D', 'o', '-Q', src, `::/${dest}`]);
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

async function fill(img: FloppyImage, c: FloppyConfig, ctx: RunContext, scratch: string): Promise<void> {
  ctx.ui.message('Copying files flatly from floppy_files');
  for (const pattern of c.floppy_files ?? []) {
    for (const match of goGlob(pattern, ctx.cwd)) {
      const abs = resolve(ctx.cwd, match);
      if ((await stat(abs)).isDirectory()) {
        ctx.ui.message(`Copying directory: ${match}`);
        for (const f of await filesUnder(abs)) await img.copy(f, basename(f));
      } else {
        ctx.ui.message(`Copying file: ${match}`);
        await img.copy(abs, basename(abs));
      }
    }
  }
  ctx.ui.message('Done copying files from floppy_files');
  ctx.ui.message('Collecting paths from floppy_dirs');
  const dirs = (c.floppy_dirs ?? []).flatMap((p) => goGlob(p, ctx.cwd));
  ctx.ui.message(`Resulting paths from floppy_dirs : [${dirs.join(' ')}]`);
  for (const src of dirs) {
    ctx.ui.message(`Recursively copying : ${src}`);
    const abs = resolve(ctx.cwd, src);
    if (!(await stat(abs)).isDirectory()) {
      await img.copy(abs, basename(abs));
      continue;
    }
    const parent = dirname(abs);
    await img.mkdirs(basename(abs));
    for (const f of await filesUnder(abs)) await img.copy(f, f.slice(parent.length + 1));
  }
  ctx.ui.message('Done copying paths from floppy_dirs');
  let n = 0;
  for (const [path, content] of Object.entries(c.floppy_content ?? {})) {
    const local = join(scratch, `content-${n++}`);
    await writeFile(local, content);
    ctx.ui.message(`Adding content: ${path}`);
    await img.copy(local, path.replace(/^\/+/, ''));
  }
}

export function stepCreateFloppy<S extends FloppyState>(configOf: (state: S) => FloppyConfig): Step<S> {
  return {
    name: 'StepCreateFloppy',
    run: async (state, ctx) => {
      const c = configOf(state);
      if (!wantsFloppy(c)) return;
      ctx.ui.say('Creating floppy disk...');
      const dir = await mkdtemp(join(ctx.tempDir, 'floppy-'));
      state.floppyDir = dir;
      const path = join(dir, 'packer.vfd');
      await runTool('mformat', ['-C', '-f', '1440', '-v', c.floppy_label.slice(0, 11), '-i', path, '::'], {
        signal: ctx.signal,
        env: { ...ctx.env, PATH: ctx.env.PATH ?? process.env.PATH, MTOOLS_SKIP_CHECK: '1' },
      }).catch((e: Error) => {
        throw new Error(`Error creating floppy: ${e.message}`, { cause: e });
      });
      await fill(new FloppyImage(path, ctx), c, ctx, dir).catch((e: Error) => {
        throw new Error(`Error adding file to floppy: ${e.message}`, { cause: e });
      });
      state.floppyPath = path;
    },
    cleanup: async (state) => {
      if (state.floppyDir) await rm(state.floppyDir, { recursive: true, force: true });
      state.floppyDir = undefined;
      state.floppyPath = undefined;
    },
  };
}
