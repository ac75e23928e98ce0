// googlecompute builds against the Compute Engine emulator: an emulator whose instances are a real sshd (the
// `ssh-keys` of an instance's metadata go into the sshd's authorized_keys), a seeded Debian-like image family,
// a service-account credentials file whose token_uri is the emulator's, HCL2 templates, and tsbuild runs through
// the CLI with an environment of their own.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCli, type CliResult } from './cli.js';
import { renderBody, type HclValue } from './ebs-harness.js';
import { startGceEmulator, type Delays, type GceEmulator } from './gce-emulator/index.js';
import { makeTestKeys, startSshd, type TestSshd } from './sshd.js';

export const ZONE = 'us-central1-a';
export const IMAGE_PROJECT = 'debian-cloud';
export const FAMILY = 'debian-12';
export const SOURCE_IMAGE = 'debian-12-bookworm-v20250101';

export interface GceHarness {
  emulator: GceEmulator;
  sshd: TestSshd;
  /** The service account's credentials file. */
  accountFile: string;
  newDir(): string;
  close(): Promise<void>;
}

export async function startGceHarness(o: { delays?: Partial<Delays> } = {}): Promise<GceHarness> {
  const sshd = await startSshd(makeTestKeys());
  const emulator = await startGceEmulator({ delays: o.delays, authorizedKeysFile: join(sshd.dir, 'authorized_keys') });
  emulator.seedImage({ name: 'debian-12-bookworm-v20240101', project: IMAGE_PROJECT, family: FAMILY, creationTimestamp: '2024-01-01T00:00:00Z' });
  emulator.seedImage({ name: SOURCE_IMAGE, project: IMAGE_PROJECT, family: FAMILY, creationTimestamp: '2025-01-01T00:00:00Z', guestOsFeatures: ['UEFI_COMPATIBLE'] });
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-gce-'));
    dirs.push(dir);
    return dir;
  };
  const accountFile = join(newDir(), 'account.json');
  writeFileSync(accountFile, emulator.credentialsJson, { mode: 0o600 });
  return {
    emulator,
    sshd,
    accountFile,
    newDir,
    close: async () => {
      await emulator.close();
      await sshd.stop();
      rmSync(sshd.keys.dir, { recursive: true, force: true });
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** A harness for the test file: started before its tests, closed after them. */
export function gceHarnessForFile(o?: { delays?: Partial<Delays> }): GceHarness {
  let current: GceHarness | undefined;
  beforeAll(async () => {
    current = await startGceHarness(o);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as GceHarness, {
    get: (_, key) => {
      if (!current) throw new Error('the googlecompute harness starts in beforeAll');
      return current[key as keyof GceHarness];
    },
  });
}

export interface GceTemplateOptions {
  /** Options of the source besides (or replacing) the harness's; undefined removes one. */
  options?: Record<string, HclValue | undefined>;
  build?: string;
  name?: string;
}

/** An HCL2 template: one googlecompute source from the seeded family, reaching the emulator and logging in to the sshd as root. */
export function gceTemplate(h: GceHarness, o: GceTemplateOptions = {}): string {
  const name = o.name ?? 'x';
  const options: Record<string, HclValue | undefined> = {
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
    ...o.options,
  };
  const defined = Object.fromEntries(Object.entries(options).filter((e): e is [string, HclValue] => e[1] !== undefined));
  return `source "googlecompute" "${name}" {\n${renderBody(defined)}}\n\nbuild {\n  sources = ["source.googlecompute.${name}"]\n${o.build ?? ''}\n}\n`;
}

/** The environment of a tsbuild run in `dir`: no Google settings of the machine's, a journal and TMPDIR of its own. */
export function gceEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  const cleared = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('GOOGLE_') || k.startsWith('CLOUDSDK_')).map((k) => [k, '']));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { ...cleared, HOME: dir, TSBUILD_STATE_DIR: join(dir, 'state'), TMPDIR: tmp, ...extra };
}

/** Writes `template` as `<dir>/build.pkr.hcl` and builds it with tsbuild. */
export async function buildGce(h: GceHarness, template: string, o: { env?: Record<string, string>; args?: string[] } = {}): Promise<CliResult & { dir: string; output: string }> {
  const dir = h.newDir();
  writeFileSync(join(dir, 'build.pkr.hcl'), template);
  const r = await runCli(['build', '-color=false', ...(o.args ?? []), 'build.pkr.hcl'], { cwd: dir, env: gceEnv(dir, o.env) });
  return { ...r, dir, output: r.stdout + r.stderr };
}

/** The journal files a run in `dir` left. */
export function journalFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'state', 'journal'));
  } catch {
    return [];
  }
}

/** What the emulator still has that builds made, besides images. */
export function strayResources(h: GceHarness): string[] {
  return h.emulator.leftovers().filter((l) => !l.startsWith('image '));
}
