// tsbuild's amazon-ebs runs against the harness (ebs-harness.ts): the same templates Packer builds, through the CLI.

import type { CliResult } from './cli.js';
import { buildInNewDir, harnessForFile, runEnv } from './cloud-harness.js';
import { startEbsHarness, type EbsHarness, type EbsHarnessOptions } from './ebs-harness.js';

export { journalFiles } from './cloud-harness.js';

/**
 * The environment of a tsbuild run in `dir`: no AWS settings of the machine's, STS at the emulator (which checks
 * the credentials), a journal folder and a TMPDIR of its own (in `dir`, which the harness removes).
 */
export function tsbuildEnv(h: EbsHarness, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return runEnv(dir, ['AWS_'], { AWS_ENDPOINT_URL_STS: h.emulator.endpoint }, extra);
}

/** Writes `template` as `<dir>/build.pkr.hcl` and builds it with tsbuild. */
export async function buildWithTsbuild(
  h: EbsHarness,
  template: string,
  o: { env?: Record<string, string>; args?: string[] } = {},
): Promise<CliResult & { dir: string; output: string }> {
  return buildInNewDir(h, template, (dir) => tsbuildEnv(h, dir, o.env), o.args);
}

/** A harness for the test file: started before its tests, closed after them (reads fail before it has started). */
export function ebsHarnessForFile(options?: EbsHarnessOptions): EbsHarness {
  return harnessForFile('amazon-ebs', () => startEbsHarness(options));
}

/** What the emulator still has that builds made, besides the AMIs and snapshots they should leave. */
export function strayResources(h: EbsHarness): string[] {
  return h.emulator.leftovers().filter((l) => !l.startsWith('image ') && !l.startsWith('snapshot '));
}

/** What was made since the emulator had made `since` resources, and is still there. */
export function leftSince(h: EbsHarness, since: number): string[] {
  const ids = new Set(h.emulator.made().slice(since).map((r) => r.id));
  return h.emulator.leftovers().filter((l) => ids.has(l.split(' ')[1]!));
}
