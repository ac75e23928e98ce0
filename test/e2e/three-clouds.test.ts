// End to end: one template with an amazon-ebs, an azure-arm and a googlecompute source, built by the real CLI against
// the three emulators (each with a real sshd standing for its VM) and a real `tsbuild registry serve`. Checked: the
// three builds run at the same time, one manifest records the three artifacts, the registry has one complete version
// with the three builds, and each cloud keeps only the image.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, Version } from '../../registry/api/types.js';
import { armEnv, armTemplate, LOCATION, startArmHarness, type ArmHarness } from '../support/arm-emulator/harness.js';
import { ebsTemplate, startEbsHarness, type EbsHarness } from '../support/ebs-harness.js';
import { journalFiles, tsbuildEnv } from '../support/ebs-tsbuild.js';
import { gceEnv, gceTemplate, startGceHarness, ZONE, type GceHarness } from '../support/gce-harness.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let aws: EbsHarness;
let azure: ArmHarness;
let gce: GceHarness;
let reg: TestRegistry;

beforeAll(async () => {
  [aws, azure, gce, reg] = await Promise.all([startEbsHarness(), startArmHarness(), startGceHarness(), startRegistry('tsbuild-three-clouds-')]);
});
afterAll(async () => {
  reg?.stop();
  await Promise.all([aws?.close(), azure?.close(), gce?.close()]);
});

/** The source block of a one-source template the harnesses write (everything before its build block). */
const sourceOf = (template: string) => template.slice(0, template.indexOf('\nbuild {'));

const TYPES = ['amazon-ebs', 'azure-arm', 'googlecompute'] as const;

/**
 * The template. Each build's provisioner leaves a mark in `meeting` (all the VMs are this machine, through their
 * sshds) and goes on only once the other two builds have left theirs: the build succeeds only if the three
 * provisioners run at the same time, whatever each cloud's start-up costs.
 */
function template(meeting: string): string {
  const all = TYPES.map((t) => `[ -e ${meeting}/${t} ]`).join(' && ');
  const inline = [
    `touch ${meeting}/\${source.type}`,
    `i=0; until ${all}; do i=$((i+1)); if [ $i -gt 300 ]; then echo "the other builds did not reach their provisioner within 30 s" >&2; exit 1; fi; sleep 0.1; done`,
    'echo "provisioned ${source.type} as $(id -un) while the other two builds provisioned"',
  ];
  return `${sourceOf(ebsTemplate(aws))}
${sourceOf(armTemplate(azure))}
${sourceOf(gceTemplate(gce))}
hcp_packer_registry {
  bucket_name = "three-clouds"
  description = "One golden image on AWS, Azure and Google Cloud"
}

build {
  sources = [${TYPES.map((t) => `"source.${t}.x"`).join(', ')}]

  provisioner "shell" {
    inline = ${JSON.stringify(inline)}
  }

  post-processor "manifest" {
    output = "manifest.json"
  }
}
`;
}

/** Records when each record of `calls` arrives (ms, performance.now()), by the name `nameOf` gives it. */
function timeCalls<T>(calls: T[], nameOf: (c: T) => string): Map<string, number[]> {
  const times = new Map<string, number[]>();
  const push = calls.push.bind(calls);
  calls.push = (...items: T[]) => {
    for (const c of items) times.set(nameOf(c), [...(times.get(nameOf(c)) ?? []), performance.now()]);
    return push(...items);
  };
  return times;
}

/** When `times` first saw `name`; fails when it never did. */
function first(times: Map<string, number[]>, name: string): number {
  const t = times.get(name)?.[0];
  if (t === undefined) throw new Error(`the emulator never answered ${name}; it answered ${[...times.keys()].join(', ')}`);
  return t;
}

interface Manifest {
  builds: { name: string; builder_type: string; artifact_id: string; packer_run_uuid: string }[];
  last_run_uuid: string;
}

