// tsbuild's amazon-ebs runs against the harness (ebs-harness.ts): the same templates Packer builds, through the CLI.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.js';
import type { EbsHarness } from './ebs-harness.js';

/**
 * The environment of a tsbuild run in `dir`: no AWS settings of the machine's, STS at the emulator (which checks
 * the credentials), a journal folder and a TMPDIR of its own (in `dir`, which the harness removes).
 */
export function tsbuildEnv(h: EbsHarness, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const cleared = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('AWS_')).map((k) => [k, '']));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return {
    ...cleared,
    AWS_ENDPOINT_URL_STS: h.emulator.endpoint,
    HOME: dir,
    TSBUILD_STATE_DIR: join(dir, 'state'),
    TMPDIR: tmp,
    ...extra,
  };
}

/** Writes `template` as `<dir>/build.pkr.hcl` and builds it with tsbuild. */
export async function buildWithTsbuild(
  h: EbsHarness,
  template: string,
  o: { env?: Record<string, string>; args?: string[] } = {},
): Promise<CliResult & { dir: string; output: string }> {
  const dir = h.newDir();
  writeFileSync(join(dir, 'build.pkr.hcl'), template);
  const r = await runCli(['build', '-color=false', ...(o.args ?? []), 'build.pkr.hcl'], { cwd: dir, env: tsbuildEnv(h, dir, o.env) });
  return { ...r, dir, output: r.stdout + r.stderr };
}
