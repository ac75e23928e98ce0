// Packer's CDConfig: cd_files, cd_content and cd_label, with its checks.

import { opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { statProblem } from '../../plugin/check-path.js';
import { hasGlob } from '../floppy/go-glob.js';

export const cdOptions = {
  cd_files: opt.strings('Files and folders put on a CD attached to the machine (globs allowed; folders keep their structure).'),
  cd_content: opt.stringMap('Files written on the CD: path on the CD = content.'),
  cd_label: opt.string('The volume label of the CD.'),
};

export type CdConfig = ConfigOf<typeof cdOptions>;

export const wantsCd = (c: CdConfig) => (c.cd_files?.length ?? 0) + Object.keys(c.cd_content ?? {}).length > 0;

/** Packer's CDConfig.Prepare: every path that is not a glob exists. */
export function cdProblems(c: CdConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const path of c.cd_files ?? []) {
    if (hasGlob(path)) continue;
    const problem = statProblem(path, ctx);
    if (problem) out.push({ message: `Bad CD disk file '${path}': ${problem}`, attribute: 'cd_files' });
  }
  return out;
}
