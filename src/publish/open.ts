// The build command's entry to publishing: a Publisher when the run publishes, undefined when it does not, or the
// message that stops the run before any build starts (a registry that is down, a bucket without a name).

import type { Ui } from '../ui/ui.js';
import type { RegistryBlockSettings } from '../template/hcp-registry.js';
import type { ParentVersion } from './parents.js';
import { Publisher } from './publisher.js';
import { publishTarget } from './target.js';

export async function openPublisher(
  block: RegistryBlockSettings | undefined,
  env: Readonly<Record<string, string | undefined>>,
  buildNames: readonly string[],
  ui: Ui,
  runUuid: string,
  parents: readonly ParentVersion[] = [],
): Promise<{ publisher?: Publisher; error?: string }> {
  const target = publishTarget(block, env);
  if (target.kind === 'none') return {};
  if (target.kind === 'unset') {
    ui.say(`Warning: ${target.message}`);
    return {};
  }
  if (target.kind === 'error') return { error: target.message };
  try {
    return { publisher: await Publisher.open(target.target, buildNames, ui, runUuid, parents) };
  } catch (e) {
    return { error: `Publishing to the image registry failed before any build started: ${(e as Error).message}` };
  }
}
