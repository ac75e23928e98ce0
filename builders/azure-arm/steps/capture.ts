import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { azureErrorMessage, isNotFound } from '../../../src/providers/azure/errors.js';
import { untilDone } from '../../../src/providers/azure/operations.js';
import { armId, type AzureArmState, type MadeResource } from '../state.js';
import { recordResource } from '../track.js';
import { tagsOf } from '../config.js';

/** Packer's StepPowerOffCompute: deallocates the VM. */
export const stepPowerOff: Step<AzureArmState> = {
  name: 'StepPowerOffCompute',
  run: async (state, ctx) => {
    ctx.ui.say('Powering off machine ...');
    ctx.ui.message(` -> ResourceGroupName : '${state.group}'`);
    ctx.ui.message(` -> ComputeName       : '${state.names.vm}'`);
    try {
      await untilDone(state.azure.compute.virtualMachines.deallocate(state.group, state.names.vm, { abortSignal: ctx.signal }), ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw new Error(`Error powering off the machine: ${azureErrorMessage(e)}`, { cause: e });
    }
  },
};

/** Deletes a made image or gallery version (the journal keeps what fails); whether it is gone. */
async function dropMade(made: MadeResource, ui: { error(m: string): void }, remove: () => Promise<unknown>, forget: (r: string) => void): Promise<boolean> {
  try {
    await remove();
  } catch (e) {
    if (!isNotFound(e)) {
      ui.error(`Error deleting ${made.id}: ${errorMessage(e)} (the journal keeps it for tsbuild cleanup)`);
      return false;
    }
  }
  if (made.record) forget(made.record);
  return true;
}

/**
 * Packer's StepCaptureImage: generalizes the VM, then makes the managed image of it (journaled first). When the
 * build fails or is cancelled, cleanup deletes the image.
 */
export const stepCapture: Step<AzureArmState> = {
  name: 'StepCaptureImage',
  run: async (state, ctx) => {
    const c = state.config;
    const { compute } = state.azure;
    const signal = ctx.signal;
    const rg = c.managed_image_resource_group_name!;
    const name = c.managed_image_name!;
    ctx.ui.say('Capturing image ...');
    ctx.ui.message(` -> Compute ResourceGroupName : '${state.group}'`);
    ctx.ui.message(` -> Compute Name              : '${state.names.vm}'`);
    ctx.ui.message(` -> Compute Location          : '${state.location}'`);
    ctx.ui.message(` -> Image ResourceGroupName   : '${rg}'`);
    ctx.ui.message(` -> Image Name                : '${name}'`);
    ctx.ui.message(` -> Image Location            : '${state.location}'`);
    try {
      await compute.virtualMachines.generalize(state.group, state.names.vm, { abortSignal: signal });
      state.image = recordResource(state, ctx, armId(state, rg, 'Microsoft.Compute', `images/${name}`), 'managed image');
      const storageType = (c.managed_image_storage_account_type ?? 'Standard_LRS') as 'Standard_LRS' | 'Premium_LRS';
      await untilDone(
        compute.images.createOrUpdate(
          rg,
          name,
          { location: state.location, tags: tagsOf(c), sourceVirtualMachine: { id: state.vmId }, storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', storageAccountType: storageType } } },
          { abortSignal: signal },
        ),
        signal,
      );
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`Error capturing the image: ${azureErrorMessage(e)}`, { cause: e });
    }
  },
  cleanup: async (state, ctx) => {
    if (!ctx.outcome.halted && !ctx.outcome.cancelled) return;
    const image = state.image;
    if (!image) return;
    ctx.ui.say(`Deleting the managed image because of cancellation, or error ...`);
    const c = state.config;
    const gone = await dropMade(image, ctx.ui, () => untilDone(state.azure.compute.images.delete(c.managed_image_resource_group_name!, c.managed_image_name!), ctx.signal), (r) => ctx.journal.forget(r));
    if (gone) state.image = undefined;
  },
};

/**
 * Packer's StepPublishToSharedImageGallery: a gallery image version from the managed image, replicated to the
 * build location and replication_regions. Deleted when the build fails or is cancelled.
 */
export const stepPublishGallery: Step<AzureArmState> = {
  name: 'StepPublishToSharedImageGallery',
  run: async (state, ctx) => {
    const c = state.config;
    const sig = c.shared_image_gallery_destination!;
    const signal = ctx.signal;
    ctx.ui.say('Publishing to Shared Image Gallery ...');
    ctx.ui.message(` -> MDI ID used for SIG publish     : '${state.image!.id}'`);
    ctx.ui.message(` -> SIG publish resource group     : '${sig.resource_group}'`);
    ctx.ui.message(` -> SIG gallery name     : '${sig.gallery_name}'`);
    ctx.ui.message(` -> SIG image name     : '${sig.image_name}'`);
    ctx.ui.message(` -> SIG image version     : '${sig.image_version}'`);
    ctx.ui.message(` -> SIG replication regions    : '${JSON.stringify(sig.replication_regions)}'`);
    ctx.ui.message(` -> SIG storage account type    : '${sig.storage_account_type ?? ''}'`);
    const sub = sig.subscription || state.azure.subscriptionId;
    const id = `/subscriptions/${sub}/resourceGroups/${sig.resource_group}/providers/Microsoft.Compute/galleries/${sig.gallery_name}/images/${sig.image_name}/versions/${sig.image_version}`;
    state.galleryVersion = recordResource(state, ctx, id, 'gallery image version');
    const regions = [...new Set([state.location, ...sig.replication_regions])];
    const storage = (sig.storage_account_type ?? 'Standard_LRS') as 'Standard_LRS' | 'Standard_ZRS';
    try {
      await untilDone(
        state.azure.compute.galleryImageVersions.createOrUpdate(
          sig.resource_group!,
          sig.gallery_name!,
          sig.image_name!,
          sig.image_version!,
          {
            location: state.location,
            tags: tagsOf(c),
            publishingProfile: {
              targetRegions: regions.map((name) => ({ name, regionalReplicaCount: c.shared_image_gallery_replica_count, storageAccountType: storage })),
              replicaCount: c.shared_image_gallery_replica_count,
              endOfLifeDate: c.shared_gallery_image_version_end_of_life_date ? new Date(c.shared_gallery_image_version_end_of_life_date) : undefined,
              excludeFromLatest: c.shared_gallery_image_version_exclude_from_latest,
              storageAccountType: storage,
            },
            storageProfile: { source: { id: state.image!.id } },
          },
          { abortSignal: signal },
        ),
        signal,
      );
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`Error publishing to the Shared Image Gallery: ${azureErrorMessage(e)}`, { cause: e });
    }
    ctx.ui.message(` -> Shared Gallery Image Version ID : '${id}'`);
  },
  cleanup: async (state, ctx) => {
    if (!ctx.outcome.halted && !ctx.outcome.cancelled) return;
    const v = state.galleryVersion;
    if (!v) return;
    const sig = state.config.shared_image_gallery_destination!;
    ctx.ui.say('Deleting the Shared Image Gallery image version because of cancellation, or error ...');
    const gone = await dropMade(
      v,
      ctx.ui,
      () => untilDone(state.azure.compute.galleryImageVersions.delete(sig.resource_group!, sig.gallery_name!, sig.image_name!, sig.image_version!), ctx.signal),
      (r) => ctx.journal.forget(r),
    );
    if (gone) state.galleryVersion = undefined;
  },
};
