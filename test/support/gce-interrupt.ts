// What the interrupt and kill tests of googlecompute share: a pool of harnesses (one per case while it runs, so
// that what the emulator has left can be compared with what it had before the case), the step boundaries, and
// a project whose provisioner takes a while.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { gceTemplate, startGceHarness, type GceHarness } from './gce-harness.js';

const HARNESSES = 4;
const free: GceHarness[] = [];
const waiting: ((h: GceHarness) => void)[] = [];

export async function withHarness<T>(use: (h: GceHarness) => Promise<T>): Promise<T> {
  const h = free.pop() ?? (await new Promise<GceHarness>((give) => waiting.push(give)));
  try {
    return await use(h);
  } finally {
    const next = waiting.shift();
    if (next) next(h);
    else free.push(h);
  }
}

export function harnessPool(): void {
  beforeAll(async () => {
    await Promise.all(Array.from({ length: HARNESSES }, async () => free.push(await startGceHarness({ delays: { operation: 300, instanceState: 300, imageReady: 400 } }))));
  });
  afterAll(async () => {
    await Promise.all(free.splice(0).map((h) => h.close()));
  });
}

/** The lines that start each step of the build, in order (Packer's words), and the waits within them. */
export const BOUNDARIES = [
  'Checking image does not exist',
  'Creating temporary ED25519 SSH key',
  'Using image:',
  'Waiting for creation operation to complete',
  'Instance has been created!',
  'Waiting for the instance to become running',
  'Connected to SSH',
  'Provisioning with shell',
  'Deleting instance...',
  'Creating image...',
  // The build's steps are done: cleanup deletes the disk. Stopped there, the build has made no artifact yet: its image goes too.
  'Deleting disk...',
];

/** A folder with a build whose provisioner takes a while. */
export function project(h: GceHarness): string {
  const dir = h.newDir();
  writeFileSync(join(dir, 'build.pkr.hcl'), gceTemplate(h, { options: { temporary_key_pair_type: 'ed25519' }, build: '  provisioner "shell" { inline = ["sleep 1"] }' }));
  return dir;
}

export const madeSince = (h: GceHarness, before: Set<string>) => h.emulator.leftovers().filter((l) => !before.has(l));
export const journalIn = (dir: string) => {
  const journal = join(dir, 'state', 'journal');
  return existsSync(journal) ? readdirSync(journal) : [];
};

// A case may wait for a harness while others run.
export const CASE_TIMEOUT = 120_000;

