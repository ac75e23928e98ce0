// A build, ready to run: the builder's and every provisioner's and post-processor's configuration, decoded on use.

import type { Diagnostic } from '../diag/diagnostic.js';
import type { Value } from '../value/value.js';
import type { PluginConfig } from './config.js';

/**
 * Produces a plugin's configuration, evaluated with extra values known only at run time (`build.*` generated data).
 * Called once per use; diagnostics are configuration errors. With `requireKnown` (the configuration the plugin
 * runs with), a value that is not known is an error; without it (checks before running) it is left out.
 * `sensitive` holds the values of the options the plugin declares sensitive, for the build's output to hide.
 */
export type Configure = (extra: Record<string, Value>, opts?: { requireKnown?: boolean }) => { config: PluginConfig; diagnostics: Diagnostic[]; sensitive?: string[] };

export interface ProvisionerStep {
  type: string;
  /** Display name (`name` argument), or '' */
  name: string;
  pauseBeforeMs: number;
  maxRetries: number;
  timeoutMs: number;
  configure: Configure;
}

export interface PostProcessorStep {
  type: string;
  name: string;
  /** User's `keep_input_artifact`, when set. */
  keepInputArtifact?: boolean;
  configure: Configure;
}

export interface BuildPlan {
  /** Full name: `type.name` or `build.type.name`. */
  name: string;
  builderType: string;
  sourceName: string;
  /**
   * PACKER_BUILD_NAME and the manifest's `name`: the name of the `source` block, before any rename by the build
   * (Packer 1.6.6). Defaults to `sourceName`.
   */
  packerBuildName?: string;
  /** Name of the `build` block, or ''. */
  buildBlockName: string;
  builder: Configure;
  provisioners: ProvisionerStep[];
  errorCleanupProvisioner?: ProvisionerStep;
  postProcessorChains: PostProcessorStep[][];
}
