// Resources the build makes: written to the journal before they are asked for, crossed out once deleted.

import type { RunContext } from '../../src/plugin/context.js';
import { API_VERSIONS, typeOfId } from '../../src/providers/azure/journal-data.js';
import type { AzureArmState, MadeResource } from './state.js';

/** Journals `id` (what cleanup deletes by, with its type's API version). */
export function recordResource(state: AzureArmState, ctx: RunContext, id: string, what: string): MadeResource {
  const apiVersion = API_VERSIONS[typeOfId(id).toLowerCase()] ?? '';
  return { id, record: ctx.journal.record('azure-resource', ctx.buildName, `${what} ${id.split('/').pop()}`, { ...state.access, id, apiVersion }) };
}

/**
 * A resource made in the build group: with a temporary group, deleting the group deletes it (the group's record
 * covers it); in an existing group it is journaled and deleted on its own at the end.
 */
export function trackInGroup(state: AzureArmState, ctx: RunContext, id: string, what: string): void {
  if (state.tempGroup) return;
  state.made.push(recordResource(state, ctx, id, what));
}
