// The azure-arm builder's run: Packer's steps, in Packer's order, on the Azure SDK's Resource Manager clients.

import { sshSettingsOf } from '../../src/communicator/ssh/config.js';
import { runSteps, type Step } from '../../src/engine/steps.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import { azureErrorMessage } from '../../src/providers/azure/errors.js';
import { azureAccessData } from '../../src/providers/azure/journal-data.js';
import { loadAzure } from '../../src/providers/azure/load.js';
import { untilDone } from '../../src/providers/azure/operations.js';
import { stepConnectSsh, sshGeneratedData } from '../../src/steps/connect-ssh.js';
import { stepProvision } from '../../src/steps/provision.js';
import { onSourceInstance } from '../amazon-ebs/instance-comm.js';
import { azureArtifact } from './artifact.js';
import type { AzureArmConfig } from './config.js';
import { temporaryNames } from './names.js';
import type { AzureArmState } from './state.js';
import { stepCapture, stepPowerOff, stepPublishGallery } from './steps/capture.js';
import { stepCheckSource } from './steps/check-source.js';
import { stepDeployVm } from './steps/deploy-vm.js';
import { stepKeyPair } from './steps/key-pair.js';
import { stepNetwork } from './steps/network.js';
import { stepResourceGroup } from './steps/resource-group.js';

function steps(config: AzureArmConfig, provision: ProvisionHook): Step<AzureArmState>[] {
  const list: Step<AzureArmState>[] = [stepCheckSource, stepResourceGroup, stepKeyPair, stepNetwork, stepDeployVm];
  if (config.communicator !== 'none') {
    const base = sshSettingsOf(config);
    list.push(stepConnectSsh<AzureArmState>((s) => ({ ...base, host: s.host!, privateKey: s.privateKey, privateKeyFile: undefined })));
    list.push({
      name: 'StepSetGeneratedData',
      run: async (state) => {
        state.data = { ...(await sshGeneratedData({ ...base, host: state.host!, privateKey: state.privateKey })), ...state.data };
      },
    });
  }
  list.push(stepProvision<AzureArmState>(provision, (s) => s.comm && onSourceInstance(s.comm), (s) => s.data));
  list.push(stepPowerOff, stepCapture);
  if (config.shared_image_gallery_destination?.gallery_name) list.push(stepPublishGallery);
  return list;
}

function sourceOf(c: AzureArmConfig): string {
  if (c.image_publisher) return `${c.image_publisher}:${c.image_offer}:${c.image_sku}:${c.image_version || 'latest'}`;
  if (c.custom_managed_image_name) return `${c.custom_managed_image_resource_group_name}/${c.custom_managed_image_name}`;
  const g = c.shared_image_gallery!;
  return `${g.resource_group}/${g.gallery_name}/${g.image_name}/${g.image_version ?? 'latest'}`;
}

export async function runAzureArm(config: AzureArmConfig, ctx: RunContext, provision: ProvisionHook): Promise<Artifact | undefined> {
  const { openAzure } = await loadAzure();
  const azure = await openAzure(config, ctx.env, ctx.cwd, ctx.signal);
  let location = config.location ?? '';
  if (config.build_resource_group_name) {
    try {
      location = (await azure.resources.resourceGroups.get(config.build_resource_group_name, { abortSignal: ctx.signal })).location;
    } catch (e) {
      throw new Error(`Cannot locate the build resource group ${config.build_resource_group_name}: ${azureErrorMessage(e)}`, { cause: e });
    }
  }
  const state: AzureArmState = {
    config,
    azure,
    access: azureAccessData(config, azure.cloud, azure.subscriptionId, azure.tenantId),
    location,
    group: config.build_resource_group_name ?? '',
    names: temporaryNames(config.temp_compute_name),
    made: [],
    data: {},
  };
  await runSteps(steps(config, provision), state, ctx);
  if (!state.image) return undefined;
  const sig = config.shared_image_gallery_destination;
  const galleryVersionId = state.galleryVersion?.id;
  return azureArtifact(
    { resourceGroup: config.managed_image_resource_group_name!, name: config.managed_image_name!, id: state.image.id, location, galleryVersionId, source: sourceOf(config) },
    state.data,
    async () => {
      const signal = new AbortController().signal;
      if (galleryVersionId && sig) await untilDone(azure.compute.galleryImageVersions.delete(sig.resource_group!, sig.gallery_name!, sig.image_name!, sig.image_version!), signal);
      await untilDone(azure.compute.images.delete(config.managed_image_resource_group_name!, config.managed_image_name!), signal);
    },
  );
}
