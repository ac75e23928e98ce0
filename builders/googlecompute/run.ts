// The googlecompute builder's run: Packer's steps, in Packer's order, on the Compute Engine driver.

import { sshSettingsOf } from '../../src/communicator/ssh/config.js';
import { runSteps, type Step } from '../../src/engine/steps.js';
import { timeOrderedUuid } from '../../src/gotemplate/index.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import { gceAccessData } from '../../src/providers/gcp/journal-data.js';
import { loadGcp } from '../../src/providers/gcp/load.js';
import { stepConnectSsh, sshGeneratedData } from '../../src/steps/connect-ssh.js';
import { stepProvision } from '../../src/steps/provision.js';
import { parseDuration } from '../../src/template/duration.js';
import { onSourceInstance } from '../amazon-ebs/instance-comm.js';
import { imageArtifact } from './artifact.js';
import type { GooglecomputeConfig } from './config.js';
import { waitsForStartupScript } from './metadata.js';
import type { GceState } from './state.js';
import { stepCheckExistingImage } from './steps/check-existing-image.js';
import { stepCreateImage } from './steps/create-image.js';
import { stepCreateInstance } from './steps/create-instance.js';
import { stepImportOsLoginKey } from './steps/import-os-login-key.js';
import { stepInstanceInfo } from './steps/instance-info.js';
import { stepSshKey } from './steps/ssh-key.js';
import { stepTeardownInstance } from './steps/teardown-instance.js';
import { stepWaitStartupScript } from './steps/wait-startup-script.js';

const DEFAULT_STATE_TIMEOUT_MS = 5 * 60_000;

function steps(state: GceState, provision: ProvisionHook): Step<GceState>[] {
  const config = state.config;
  const list: Step<GceState>[] = [stepCheckExistingImage, stepSshKey, stepImportOsLoginKey, stepCreateInstance, stepInstanceInfo];
  if (config.communicator !== 'none') {
    const base = sshSettingsOf(config);
    const settings = (s: GceState) => ({ ...base, host: s.host!, username: s.sshUsername ?? base.username, privateKey: s.privateKey ?? base.privateKey });
    list.push(stepConnectSsh<GceState>((s) => ({ ...settings(s), privateKeyFile: s.privateKey ? undefined : base.privateKeyFile })));
    list.push({
      name: 'StepSetGeneratedData',
      run: async (s) => {
        s.data = { ...(await sshGeneratedData(settings(s))), ...s.data };
      },
    });
  }
  if (waitsForStartupScript(state)) list.push(stepWaitStartupScript);
  list.push(stepProvision<GceState>(provision, (s) => s.comm && onSourceInstance(s.comm), (s) => s.data));
  list.push(stepTeardownInstance);
  if (!config.skip_create_image) list.push(stepCreateImage);
  return list;
}

export async function runGooglecompute(config: GooglecomputeConfig, ctx: RunContext, provision: ProvisionHook): Promise<Artifact | undefined> {
  const gcp = await loadGcp();
  const open = () => gcp.openGce(config, ctx.cwd, ctx.env, ctx.signal);
  const driver = await open();
  try {
    const instanceName = config.instance_name || `packer-${timeOrderedUuid()}`;
    const state: GceState = {
      config,
      driver,
      access: gceAccessData(config, ctx.cwd),
      zone: config.zone!,
      imageName: config.image_name || `packer-${Math.floor(ctx.now().getTime() / 1000)}`,
      instanceName,
      diskName: config.disk_name || instanceName,
      stateTimeoutMs: config.state_timeout ? parseDuration(config.state_timeout)! : DEFAULT_STATE_TIMEOUT_MS,
      instanceLive: false,
      diskLive: false,
      data: {},
    };
    await runSteps(steps(state, provision), state, ctx);
    if (!state.image) return undefined;
    return imageArtifact(state.image, state.zone, state.sourceImage?.name ?? '', state.data, () => gcp.openGce(config, ctx.cwd, ctx.env, new AbortController().signal));
  } finally {
    await driver.close();
  }
}