describe('one template, three clouds', () => {
  // About 20 s; the bound lets a build whose provisioner waited 30 s in vain say so and clean up.
  it('builds an AMI, a managed image and a GCE image in parallel, records them in one manifest and one registry version, and leaves only the images', async () => {
    const ec2Calls = timeCalls(aws.emulator.calls, (c) => c.action);
    const armCalls = timeCalls(azure.emulator.calls, (c) => c.operation);
    const gceCalls = timeCalls(gce.emulator.calls, (c) => c.method);
    const dir = aws.newDir();
    const meeting = join(dir, 'meeting');
    mkdirSync(meeting);
    const env = { ...tsbuildEnv(aws, dir), ...armEnv(azure, dir), ...gceEnv(dir) };

    const r = await reg.build({ 'build.pkr.hcl': template(meeting) }, env);
    const output = r.stdout + r.stderr;
    expect(r.code, output).toBe(0);
    expect(r.stderr).toBe('');
    for (const t of TYPES) expect(output).toContain(`${t}.x: provisioned ${t} as root while the other two builds provisioned\n`);
    expect(output).toContain('Published version v1 of bucket "three-clouds"');

    // Each VM existed while the other two did: every VM was made before any was deleted (the emulators' answers).
    const lives = {
      aws: [first(ec2Calls, 'RunInstances'), first(ec2Calls, 'TerminateInstances')],
      azure: [first(armCalls, 'VirtualMachines_CreateOrUpdate'), first(armCalls, 'ResourceGroups_Delete')],
      gce: [first(gceCalls, 'instances.insert'), first(gceCalls, 'instances.delete')],
    };
    const lastMade = Math.max(...Object.values(lives).map((l) => l[0]!));
    const firstDeleted = Math.min(...Object.values(lives).map((l) => l[1]!));
    expect(lastMade, JSON.stringify(lives)).toBeLessThan(firstDeleted);

    // Each cloud keeps its image (the AMI with its snapshot), and nothing else; no journal is left.
    const ami = /^image (ami-[0-9a-f]+) \(tsbuild-test-\d+\)$/.exec(aws.emulator.leftovers().find((l) => l.startsWith('image ')) ?? '')?.[1];
    expect(ami, aws.emulator.leftovers().join('\n')).toBeDefined();
    const amiImage = aws.emulator.resources().find((x) => x.id === ami)!;
    const snapshot = amiImage.kind === 'image' ? amiImage.blockDevices[0]!.snapshotId : undefined;
    expect(aws.emulator.leftovers().sort()).toEqual([expect.stringMatching(`^image ${ami} `), `snapshot ${snapshot}`]);
    const [managedImage] = azure.emulator.resources().filter((x) => !x.seeded && x.type === 'Microsoft.Compute/images');
    expect(managedImage, azure.emulator.leftovers().join('\n')).toBeDefined();
    expect(azure.emulator.leftovers()).toEqual([`Microsoft.Compute/images ${managedImage!.name}`]);
    const gceImage = /^image (tsbuild-test-\d+)$/.exec(gce.emulator.leftovers()[0] ?? '')?.[1];
    expect(gce.emulator.leftovers()).toEqual([`image ${gceImage}`]);
    expect(journalFiles(dir)).toEqual([]);

    // One manifest, one run, three entries with each builder's artifact id.
    const manifest = JSON.parse(readFileSync(join(r.project, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.builds.map((b) => [b.builder_type, b.name, b.artifact_id]).sort()).toEqual([
      ['amazon-ebs', 'x', `${aws.region}:${ami}`],
      ['azure-arm', 'x', managedImage!.id],
      ['googlecompute', 'x', gceImage],
    ]);
    expect(new Set(manifest.builds.map((b) => b.packer_run_uuid))).toEqual(new Set([manifest.last_run_uuid]));

    // One complete version, v1, with the three builds done on their platforms.
    const bucket = (await reg.api<{ bucket: Bucket }>('/buckets/three-clouds')).body.bucket;
    expect(bucket).toMatchObject({ version_count: '1', platforms: ['aws', 'azure', 'gce'] });
    const versions = (await reg.api<{ versions: Version[] }>('/buckets/three-clouds/versions')).body.versions;
    expect(versions.map((v) => [v.name, v.status])).toEqual([['v1', 'VERSION_ACTIVE']]);
    const builds = Object.fromEntries(versions[0]!.builds.map((b) => [b.component_type, b]));
    expect(Object.keys(builds).sort()).toEqual(['amazon-ebs.x', 'azure-arm.x', 'googlecompute.x']);
    expect(builds['amazon-ebs.x']).toMatchObject({
      status: 'BUILD_DONE',
      platform: 'aws',
      source_external_identifier: aws.sourceImage.id,
      artifacts: [{ external_identifier: ami, region: aws.region }],
    });
    expect(builds['azure-arm.x']).toMatchObject({ status: 'BUILD_DONE', platform: 'azure', artifacts: [{ external_identifier: managedImage!.id, region: LOCATION }] });
    expect(builds['googlecompute.x']).toMatchObject({ status: 'BUILD_DONE', platform: 'gce', artifacts: [{ external_identifier: gceImage, region: ZONE.slice(0, -2) }] });
  }, 120_000);
});
