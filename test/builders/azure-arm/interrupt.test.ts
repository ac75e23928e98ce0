// An azure-arm build stopped at every step boundary leaves nothing in Resource Manager: Ctrl-C (SIGINT) lets the
// build clean up after itself (the temporary resource group, the image, the gallery version). The emulator's
// operations take a little time, so that some interrupts come during a wait.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndInterrupt } from '../../support/cli.js';
import { armEnv, armTemplate, GALLERY, GALLERY_GROUP, GALLERY_IMAGE, startArmHarness, type ArmHarness } from '../../support/arm-emulator/harness.js';
import { hclBlocks } from '../../support/ebs-harness.js';

// Cases run side by side, each on a harness of its own while it runs, so that what the emulator has left can be
// compared with what it had before the case.
const HARNESSES = 3;
const free: ArmHarness[] = [];
const waiting: ((h: ArmHarness) => void)[] = [];

export async function withHarness<T>(use: (h: ArmHarness) => Promise<T>): Promise<T> {
  const h = free.pop() ?? (await new Promise<ArmHarness>((give) => waiting.push(give)));
  try {
    return await use(h);
  } finally {
    const next = waiting.shift();
    if (next) next(h);
    else free.push(h);
  }
}

beforeAll(async () => {
  for (let i = 0; i < HARNESSES; i++) free.push(await startArmHarness({ delays: { default: 200, VirtualMachines_CreateOrUpdate: 400 } }));
});
afterAll(async () => {
  for (const h of free.splice(0)) await h.close();
});

const CASE_TIMEOUT = 120_000;

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
export function project(h: ArmHarness): string {
  const dir = h.newDir();
  const template = armTemplate(h, {
    options: {
      managed_image_name: `interrupted-${++versions}`,
      shared_image_gallery_destination: hclBlocks({ resource_group: GALLERY_GROUP, gallery_name: GALLERY, image_name: GALLERY_IMAGE, image_version: `1.0.${versions}`, replication_regions: ['eastus'] }),
    },
    build: '  provisioner "shell" { inline = ["sleep 1"] }',
  });
  writeFileSync(join(dir, 'build.pkr.hcl'), template);
  return dir;
}

export const madeSince = (h: ArmHarness, before: Set<string>) => h.emulator.leftovers().filter((l) => !before.has(l));
export const journalIn = (dir: string) => {
  const journal = join(dir, 'state', 'journal');
  return existsSync(journal) ? readdirSync(journal) : [];
};

describe.concurrent('SIGINT at every step boundary of an azure-arm build', () => {
  it.each(BOUNDARIES)('SIGINT at "%s" leaves nothing', (marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = project(h);
      const r = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, env: armEnv(h, dir) });
      expect(r.sent, r.out).toBe(true);
      expect(r.code, r.out).toBe(1);
      expect(madeSince(h, before), r.out).toEqual([]);
      expect(journalIn(dir), r.out).toEqual([]);
    }),
    CASE_TIMEOUT,
  );
});
