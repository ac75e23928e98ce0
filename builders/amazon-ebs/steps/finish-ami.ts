import {
  CreateTagsCommand,
  EnableImageDeprecationCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  type ModifyImageAttributeCommandInput,
  type ModifySnapshotAttributeCommandInput,
} from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { mergedTags } from '../../../src/providers/aws/tag-blocks.js';
import { Value } from '../../../src/value/value.js';
import { ec2Call } from '../ec2-call.js';
import { renderGenerated, renderTags } from '../generated-text.js';
import type { EbsState } from '../state.js';

/** Every AMI of the artifact: [region, id], sorted by region, or the build region's first and the copies in order. */
const amisOf = (state: EbsState, buildRegionFirst = false) => {
  const all = [...state.amis];
  if (!buildRegionFirst) return all.sort(([a], [b]) => (a < b ? -1 : 1));
  return [...all.filter(([r]) => r === state.region), ...all.filter(([r]) => r !== state.region)];
};

/** Packer's StepEnableDeprecation: deprecate_at on every AMI. */
export const stepDeprecation: Step<EbsState> = {
  name: 'StepEnableDeprecation',
  run: async (state, ctx) => {
    const at = state.config.deprecate_at;
    if (!at) return;
    for (const [region, id] of amisOf(state)) {
      ctx.ui.say(`Enabling deprecation on AMI (${id}) in region ${region} ...`);
      await ec2Call(ctx.signal, `Error enabling deprecation on AMI ${id}`, (o) => state.clientFor(region).send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(at) }), o));
    }
  },
};

/** Packer's StepModifyAMIAttributes: description, launch permissions (groups, users, organizations), then snapshot permissions. */
export const stepModifyAttributes: Step<EbsState> = {
  name: 'StepModifyAMIAttributes',
  run: async (state, ctx) => {
    const c = state.config;
    const description = c.ami_description ? renderGenerated(c.ami_description, state.data, 'ami_description') : '';
    const groups = c.ami_groups ?? [];
    const users = c.ami_users ?? [];
    const orgs = c.ami_org_arns ?? [];
    const snapGroups = c.snapshot_groups ?? [];
    const snapUsers = c.snapshot_users ?? [];
    // One call per kind of change, as Packer makes them.
    const imageChanges: [string, Omit<ModifyImageAttributeCommandInput, 'ImageId'>][] = [];
    if (description) imageChanges.push(['description', { Description: { Value: description } }]);
    if (groups.length) imageChanges.push(['groups', { LaunchPermission: { Add: groups.map((g) => ({ Group: g as 'all' })) } }]);
    if (users.length) imageChanges.push(['users', { LaunchPermission: { Add: users.map((UserId) => ({ UserId })) } }]);
    if (orgs.length) imageChanges.push(['organizations', { LaunchPermission: { Add: orgs.map((OrganizationArn) => ({ OrganizationArn })) } }]);
    const snapChanges: [string, Omit<ModifySnapshotAttributeCommandInput, 'SnapshotId'>][] = [];
    if (snapGroups.length) snapChanges.push(['groups', { CreateVolumePermission: { Add: snapGroups.map((g) => ({ Group: g as 'all' })) } }]);
    if (snapUsers.length) snapChanges.push(['users', { CreateVolumePermission: { Add: snapUsers.map((UserId) => ({ UserId })) } }]);
    if (imageChanges.length === 0 && snapChanges.length === 0) return;
    const amis = amisOf(state, true);
    if (imageChanges.length > 0) {
      for (const [region, id] of amis) {
        ctx.ui.say(`Modifying attributes on AMI (${id})...`);
        for (const [what, change] of imageChanges) {
          ctx.ui.message(`Modifying: ${what}`);
          await ec2Call(ctx.signal, `Error modify AMI attributes: ${what} of ${id}`, (o) => state.clientFor(region).send(new ModifyImageAttributeCommand({ ImageId: id, ...change }), o));
        }
      }
    }
    if (snapChanges.length === 0) return;
    for (const [region, id] of amis) {
      for (const snap of state.snapshots.get(id) ?? []) {
        ctx.ui.say(`Modifying attributes on snapshot (${snap})...`);
        for (const [what, change] of snapChanges) {
          ctx.ui.message(`Modifying: ${what}`);
          await ec2Call(ctx.signal, `Error modify snapshot attributes: ${what} of ${snap}`, (o) =>
            state.clientFor(region).send(new ModifySnapshotAttributeCommand({ SnapshotId: snap, ...change }), o),
          );
        }
      }
    }
  },
};

const sortedTags = (t: Record<string, string>) => Object.entries(t).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Packer's StepCreateTags: per AMI, its tags on it and its snapshots, then snapshot_tags on the snapshots. */
export const stepCreateTags: Step<EbsState> = {
  name: 'StepCreateTags',
  run: async (state, ctx) => {
    const c = state.config;
    const amiTagsIn = mergedTags(c.tags, c.tag);
    const snapTagsIn = mergedTags(c.snapshot_tags, c.snapshot_tag);
    if (!amiTagsIn && !snapTagsIn) return;
    for (const [region, id] of amisOf(state, true)) {
      // BuildRegion is the region being tagged, as Packer renders it for each copy.
      const data = { ...state.data, BuildRegion: Value.string(region) };
      const amiTags = sortedTags(renderTags(amiTagsIn, data, 'tags'));
      const snapTags = sortedTags(renderTags(snapTagsIn, data, 'snapshot_tags'));
      const snaps = state.snapshots.get(id) ?? [];
      const ec2 = state.clientFor(region);
      const toList = (t: [string, string][]) => t.map(([Key, Value]) => ({ Key, Value }));
      ctx.ui.say(`Adding tags to AMI (${id})...`);
      for (const s of snaps) ctx.ui.say(`Tagging snapshot: ${s}`);
      ctx.ui.say('Creating AMI tags');
      for (const [k, v] of amiTags) ctx.ui.message(`Adding tag: "${k}": "${v}"`);
      if (amiTags.length > 0) {
        await ec2Call(ctx.signal, `Error adding tags to AMI (${id})`, (o) => ec2.send(new CreateTagsCommand({ Resources: [id, ...snaps], Tags: toList(amiTags) }), o));
      }
      ctx.ui.say('Creating snapshot tags');
      for (const [k, v] of snapTags) ctx.ui.message(`Adding tag: "${k}": "${v}"`);
      if (snapTags.length > 0 && snaps.length > 0) {
        await ec2Call(ctx.signal, `Error adding tags to snapshots of AMI (${id})`, (o) => ec2.send(new CreateTagsCommand({ Resources: snaps, Tags: toList(snapTags) }), o));
      }
    }
  },
};
