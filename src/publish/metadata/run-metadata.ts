// The metadata a publishing build records (`Build.metadata`), in current Packer's shape: `packer` (the Packer
// version whose template behaviour tsbuild follows, as `packer.version` in templates; the plugins the build uses,
// each built into tsbuild, so with tsbuild's version; the operating system; the build command's options), `vcs`
// (git, from the template's repository) and `cicd` (the CI system), each left out when unknown; and tsbuild's own
// `tsbuild_version`. Variable values are not recorded: they may be secrets.

import type { BuildPlan } from '../../plugin/plan.js';
import { PACKER_VERSION, TSBUILD_VERSION } from '../../template/version.js';
import { readCicd, type CicdMetadata } from './cicd.js';
import { readOs, type OsMetadata } from './os.js';
import { readVcs, type VcsMetadata } from './vcs.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The build command's options, as Packer records them (`packer.options`). */
export interface BuildCommandOptions {
  debug: boolean;
  force: boolean;
  only: string[];
  except: string[];
}

/** What every build of a run shares. */
export interface RunMetadata {
  os: OsMetadata;
  options: BuildCommandOptions;
  vcs?: VcsMetadata;
  cicd?: CicdMetadata;
}

export async function gatherRunMetadata(templateDir: string, env: Env, options: BuildCommandOptions): Promise<RunMetadata> {
  const vcs = await readVcs(templateDir, env);
  const cicd = readCicd(env);
  return { os: readOs(), options, ...(vcs ? { vcs } : {}), ...(cicd ? { cicd } : {}) };
}

/** The plugin types a build runs: its builder, provisioners and post-processors, each once. */
function pluginsOf(plan: BuildPlan): { name: string; version: string }[] {
  const types = [plan.builderType, ...plan.provisioners.map((p) => p.type), ...(plan.errorCleanupProvisioner ? [plan.errorCleanupProvisioner.type] : []), ...plan.postProcessorChains.flat().map((p) => p.type)];
  return [...new Set(types)].map((name) => ({ name, version: TSBUILD_VERSION }));
}

export function buildMetadata(run: RunMetadata, plan: BuildPlan): Record<string, unknown> {
  return {
    tsbuild_version: TSBUILD_VERSION,
    packer: { version: PACKER_VERSION, plugins: pluginsOf(plan), os: run.os, options: run.options },
    ...(run.vcs ? { vcs: run.vcs } : {}),
    ...(run.cicd ? { cicd: run.cicd } : {}),
  };
}
