// tsbuild's amazon-ebs runs against the harness (ebs-harness.ts): the same templates Packer builds, through the CLI.

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.js';
import { afterAll, beforeAll } from 'vitest';
import { startEbsHarness, type EbsHarness, type EbsHarnessOptions } from './ebs-harness.js';

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

/** A harness for the test file: started before its tests, closed after them (reads fail before it has started). */
export function ebsHarnessForFile(options?: EbsHarnessOptions): EbsHarness {
  let current: EbsHarness | undefined;
  beforeAll(async () => {
    current = await startEbsHarness(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as EbsHarness, {
    get: (_, key) => {
      if (!current) throw new Error('the amazon-ebs harness starts in beforeAll');
      return current[key as keyof EbsHarness];
    },
  });
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

/** The journal files a run in `dir` left (none when the folder was never made). */
export function journalFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'state', 'journal'));
  } catch {
    return [];
  }
}
