import type { Step } from '../../../src/engine/steps.js';
import { azureErrorMessage, isNotFound } from '../../../src/providers/azure/errors.js';
import { untilDone } from '../../../src/providers/azure/operations.js';
import type { AzureArmState } from '../state.js';

/** What the checks found wrong (as opposed to a failed call). */
class CheckFailure extends Error {}

/** Runs `call`; undefined when ARM says the resource is not there. */
async function unlessNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * Before anything is made (so that a wrong name costs nothing): the source image exists, the managed image's
 * group exists and the image does not (-force deletes it, as Packer's), and the gallery image definition exists.
 */
export const stepCheckSource: Step<AzureArmState> = {
  name: 'StepCheckSource',
  run: async (state, ctx) => {
    const c = state.config;
    const { compute, resources } = state.azure;
    const signal = ctx.signal;
    try {
      if (c.image_publisher) {
        const version = c.image_version || 'latest';
        const versions = await compute.virtualMachineImages.list(state.location, c.image_publisher, c.image_offer!, c.image_sku!, { abortSignal: signal });
        if (versions.length === 0 || (version !== 'latest' && !versions.some((v) => v.name === version))) {
          throw new CheckFailure(`The source image ${c.image_publisher}:${c.image_offer}:${c.image_sku}:${version} does not exist in location ${state.location}`);
        }
      } else if (c.custom_managed_image_name) {
        const found = await unlessNotFound(() => compute.images.get(c.custom_managed_image_resource_group_name!, c.custom_managed_image_name!, { abortSignal: signal }));
        if (!found) throw new CheckFailure(`Cannot find the source managed image ${c.custom_managed_image_name} in resource group ${c.custom_managed_image_resource_group_name}`);
      } else if (c.shared_image_gallery?.gallery_name) {
        const g = c.shared_image_gallery;
        const found = await unlessNotFound(() =>
          g.image_version
            ? compute.galleryImageVersions.get(g.resource_group!, g.gallery_name!, g.image_name!, g.image_version, { abortSignal: signal })
            : compute.galleryImages.get(g.resource_group!, g.gallery_name!, g.image_name!, { abortSignal: signal }),
        );
        if (!found) throw new CheckFailure(`Cannot find the source Shared Image Gallery image ${g.gallery_name}/${g.image_name}${g.image_version ? `/${g.image_version}` : ''} in resource group ${g.resource_group}`);
      }
      const rg = c.managed_image_resource_group_name!;
      if (!(await unlessNotFound(() => resources.resourceGroups.get(rg, { abortSignal: signal })))) throw new CheckFailure(`Cannot locate the managed image resource group ${rg}.`);
      const existing = await unlessNotFound(() => compute.images.get(rg, c.managed_image_name!, { abortSignal: signal }));
      if (existing) {
        if (!ctx.force) throw new CheckFailure(`the managed image named ${c.managed_image_name} already exists in the resource group ${rg}, use the -force option to automatically delete it.`);
        ctx.ui.say(`Deleting the existing managed image ${c.managed_image_name} (-force)...`);
        await untilDone(compute.images.delete(rg, c.managed_image_name!, { abortSignal: signal }), signal);
      }
      const sig = c.shared_image_gallery_destination;
      if (sig?.gallery_name) {
        const def = await unlessNotFound(() => compute.galleryImages.get(sig.resource_group!, sig.gallery_name!, sig.image_name!, { abortSignal: signal }));
        if (!def) throw new CheckFailure(`The Shared Image Gallery image definition ${sig.gallery_name}/${sig.image_name} does not exist in resource group ${sig.resource_group}: create it first`);
      }
    } catch (e) {
      if (e instanceof CheckFailure || signal.aborted) throw e;
      throw new Error(azureErrorMessage(e), { cause: e });
    }
  },
};
