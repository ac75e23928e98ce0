// The build command's entry to publishing: a Publisher when the run publishes, undefined when it does not, or the
// message that stops the run before any build starts (a registry that is down, a bucket without a name). The
// metadata builds record (src/publish/metadata) is gathered only for a run that publishes.

import type { BuildPlan } from '../plugin/plan.js';
import type { RegistryBlockSettings } from '../template/hcp-registry.js';
import type { Ui } from '../ui/ui.js';
import { buildMetadata, gatherRunMetadata, type BuildCommandOptions } from './metadata/run-metadata.js';
import type { ParentVersion } from './parents.js';
import { Publisher } from './publisher.js';
import { publishTarget } from './target.js';

export interface OpenOptions {
  plans: readonly BuildPlan[];
  ui: Ui;
  runUuid: string;
  parents: readonly ParentVersion[];
  /** The template's folder: its git repository is the builds' `vcs` metadata. */
  templateDir: string;
  options: BuildCommandOptions;
}

export async function openPublisher(block: RegistryBlockSettings | undefined, env: Readonly<Record<string, string | undefined>>, o: OpenOptions): Promise<{ publisher?: Publisher; error?: string }> {
  const target = publishTarget(block, env);
  if (target.kind === 'none') return {};
  if (target.kind === 'unset') {
    o.ui.say(`Warning: ${target.message}`);
    return {};
  }
  if (target.kind === 'error') return { error: target.message };
  const run = await gatherRunMetadata(o.templateDir, env, o.options);
  const builds = o.plans.map((plan) => ({ name: plan.name, metadata: buildMetadata(run, plan) }));
  try {
    return { publisher: await Publisher.open(target.target, { builds, ui: o.ui, runUuid: o.runUuid, parents: o.parents }) };
  } catch (e) {
    return { error: `Publishing to the image registry failed before any build started: ${(e as Error).message}` };
  }
}
