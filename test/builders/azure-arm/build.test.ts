// azure-arm builds against the ARM emulator, with the real Azure SDK and a real sshd standing for the VM.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hclBlocks } from '../../support/ebs-harness.js';
import { armHarnessForFile, armTemplate, buildOnArm, GALLERY, GALLERY_GROUP, GALLERY_IMAGE, IMAGE_GROUP, journalFiles, LOCATION, strayResources } from '../../support/arm-emulator/harness.js';

const h = armHarnessForFile();

describe('azure-arm build', () => {
  it('builds a managed image in a temporary resource group with shell provisioning, and leaves only the image', async () => {
    const r = await buildOnArm(
      h,
      armTemplate(h, { options: { managed_image_name: 'golden-1', azure_tags: { team: 'infra' } }, build: '  provisioner "shell" { inline = ["echo provisioned-as-$(id -un)"] }\n  post-processor "manifest" { output = "manifest.json" }' }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ -> ResourceGroupName : 'pkr-Resource-Group-[a-z0-9]{10}'\n/);
    expect(r.stdout).toContain('provisioned-as-root');
    const id = `/subscriptions/${h.emulator.subscriptionId}/resourceGroups/${IMAGE_GROUP}/providers/Microsoft.Compute/images/golden-1`;
    expect(r.stdout).toContain(
      `Azure.ResourceManagement.VMImage:\n\nOSType: Linux\nManagedImageResourceGroupName: ${IMAGE_GROUP}\nManagedImageName: golden-1\nManagedImageId: ${id}\nManagedImageLocation: ${LOCATION}\n`,
    );
    const image = h.emulator.resources().find((x) => x.id === id)!;
    expect(image.tags).toEqual({ team: 'infra' });
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(r.dir, 'manifest.json'), 'utf8')) as { builds: { artifact_id: string; builder_type: string; name: string }[] };
    expect(manifest.builds[0]).toMatchObject({ name: 'x', builder_type: 'azure-arm', artifact_id: id });
    // The VM was made with the marketplace image and a generated key, deallocated, generalized, then captured.
    const ops = h.emulator.calls.map((c) => c.operation);
    const order = ['ResourceGroups_CreateOrUpdate', 'VirtualNetworks_CreateOrUpdate', 'PublicIPAddresses_CreateOrUpdate', 'NetworkInterfaces_CreateOrUpdate', 'VirtualMachines_CreateOrUpdate', 'VirtualMachines_Deallocate', 'VirtualMachines_Generalize', 'Images_CreateOrUpdate', 'ResourceGroups_Delete'];
    expect(order.map((o) => ops.indexOf(o))).toEqual([...order.map((o) => ops.indexOf(o))].sort((a, b) => a - b));
    expect(order.every((o) => ops.includes(o))).toBe(true);
  });

  it('publishes the image to a Shared Image Gallery, and names both in the artifact', async () => {
    const r = await buildOnArm(
      h,
      armTemplate(h, {
        options: {
          managed_image_name: 'golden-2',
          shared_image_gallery_destination: hclBlocks({ resource_group: GALLERY_GROUP, gallery_name: GALLERY, image_name: GALLERY_IMAGE, image_version: '1.0.0', replication_regions: ['eastus'] }),
          shared_image_gallery_replica_count: 2,
        },
      }),
    );
    expect(r.code, r.output).toBe(0);
    const versionId = `/subscriptions/${h.emulator.subscriptionId}/resourceGroups/${GALLERY_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/images/${GALLERY_IMAGE}/versions/1.0.0`;
    expect(r.stdout).toContain(`ManagedImageSharedImageGalleryId: ${versionId}\n`);
    const version = h.emulator.resources().find((x) => x.id === versionId)!;
    const targets = (version.properties.publishingProfile as { targetRegions: { name: string; regionalReplicaCount: number }[] }).targetRegions;
    expect(targets.map((t) => [t.name, t.regionalReplicaCount])).toEqual([[LOCATION, 2], ['eastus', 2]]);
    expect(strayResources(h)).toEqual([]);
  });
});
