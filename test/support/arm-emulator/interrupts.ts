// What the azure-arm interrupt tests share: a pool of harnesses (cases run side by side, each on a harness of its
// own while it runs, so that what the emulator has left can be compared with what it had before the case), the
// step boundaries of a build, and a project that goes through all of them.

import { harnessPool as pool, projectDir } from '../cloud-harness.js';
import { hclBlocks } from '../ebs-harness.js';
import { armTemplate, GALLERY, GALLERY_GROUP, GALLERY_IMAGE, startArmHarness, type ArmHarness } from './harness.js';

export { journalFiles as journalIn, madeSince } from '../cloud-harness.js';

/** Starts `count` harnesses before the file's tests (operations slow enough for interrupts to come during waits). */
export function harnessPool(count: number): <T>(use: (h: ArmHarness) => Promise<T>) => Promise<T> {
  return pool(count, () => startArmHarness({ delays: { default: 200, VirtualMachines_CreateOrUpdate: 400 } }));
}

/** The lines that start each step of the build, in order, and its cleanup's first wait. */
export const BOUNDARIES = [
  'Creating resource group',
  'Creating a temporary SSH key',
  'Deploying the network',
  'Deploying the virtual machine',
  "Getting the VM's IP address",
  'Connected to SSH',
  'Provisioning with shell',
  'Powering off machine',
  'Capturing image',
  'Publishing to Shared Image Gallery',
  // The steps are done: cleanup deletes the resource group. Stopped there, the build made no artifact yet: its image goes too.
  'Deleting resource group',
];

let versions = 0;

/** A folder with a build that publishes to the gallery, with a provisioner that takes a while. */
export function interruptProject(h: ArmHarness): string {
  const n = ++versions;
  const template = armTemplate(h, {
    options: {
      managed_image_name: `interrupted-${n}`,
      shared_image_gallery_destination: hclBlocks({ resource_group: GALLERY_GROUP, gallery_name: GALLERY, image_name: GALLERY_IMAGE, image_version: `1.0.${n}`, replication_regions: ['eastus'] }),
    },
    build: '  provisioner "shell" { inline = ["sleep 1"] }',
  });
  return projectDir(h, template);
}
