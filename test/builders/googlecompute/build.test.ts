// googlecompute builds through the CLI against the Compute Engine emulator, with the real SDK clients and a real
// sshd standing for the instance: the temporary key in the instance's metadata is what lets the build in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGce, FAMILY, gceHarnessForFile, gceTemplate, journalFiles, SOURCE_IMAGE, strayResources, ZONE } from '../../support/gce-harness.js';

const h = gceHarnessForFile();

describe('googlecompute build', () => {
  it('builds an image over a temporary key in ssh-keys, with shell provisioning, and leaves only the image', async () => {
    const r = await buildGce(
      h,
      gceTemplate(h, {
        options: { image_family: 'tsbuild', image_labels: { os: 'debian' }, image_description: 'tsbuild test image', labels: { team: 'build' }, tags: ['ssh'] },
        build: '  provisioner "shell" { inline = ["echo provisioned-as-$(id -un) from ${build.SourceImageName}"] }\n  post-processor "manifest" { output = "manifest.json" }',
      }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Creating temporary RSA SSH key for instance...');
    expect(r.stdout).toContain(`Using image: ${SOURCE_IMAGE}`);
    expect(r.stdout).toContain(`provisioned-as-root from ${SOURCE_IMAGE}`);
    const name = /A disk image was created: (tsbuild-test-\d+)\n/.exec(r.stdout)?.[1];
    expect(name, r.stdout).toBeDefined();
    const image = h.emulator.image(h.emulator.project, name!)!;
    expect(image).toMatchObject({ status: 'READY', family: 'tsbuild', labels: { os: 'debian' }, description: 'tsbuild test image' });
    expect(image.sourceImage).toContain(`/projects/debian-cloud/global/images/${SOURCE_IMAGE}`);
    // The instance asked for: Packer's shape, the temporary key in ssh-keys as `root:ssh-rsa ... root`.
    const instance = h.emulator.made().find((m) => m.kind === 'compute#instance');
    if (instance?.kind !== 'compute#instance') throw new Error('no instance was made');
    expect(instance.name).toMatch(/^packer-[0-9a-f-]{36}$/);
    expect(instance.machineType).toBe(`zones/${ZONE}/machineTypes/e2-standard-2`);
    expect(instance.labels).toEqual({ team: 'build' });
    expect(instance.tags).toEqual({ items: ['ssh'] });
    const keys = instance.metadata.items.find((i) => i.key === 'ssh-keys')?.value ?? '';
    expect(keys).toMatch(/^root:ssh-rsa \S+ root$/);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8')) as { builds: Record<string, unknown>[] };
    expect(manifest.builds).toHaveLength(1);
    expect(manifest.builds[0]).toMatchObject({ name: 'x', builder_type: 'googlecompute', artifact_id: name, files: null });
    expect(FAMILY).toBe('debian-12');
  });
});
