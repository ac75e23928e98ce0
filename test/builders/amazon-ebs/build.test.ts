// amazon-ebs builds against the EC2 emulator, with the real SDK and a real sshd standing for the instance.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ebsTemplate, hclBlocks } from '../../support/ebs-harness.js';
import { buildWithTsbuild, ebsHarnessForFile, journalFiles, strayResources } from '../../support/ebs-tsbuild.js';

const h = ebsHarnessForFile();


describe('amazon-ebs build', () => {
  it('builds an AMI over a temporary key pair with shell provisioning, and leaves only the AMI and its snapshot', async () => {
    const before = h.emulator.leftovers().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, { options: { tags: { Base: '{{ .SourceAMIName }}', Region: '{{ .BuildRegion }}' } }, build: '  provisioner "shell" { inline = ["echo provisioned-as-$(id -un)"] }' }),
    );
    expect(r.stderr).toBe('');
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/Creating temporary keypair: packer_[0-9a-f-]{36}\n/);
    expect(r.stdout).toContain('provisioned-as-root');
    const ami = /AMIs were created:\nus-east-1: (ami-[0-9a-f]+)\n/.exec(r.stdout)?.[1];
    expect(ami).toBeDefined();
    const image = h.emulator.resources().find((x) => x.id === ami)!;
    expect(image.kind === 'image' && Object.fromEntries(image.tags)).toEqual({ Base: h.sourceImage.name, Region: 'us-east-1' });
    expect(h.emulator.leftovers().length - before).toBe(2);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });
});

/** The emulator's resource `id`, which must exist. */
function resource(id: string | undefined) {
  const r = h.emulator.resources().find((x) => x.id === id);
  if (!r) throw new Error(`no resource ${id}`);
  return r;
}
const amisIn = (out: string) => Object.fromEntries([...out.matchAll(/^([a-z]+-[a-z]+-\d): (ami-[0-9a-f]+)$/gm)].map((m) => [m[1]!, m[2]!]));

