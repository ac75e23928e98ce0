import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { ImageSpec } from '../../../src/providers/gcp/driver.js';
import type { GceState } from '../state.js';

function imageSpec(state: GceState): ImageSpec {
  const c = state.config;
  const key = c.image_encryption_key;
  return {
    name: state.imageName,
    description: c.image_description,
    sourceDisk: `projects/${state.driver.project}/zones/${state.zone}/disks/${state.diskName}`,
    ...(c.image_family ? { family: c.image_family } : {}),
    labels: c.image_labels,
    licenses: c.image_licenses,
    ...(c.image_storage_locations.length > 0 ? { storageLocations: c.image_storage_locations } : {}),
    ...(c.image_guest_os_features.length > 0 ? { guestOsFeatures: c.image_guest_os_features.map((type) => ({ type })) } : {}),
    ...(key ? { imageEncryptionKey: key.kmsKeyName ? { kmsKeyName: key.kmsKeyName } : { rawKey: key.rawKey } } : {}),
  };
}

/**
 * Packer's StepCreateImage: the image from the boot disk of the deleted instance; waits for the global operation
 * and for the image to be READY. The image is written to the journal before the insert; a failed or cancelled
 * build deletes it (Packer leaves it).
 */
export const stepCreateImage: Step<GceState> = {
  name: 'StepCreateImage',
  run: async (state, ctx) => {
    ctx.ui.say('Creating image...');
    state.imageRecord = ctx.journal.record('gce-image', ctx.buildName, `image ${state.imageName} (${state.access.project})`, { ...state.access, name: state.imageName });
    state.image = await state.driver.createImage(imageSpec(state), ctx.signal, (operation) => {
      state.imageOperation = operation;
      ctx.journal.update(state.imageRecord!, { operation });
    });
  },
  cleanup: async (state, ctx) => {
    if ((!ctx.outcome.halted && !ctx.outcome.cancelled) || !state.imageRecord) return;
    ctx.ui.say(`Deleting image ${state.imageName} because of cancellation, or error...`);
    try {
      if (state.imageOperation) await state.driver.waitOperation(undefined, state.imageOperation, ctx.signal).catch(() => undefined);
      await state.driver.deleteImage(state.imageName, ctx.signal);
      ctx.journal.forget(state.imageRecord);
      state.imageRecord = undefined;
      state.image = undefined;
    } catch (e) {
      ctx.ui.error(`${errorMessage(e)}: the journal keeps image ${state.imageName} for tsbuild cleanup`);
    }
  },
};
