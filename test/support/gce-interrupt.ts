// What the interrupt and kill tests of googlecompute share: a pool of harnesses (one per case while it runs, so
// that what the emulator has left can be compared with what it had before the case), the step boundaries, and
// a project whose provisioner takes a while.

import { harnessPool as pool, projectDir } from './cloud-harness.js';
import { gceTemplate, startGceHarness, type GceHarness } from './gce-harness.js';

export { journalFiles as journalIn, madeSince } from './cloud-harness.js';

const HARNESSES = 4;
let withPooled: <T>(use: (h: GceHarness) => Promise<T>) => Promise<T> = () => Promise.reject(new Error('the googlecompute harness pool starts in beforeAll: call harnessPool() in the test file'));

/** Runs `use` on a harness of the pool, once one is free. */
export const withHarness = <T>(use: (h: GceHarness) => Promise<T>): Promise<T> => withPooled(use);

export function harnessPool(): void {
  withPooled = pool(HARNESSES, () => startGceHarness({ delays: { operation: 300, instanceState: 300, imageReady: 400 } }));
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
  return projectDir(h, gceTemplate(h, { options: { temporary_key_pair_type: 'ed25519' }, build: '  provisioner "shell" { inline = ["sleep 1"] }' }));
}

// A case may wait for a harness while others run.
export const CASE_TIMEOUT = 120_000;

