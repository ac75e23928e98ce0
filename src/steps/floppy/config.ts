// Packer's FloppyConfig: floppy_files, floppy_dirs, floppy_content and floppy_label, with its checks.

import { opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { statProblem } from '../../plugin/check-path.js';
import { hasGlob } from './go-glob.js';

export const floppyOptions = {
  floppy_files: opt.strings('Files put at the root of a floppy disk attached to the machine (globs allowed; a folder adds its files, flattened).'),
  floppy_dirs: opt.strings('Folders put on the floppy disk with their structure (globs allowed).'),
  floppy_content: opt.stringMap('Files written on the floppy disk: path on the disk = content.'),
  floppy_label: opt.string('The label of the floppy disk.').defaultIfEmpty('packer'),
};

export type FloppyConfig = ConfigOf<typeof floppyOptions>;

/** Whether the configuration puts anything on a floppy disk. */
export const wantsFloppy = (c: FloppyConfig) => (c.floppy_files?.length ?? 0) + (c.floppy_dirs?.length ?? 0) + Object.keys(c.floppy_content ?? {}).length > 0;

/** Packer's FloppyConfig.Prepare: every path that is not a glob exists (a glob is checked at build time). */
export function floppyProblems(c: FloppyConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const [key, what] of [
    ['floppy_files', 'file'],
    ['floppy_dirs', 'directory'],
  ] as const) {
    for (const path of c[key] ?? []) {
      if (hasGlob(path)) continue;
      const problem = statProblem(path, ctx);
      if (problem) out.push({ message: `Bad Floppy disk ${what} '${path}': ${problem}`, attribute: key });
    }
  }
  return out;
}
