// azure-arm builds against the ARM emulator: an emulator, a real sshd standing in for every VM it makes (the
// emulator appends each VM's osProfile SSH key to the sshd's authorized_keys), a seeded marketplace image, the
// managed image's resource group and a gallery with an image definition, HCL2 templates, and the environment a
// tsbuild process needs to reach the emulator (TSBUILD_AZURE_ENDPOINT, NODE_EXTRA_CA_CERTS).

import { join } from 'node:path';
import type { CliResult } from '../cli.js';
import { buildInNewDir, cloudHarness, harnessForFile, runEnv, type CloudHarness } from '../cloud-harness.js';
import { sourceTemplate, type SourceTemplateOptions } from '../hcl-template.js';
import { makeTestKeys, startSshd } from '../sshd.js';
import { startArmEmulator, type ArmEmulator, type ArmEmulatorOptions } from './index.js';

export { journalFiles } from '../cloud-harness.js';

export const LOCATION = 'westus2';
export const IMAGE_GROUP = 'images-rg';
export const GALLERY_GROUP = 'gallery-rg';
export const GALLERY = 'tsbuildgallery';
export const GALLERY_IMAGE = 'ubuntu-golden';
export const UBUNTU = { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' };

export type ArmHarness = CloudHarness<ArmEmulator>;

export async function startArmHarness(options: ArmEmulatorOptions = {}): Promise<ArmHarness> {
  const sshd = await startSshd(makeTestKeys());
  const emulator = await startArmEmulator({ authorizedKeysFile: join(sshd.dir, 'authorized_keys'), ...options });
  emulator.seedMarketplaceImage(UBUNTU.publisher, UBUNTU.offer, UBUNTU.sku, ['22.04.202401010', '22.04.202402010']);
  const sub = emulator.subscriptionId;
  emulator.seedResource({ id: `/subscriptions/${sub}/resourceGroups/${IMAGE_GROUP}`, location: LOCATION });
  emulator.seedResource({ id: `/subscriptions/${sub}/resourceGroups/${GALLERY_GROUP}`, location: LOCATION });
  emulator.seedResource({ id: `/subscriptions/${sub}/resourceGroups/${GALLERY_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}`, location: LOCATION });
  emulator.seedResource({
    id: `/subscriptions/${sub}/resourceGroups/${GALLERY_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/images/${GALLERY_IMAGE}`,
    location: LOCATION,
    properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'tsbuild', offer: 'golden', sku: 'ubuntu' } },
  });
  return cloudHarness('tsbuild-azure-', emulator, sshd);
}

/** A harness for the test file: started before its tests, closed after them. */
export function armHarnessForFile(options?: ArmEmulatorOptions): ArmHarness {
  return harnessForFile('azure-arm', () => startArmHarness(options));
}

/** Options besides (or replacing) the harness's, and the build block's provisioners and post-processors; the source is `x`. */
export type ArmTemplateOptions = Omit<SourceTemplateOptions, 'name'>;

/** An HCL2 template: one azure-arm source from the seeded Ubuntu image to a managed image, SSH to the harness's sshd. */
export function armTemplate(h: ArmHarness, o: ArmTemplateOptions = {}): string {
  return sourceTemplate('azure-arm', o, {
    client_id: h.emulator.clientId,
    client_secret: h.emulator.clientSecret,
    subscription_id: h.emulator.subscriptionId,
    tenant_id: h.emulator.tenantId,
    image_publisher: UBUNTU.publisher,
    image_offer: UBUNTU.offer,
    image_sku: UBUNTU.sku,
    os_type: 'Linux',
    vm_size: 'Standard_B1s',
    location: LOCATION,
    managed_image_name: 'tsbuild-{{timestamp}}',
    managed_image_resource_group_name: IMAGE_GROUP,
    ssh_username: 'root',
    ssh_port: h.sshd.port,
    ssh_timeout: '30s',
  });
}

/** The environment of a tsbuild run in `dir`: the emulator's endpoint and certificate, a journal folder and TMPDIR of its own. */
export function armEnv(h: ArmHarness, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return runEnv(dir, ['AZURE_'], { TSBUILD_AZURE_ENDPOINT: h.emulator.endpoint, NODE_EXTRA_CA_CERTS: h.emulator.caFile }, extra);
}

/** Writes `template` as `<dir>/build.pkr.hcl` and builds it with tsbuild. */
export async function buildOnArm(h: ArmHarness, template: string, o: { env?: Record<string, string>; args?: string[] } = {}): Promise<CliResult & { dir: string; output: string }> {
  return buildInNewDir(h, template, (dir) => armEnv(h, dir, o.env), o.args);
}

/** What builds left besides the managed images and gallery versions they should leave. */
export function strayResources(h: ArmHarness): string[] {
  return h.emulator.leftovers().filter((l) => !l.startsWith('Microsoft.Compute/images ') && !l.startsWith('Microsoft.Compute/galleries/images/versions '));
}
