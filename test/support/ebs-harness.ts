// amazon-ebs builds against the EC2 emulator: an emulator, a real sshd standing in for every instance it launches
// (the emulator appends each launch's key pair to the sshd's authorized_keys), a seeded Ubuntu-like source image,
// HCL2 templates, Packer 1.6.6 runs, and a summary of what a run made, to compare Packer's runs with tsbuild's.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudHarness, projectDir, type CloudHarness } from './cloud-harness.js';
import { startEc2Emulator, type Delays, type Ec2Emulator } from './ec2-emulator/index.js';
import type { Image, Resource } from './ec2-emulator/model.js';
import { hclBlocks, sourceTemplate, type SourceTemplateOptions } from './hcl-template.js';
import { PACKER } from './packer-console.js';
import { makeTestKeys, startSshd } from './sshd.js';

export { HclBlocks, hclBlocks, renderBody, type HclValue } from './hcl-template.js';

export const ACCESS_KEY = 'AKIDEMULATOR';
export const SECRET_KEY = 'emulator-secret';
/** Canonical's account, the owner of Ubuntu's images. */
export const CANONICAL = '099720109477';
export const SOURCE_AMI_NAME = 'ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20210119';

export interface EbsHarnessOptions {
  delays?: Partial<Delays>;
  /** The emulator's regions; the first is the build region. */
  regions?: string[];
}

export interface EbsHarness extends CloudHarness<Ec2Emulator> {
  /** The build region. */
  region: string;
  sourceImage: Image;
}

export async function startEbsHarness(options: EbsHarnessOptions = {}): Promise<EbsHarness> {
  const sshd = await startSshd(makeTestKeys());
  const regions = options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'];
  const emulator = await startEc2Emulator({
    regions,
    delays: options.delays,
    keys: { [ACCESS_KEY]: { account: '111122223333' } },
    authorizedKeysFile: join(sshd.dir, 'authorized_keys'),
  });
  const sourceImage = emulator.seedImage({ name: SOURCE_AMI_NAME, ownerId: CANONICAL, isPublic: true, description: 'Canonical, Ubuntu, 20.04 LTS, amd64 focal image' });
  return { ...cloudHarness('tsbuild-ebs-', emulator, sshd), region: regions[0]!, sourceImage };
}

/** Options of the `amazon-ebs` source besides (or replacing) the harness's: endpoint, keys, SSH, source image filter. */
export type EbsTemplateOptions = SourceTemplateOptions;

/** An HCL2 template: one amazon-ebs source that finds the seeded image, logs in to the harness's sshd as root. */
export function ebsTemplate(h: EbsHarness, o: EbsTemplateOptions = {}): string {
  return sourceTemplate('amazon-ebs', o, {
    region: h.region,
    access_key: ACCESS_KEY,
    secret_key: SECRET_KEY,
    custom_endpoint_ec2: h.emulator.endpoint,
    instance_type: 't2.micro',
    source_ami_filter: hclBlocks({ filters: { name: 'ubuntu/images/*ubuntu-focal-20.04-amd64-server-*', 'root-device-type': 'ebs' }, owners: [CANONICAL], most_recent: true }),
    ssh_username: 'root',
    ssh_port: h.sshd.port,
    ssh_timeout: '30s',
    ami_name: 'tsbuild-test-{{timestamp}}',
  });
}

export interface PackerRun {
  code: number | null;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  /** PACKER_LOG's debug log. */
  log: string;
}

/** Runs Packer 1.6.6 in `dir` (bounded by `timeout`), with no AWS settings of the machine's, HOME in `dir`. */
export function runPacker(dir: string, args: string[], o: { env?: Record<string, string>; timeoutSeconds?: number } = {}): Promise<PackerRun> {
  if (!PACKER) throw new Error('packer is not installed');
  const packer = PACKER;
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => !e[0].startsWith('AWS_') && e[1] !== undefined));
  const logPath = join(dir, 'packer.log');
  Object.assign(env, { HOME: dir, CHECKPOINT_DISABLE: '1', PACKER_LOG: '1', PACKER_LOG_PATH: logPath, ...o.env });
  return new Promise((resolve) => {
    const child = spawn('timeout', ['-k', '10', String(o.timeoutSeconds ?? 120), packer, ...args], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      let log = '';
      try {
        log = readFileSync(logPath, 'utf8');
      } catch {
        // Packer did not start
      }
      resolve({ code, output, log });
    });
  });
}

/**
 * Writes `template` as `<dir>/build.pkr.hcl` and builds it with Packer. Packer's waiters poll every 15 s unless
 * AWS_POLL_DELAY_SECONDS says otherwise: 1 s here unless `env` sets it.
 */
export async function buildWithPacker(h: EbsHarness, template: string, o: { env?: Record<string, string> } = {}): Promise<PackerRun & { dir: string }> {
  const dir = projectDir(h, template);
  return { dir, ...(await runPacker(dir, ['build', '-color=false', 'build.pkr.hcl'], { env: { AWS_POLL_DELAY_SECONDS: '1', ...o.env } })) };
}

/** The random and time-dependent parts of a name or tag replaced by placeholders. */
export function normalizeName(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\b(ami|snap|vol|i|sg|key|r|subnet|vpc)-[0-9a-f]{8,17}\b/g, '<$1>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/\b\d{10}\b/g, '<timestamp>');
}

export interface ResourceSummary {
  kind: Resource['kind'];
  region: string;
  /** The resource's name (AMI, key pair, security group), or its description (snapshot). */
  name?: string;
  tags: Record<string, string>;
  /** Whether it still exists (terminated instances do not). */
  left: boolean;
}

/**
 * What a run made through the API, in a form that two runs of one template share: names, tags, regions. `since`
 * skips the first resources made (those of earlier runs: `emulator.made().length` before the run).
 */
export function resourceSummary(emulator: Ec2Emulator, since = 0): ResourceSummary[] {
  const left = new Set(emulator.leftovers().map((l) => l.split(' ')[1]));
  const nameOf = (r: Resource) => ('name' in r ? r.name : r.kind === 'snapshot' ? r.description : undefined);
  return emulator
    .made()
    .slice(since)
    .map((r) => {
      const name = nameOf(r);
      return {
        kind: r.kind,
        region: r.region,
        ...(name === undefined ? {} : { name: normalizeName(name) }),
        tags: Object.fromEntries([...r.tags].map(([k, v]) => [k, normalizeName(v)]).sort()),
        left: left.has(r.id),
      };
    })
    .sort((a, b) => `${a.kind} ${a.region} ${a.name}`.localeCompare(`${b.kind} ${b.region} ${b.name}`));
}

/** The actions the emulator answered, in order ("CreateKeyPair", "RunInstances"...), those failing marked `!Code`. */
export function callSequence(emulator: Ec2Emulator, from = 0): string[] {
  return emulator.calls.slice(from).map((c) => `${c.action}${c.region && c.region !== 'us-east-1' ? `@${c.region}` : ''}${c.errorCode ? ` !${c.errorCode}` : ''}`);
}
