// googlecompute builds against the Compute Engine emulator: an emulator whose instances are a real sshd (the
// `ssh-keys` of an instance's metadata go into the sshd's authorized_keys), a seeded Debian-like image family,
// a service-account credentials file whose token_uri is the emulator's, HCL2 templates, and tsbuild runs through
// the CLI with an environment of their own.

import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliResult } from './cli.js';
import { buildInNewDir, cloudHarness, harnessForFile, runEnv, type CloudHarness } from './cloud-harness.js';
import { sourceTemplate, type SourceTemplateOptions } from './hcl-template.js';
import { startGceEmulator, type Delays, type GceEmulator } from './gce-emulator/index.js';
import { makeTestKeys, startSshd } from './sshd.js';

export { journalFiles } from './cloud-harness.js';

export const ZONE = 'us-central1-a';
export const IMAGE_PROJECT = 'debian-cloud';
export const FAMILY = 'debian-12';
export const SOURCE_IMAGE = 'debian-12-bookworm-v20250101';

export interface GceHarness extends CloudHarness<GceEmulator> {
  /** The service account's credentials file. */
  accountFile: string;
}

export async function startGceHarness(o: { delays?: Partial<Delays> } = {}): Promise<GceHarness> {
  const sshd = await startSshd(makeTestKeys());
  // sshd reads authorized_keys as the user logging in: an OS Login POSIX account (ensureLocalUser) must be able to.
  chmodSync(sshd.dir, 0o711);
  chmodSync(join(sshd.dir, 'authorized_keys'), 0o644);
  const emulator = await startGceEmulator({ delays: o.delays, authorizedKeysFile: join(sshd.dir, 'authorized_keys') });
  emulator.seedImage({ name: 'debian-12-bookworm-v20240101', project: IMAGE_PROJECT, family: FAMILY, creationTimestamp: '2024-01-01T00:00:00Z' });
  emulator.seedImage({ name: SOURCE_IMAGE, project: IMAGE_PROJECT, family: FAMILY, creationTimestamp: '2025-01-01T00:00:00Z', guestOsFeatures: ['UEFI_COMPATIBLE'] });
  const harness = cloudHarness('tsbuild-gce-', emulator, sshd);
  const accountFile = join(harness.newDir(), 'account.json');
  writeFileSync(accountFile, emulator.credentialsJson, { mode: 0o600 });
  return { ...harness, accountFile };
}

/** A harness for the test file: started before its tests, closed after them. */
export function gceHarnessForFile(o?: { delays?: Partial<Delays> }): GceHarness {
  return harnessForFile('googlecompute', () => startGceHarness(o));
}

export type GceTemplateOptions = SourceTemplateOptions;

/** An HCL2 template: one googlecompute source from the seeded family, reaching the emulator and logging in to the sshd as root. */
export function gceTemplate(h: GceHarness, o: GceTemplateOptions = {}): string {
  return sourceTemplate('googlecompute', o, {
    project_id: h.emulator.project,
    zone: ZONE,
    account_file: h.accountFile,
    custom_endpoints: { compute: `${h.emulator.endpoint}/compute/v1/` },
    source_image_family: FAMILY,
    source_image_project_id: [IMAGE_PROJECT],
    ssh_username: 'root',
    ssh_port: h.sshd.port,
    ssh_timeout: '30s',
    image_name: 'tsbuild-test-{{timestamp}}',
  });
}

/** The environment of a tsbuild run in `dir`: no Google settings of the machine's, a journal and TMPDIR of its own. */
export function gceEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return runEnv(dir, ['GOOGLE_', 'CLOUDSDK_'], {}, extra);
}

/** Writes `template` as `<dir>/build.pkr.hcl` and builds it with tsbuild. */
export async function buildGce(h: GceHarness, template: string, o: { env?: Record<string, string>; args?: string[] } = {}): Promise<CliResult & { dir: string; output: string }> {
  return buildInNewDir(h, template, (dir) => gceEnv(dir, o.env), o.args);
}

/** What the emulator still has that builds made, besides images. */
export function strayResources(h: GceHarness): string[] {
  return h.emulator.leftovers().filter((l) => !l.startsWith('image '));
}

/**
 * Makes the machine's account `name` when it is missing (idempotent), so that the test sshd, which stands for the
 * instance and knows this machine's accounts, lets an OS Login POSIX account in, as the guest's OS Login NSS module
 * would. Its password is `*` (no password, not locked: sshd without PAM refuses a locked account even a key).
 * Tests run as root (see sshd.ts).
 */
export function ensureLocalUser(name: string): void {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/sh', '-p', '*', name], { stdio: 'ignore' });
  }
}

/** custom_endpoints reaching the emulator's Compute and OS Login. */
export function gceEndpoints(h: GceHarness): Record<string, string> {
  return { compute: `${h.emulator.endpoint}/compute/v1/`, oslogin: `${h.emulator.endpoint}/` };
}