describe('amazon-ebs images', () => {
  it('copies the AMI to ami_regions, shares it and its snapshots, tags every copy, and names the regions in the artifact', async () => {
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, {
        options: {
          ami_regions: ['us-west-2', 'eu-west-1'],
          ami_users: ['444455556666'],
          ami_groups: ['all'],
          snapshot_users: ['444455556666'],
          ami_description: 'from {{ .SourceAMIName }}',
          tags: { OS: 'Ubuntu', Region: '{{ .BuildRegion }}' },
          snapshot_tags: { Kind: 'snap' },
        },
        build: '  post-processor "manifest" { output = "manifest.json" }',
      }),
    );
    expect(r.code, r.output).toBe(0);
    const amis = amisIn(r.stdout);
    expect(Object.keys(amis).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(r.stdout).toContain('Waiting for all copies to complete...');
    for (const [region, id] of Object.entries(amis)) {
      const image = resource(id);
      if (image.kind !== 'image') throw new Error('not an image');
      expect(image.region).toBe(region);
      expect(image.name).toMatch(/^tsbuild-test-\d+$/);
      expect(image.description).toBe(`from ${h.sourceImage.name}`);
      expect(image.isPublic).toBe(true);
      expect([...image.launchPermissions]).toEqual(['444455556666']);
      expect(Object.fromEntries(image.tags)).toEqual({ OS: 'Ubuntu', Region: region });
      const snaps = image.blockDevices.map((d) => resource(d.snapshotId));
      expect(snaps.length).toBeGreaterThan(0);
      for (const s of snaps) {
        if (s.kind !== 'snapshot') throw new Error('not a snapshot');
        expect([...(s.createVolumePermissions ?? [])]).toEqual(['444455556666']);
        // The AMI's tags go on its snapshots too, snapshot_tags over them.
        expect(Object.fromEntries(s.tags)).toEqual({ OS: 'Ubuntu', Region: region, Kind: 'snap' });
      }
    }
    // Packer's artifact id: region:ami pairs, sorted, joined by commas.
    const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8')) as { builds: { artifact_id: string; builder_type: string; name: string }[] };
    expect(manifest.builds[0]).toMatchObject({
      name: 'x',
      builder_type: 'amazon-ebs',
      artifact_id: Object.entries(amis).map(([k, v]) => `${k}:${v}`).sort().join(','),
    });
    expect(strayResources(h)).toEqual([]);
  });

  it('encrypts the boot volume through a copy of an intermediary AMI, which it deletes', async () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { encrypt_boot: true, kms_key_id: key, tags: { OS: 'Ubuntu' } } }));
    expect(r.code, r.output).toBe(0);
    const intermediary = /Creating AMI ([A-Za-z0-9]{7}) from instance/.exec(r.stdout)?.[1];
    expect(intermediary).toBeDefined();
    expect(r.stdout).toContain('Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots');
    const amis = amisIn(r.stdout);
    expect(Object.keys(amis)).toEqual(['us-east-1']);
    const image = resource(amis['us-east-1']);
    if (image.kind !== 'image') throw new Error('not an image');
    expect(image.blockDevices.every((d) => d.encrypted)).toBe(true);
    const snap = resource(image.blockDevices[0]!.snapshotId);
    expect(snap.kind === 'snapshot' && snap.kmsKeyId).toBe(key);
    // The intermediary AMI and its snapshot existed and are gone.
    const fromRun = h.emulator.made().slice(made);
    expect(fromRun.some((x) => x.kind === 'image' && x.name === intermediary)).toBe(true);
    expect(h.emulator.leftovers().some((l) => l.includes(`(${intermediary})`))).toBe(false);
    expect(strayResources(h)).toEqual([]);
  });

  it('deregisters an AMI of the same name first with force_deregister, and deletes its snapshots with force_delete_snapshot', async () => {
    const options = { ami_name: `forced-${Date.now()}`, force_deregister: true, force_delete_snapshot: true };
    const first = await buildWithTsbuild(h, ebsTemplate(h, { options }));
    expect(first.code, first.output).toBe(0);
    const old = amisIn(first.stdout)['us-east-1']!;
    const oldImage = resource(old);
    const oldSnap = oldImage.kind === 'image' ? oldImage.blockDevices[0]!.snapshotId! : '';
    const second = await buildWithTsbuild(h, ebsTemplate(h, { options }));
    expect(second.code, second.output).toBe(0);
    expect(second.stdout).toContain(`Deregistered AMI ${options.ami_name}, id: ${old}`);
    expect(second.stdout).toContain(`Deleted snapshot: ${oldSnap}`);
    expect(h.emulator.leftovers().some((l) => l.includes(old) || l.includes(oldSnap))).toBe(false);
    // Without force_deregister, the name is taken: refused before anything is made.
    const made = h.emulator.made().length;
    const third = await buildWithTsbuild(h, ebsTemplate(h, { options: { ami_name: options.ami_name } }));
    expect(third.code).toBe(1);
    expect(third.output).toContain(`Error: AMI Name: '${options.ami_name}' is used by an existing AMI: ${amisIn(second.stdout)['us-east-1']}`);
    expect(h.emulator.made().length).toBe(made);
  });

  it('deletes the volumes of launch_block_device_mappings that outlive the instance', async () => {
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, { options: { launch_block_device_mappings: hclBlocks({ device_name: '/dev/sdf', volume_size: 4, volume_type: 'gp3', delete_on_termination: false }) } }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/Destroying volume \(vol-[0-9a-f]+\)\.\.\./);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('makes no AMI with skip_create_ami, and gives build.* values of the source AMI to provisioners', async () => {
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, {
        options: { skip_create_ami: true },
        build: '  provisioner "shell" { inline = ["echo src=${build.SourceAMIName} region=${build.BuildRegion} id=${build.ID}"] }',
      }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`src=${h.sourceImage.name.replace(/[./]/g, '\\$&')} region=us-east-1 id=i-[0-9a-f]+`));
    expect(r.stdout).toContain('Builds finished but no artifacts were created.');
    expect(h.emulator.made().slice(made).filter((x) => x.kind === 'image')).toEqual([]);
    expect(strayResources(h)).toEqual([]);
  });
});

describe('amazon-ebs on a spot instance', () => {
  it('launches from a launch template through an instant fleet, images the instance running, and deletes the template', async () => {
    const calls = h.emulator.calls.length;
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, {
        options: { instance_type: undefined, spot_price: 'auto', spot_instance_types: ['t3.micro', 't2.micro'], spot_tags: { Spot: 'yes' }, run_tags: { Run: 'yes' } },
        build: '  provisioner "shell" { inline = ["echo on-spot"] }',
      }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('Launching a spot AWS instance...');
    expect(r.stdout).toContain('on-spot');
    const actions = h.emulator.calls.slice(calls).map((c) => c.action);
    expect(actions).toEqual(expect.arrayContaining(['CreateLaunchTemplate', 'CreateFleet', 'DeleteLaunchTemplate']));
    expect(actions).not.toContain('StopInstances');
    expect(actions).not.toContain('RunInstances');
    const fromRun = h.emulator.made().slice(made);
    const template = fromRun.find((x) => x.kind === 'launch-template')!;
    expect('name' in template && template.name).toMatch(/^packer-fleet-launch-template-[a-z0-9]{7}$/);
    expect(Object.fromEntries(template.tags)).toEqual({ Spot: 'yes' });
    const instance = fromRun.find((x) => x.kind === 'instance')!;
    expect(Object.fromEntries(instance.tags)).toMatchObject({ Name: 'Packer Builder', Run: 'yes', Spot: 'yes' });
    expect(instance.kind === 'instance' && instance.instanceType).toBe('t3.micro');
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });
});
