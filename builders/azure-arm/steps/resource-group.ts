import type { CleanupContext, Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { azureErrorMessage, isNotFound } from '../../../src/providers/azure/errors.js';
import { API_VERSIONS, byIdPath, typeOfId } from '../../../src/providers/azure/journal-data.js';
import { untilDone } from '../../../src/providers/azure/operations.js';
import { randomSuffix } from '../names.js';
import type { AzureArmState } from '../state.js';
import { recordResource } from '../track.js';
import { tagsOf } from '../config.js';

/**
 * Packer's StepCreateResourceGroup: the temporary group `pkr-Resource-Group-<random>` (or temp_resource_group_name)
 * in `location`, journaled first; or the existing build_resource_group_name. Its cleanup runs last: it deletes the
 * temporary group with everything in it (without waiting, with async_resourcegroup_delete), or, in an existing group,
 * each resource the build made there, newest first.
 */
export const stepResourceGroup: Step<AzureArmState> = {
  name: 'StepCreateResourceGroup',
  run: async (state, ctx) => {
    const c = state.config;
    if (c.build_resource_group_name) {
      ctx.ui.say(`Using existing resource group ...`);
      ctx.ui.message(` -> ResourceGroupName : '${state.group}'`);
      ctx.ui.message(` -> Location          : '${state.location}'`);
      return;
    }
    const name = c.temp_resource_group_name || `pkr-Resource-Group-${randomSuffix()}`;
    state.group = name;
    ctx.ui.say('Creating resource group ...');
    ctx.ui.message(` -> ResourceGroupName : '${name}'`);
    ctx.ui.message(` -> Location          : '${state.location}'`);
    const tags = Object.entries(tagsOf(c));
    ctx.ui.message(' -> Tags              :');
    for (const [k, v] of tags.sort()) ctx.ui.message(` ->> ${k} : ${v}`);
    state.tempGroup = recordResource(state, ctx, `/subscriptions/${state.azure.subscriptionId}/resourceGroups/${name}`, 'resource group');
    try {
      await state.azure.resources.resourceGroups.createOrUpdate(name, { location: state.location, tags: tagsOf(c) }, { abortSignal: ctx.signal });
    } catch (e) {
      throw new Error(`Error creating resource group: ${azureErrorMessage(e)}`, { cause: e });
    }
  },
  cleanup: async (state, ctx) => {
    await deleteMade(state, ctx);
    const group = state.tempGroup;
    if (!group) return;
    ctx.ui.say('Deleting resource group ...');
    ctx.ui.message(` -> ResourceGroupName : '${state.group}'`);
    try {
      const poller = await state.azure.resources.resourceGroups.beginDelete(state.group, { abortSignal: ctx.signal });
      if (state.config.async_resourcegroup_delete) {
        // Accepted: Resource Manager finishes it; as Packer, the build does not wait.
        ctx.ui.say(`Resource Group is being deleted, not waiting for deletion due to config. Resource Group Name '${state.group}'`);
      } else {
        await untilDone(poller, ctx.signal);
      }
    } catch (e) {
      if (!isNotFound(e)) {
        ctx.ui.error(`Error deleting resource group.  Please delete it manually.\n\nName: ${state.group}\nError: ${azureErrorMessage(e)}\n(the journal keeps it for tsbuild cleanup)`);
        return;
      }
    }
    if (group.record) ctx.journal.forget(group.record);
    state.tempGroup = undefined;
  },
};

/** Deletes what the build made in an existing group, newest first; what fails stays in the journal. */
async function deleteMade(state: AzureArmState, ctx: CleanupContext): Promise<void> {
  if (state.made.length === 0) return;
  ctx.ui.say('Deleting the temporary resources in the build resource group ...');
  for (const r of [...state.made].reverse()) {
    ctx.ui.message(` -> ${r.id.split('/providers/')[1] ?? r.id}`);
    try {
      await untilDone(await state.azure.resources.resources.beginDeleteById(byIdPath(r.id), apiVersionOf(r.id)), ctx.signal);
      if (r.record) ctx.journal.forget(r.record);
      state.made = state.made.filter((m) => m !== r);
    } catch (e) {
      ctx.ui.error(`Error deleting ${r.id}: ${errorMessage(e)} (the journal keeps it for tsbuild cleanup)`);
    }
  }
}

const apiVersionOf = (id: string) => API_VERSIONS[typeOfId(id).toLowerCase()] ?? '2024-03-01';
