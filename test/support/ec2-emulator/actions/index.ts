// Every action the emulator answers, by service (from the request's credential scope) and name.

import type { Action } from '../context.js';
import { describeImageAttribute, describeSnapshotAttribute, modifyImageAttribute, modifySnapshotAttribute } from './attributes.js';
import { withAuthorizedKey } from './authorized-keys.js';
import { copyImage } from './copy-image.js';
import { createFleet } from './fleets.js';
import { disableImageDeprecation, enableImageDeprecation } from './image-deprecation.js';
import { importKeyPair } from './import-key-pair.js';
import { modifyInstanceAttribute } from './instance-attributes.js';
import { createLaunchTemplate, deleteLaunchTemplate, describeLaunchTemplates } from './launch-templates.js';
import { LAUNCH_OPTIONALS, withoutEmpty } from './launch-params.js';
import { describeSubnets, describeVpcs } from './network.js';
import { createImage, deregisterImage, describeImages } from './images.js';
import { describeInstances, runInstances, startInstances, stopInstances, terminateInstances } from './instances.js';
import { createKeyPair, deleteKeyPair, describeKeyPairs } from './key-pairs.js';
import { describeAvailabilityZones, describeRegions } from './regions.js';
import { authorizeSecurityGroupIngress, createSecurityGroup, deleteSecurityGroup, describeSecurityGroups } from './security-groups.js';
import { deleteSnapshot, describeSnapshots } from './snapshots.js';
import { assumeRole, getCallerIdentity } from './sts.js';
import { createTags, deleteTags, describeTags } from './tags.js';
import { deleteVolume, describeVolumes } from './volumes.js';

export const ACTIONS: Readonly<Record<'ec2' | 'sts', Readonly<Record<string, Action>>>> = {
  ec2: {
    DescribeImages: describeImages,
    CreateImage: createImage,
    DeregisterImage: deregisterImage,
    DescribeRegions: describeRegions,
    DescribeAvailabilityZones: describeAvailabilityZones,
    RunInstances: withoutEmpty(LAUNCH_OPTIONALS, withAuthorizedKey(runInstances)),
    DescribeInstances: describeInstances,
    StopInstances: stopInstances,
    StartInstances: startInstances,
    TerminateInstances: terminateInstances,
    CreateKeyPair: createKeyPair,
    DescribeKeyPairs: describeKeyPairs,
    DeleteKeyPair: deleteKeyPair,
    ImportKeyPair: importKeyPair,
    CreateSecurityGroup: withoutEmpty(['VpcId'], createSecurityGroup),
    AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
    DescribeSecurityGroups: describeSecurityGroups,
    DeleteSecurityGroup: deleteSecurityGroup,
    CreateTags: createTags,
    DeleteTags: deleteTags,
    DescribeTags: describeTags,
    DescribeSnapshots: describeSnapshots,
    DeleteSnapshot: deleteSnapshot,
    DescribeVolumes: describeVolumes,
    DeleteVolume: deleteVolume,
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    CopyImage: copyImage,
    ModifyImageAttribute: modifyImageAttribute,
    DescribeImageAttribute: describeImageAttribute,
    ModifySnapshotAttribute: modifySnapshotAttribute,
    DescribeSnapshotAttribute: describeSnapshotAttribute,
    ModifyInstanceAttribute: modifyInstanceAttribute,
    EnableImageDeprecation: enableImageDeprecation,
    DisableImageDeprecation: disableImageDeprecation,
    CreateLaunchTemplate: createLaunchTemplate,
    DescribeLaunchTemplates: describeLaunchTemplates,
    DeleteLaunchTemplate: deleteLaunchTemplate,
    CreateFleet: createFleet,
  },
  sts: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
  },
};
