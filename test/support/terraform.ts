// The terraform binary on the PATH (this machine kind has one; it cannot download providers, so tests use only
// what is built in), and the environment a test runs it in.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Need } from './needs.js';

export const TERRAFORM = (process.env.PATH ?? '').split(':').map((d) => join(d, 'terraform')).find((p) => existsSync(p));

export const terraform: Need = {
  what: 'terraform (on the PATH)',
  install: "install HashiCorp's terraform binary on the PATH",
  present: TERRAFORM !== undefined,
};

/** Terraform's environment for a run in `dir`: no user configuration (an empty CLI config file), no prompts, no checkpoint. */
export function terraformEnv(dir: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, 'terraformrc'), '');
  return { ...process.env, HOME: dir, TF_CLI_CONFIG_FILE: join(dir, 'terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}
