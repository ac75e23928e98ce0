// azure-arm options against the ARM emulator: an existing build resource group and virtual network (each resource
// deleted on its own), the VM's disks, custom data and spot settings, a managed image as the source, -force over an
// existing image, and a service principal's certificate.

import { execFileSync } from 'node:child_process';
import { createHash, randomUUID, sign, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hclBlocks } from '../../support/ebs-harness.js';
import { armHarnessForFile, armTemplate, buildOnArm, IMAGE_GROUP, journalFiles, LOCATION, strayResources } from '../../support/arm-emulator/harness.js';

const h = armHarnessForFile();
const sub = () => h.emulator.subscriptionId;

describe('azure-arm options', () => {
  it('builds in an existing resource group and virtual network, deletes what it made there one by one, and gives the VM its disks, custom data and spot settings', async () => {
    const group = h.emulator.seedResource({ id: `/subscriptions/${sub()}/resourceGroups/build-rg`, location: 'eastus' });
    const vnetId = `/subscriptions/${sub()}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/corp`;
    h.emulator.seedResource({ id: `/subscriptions/${sub()}/resourceGroups/net-rg`, location: 'eastus' });
    h.emulator.seedResource({ id: vnetId, location: 'eastus', properties: { subnets: [{ name: 'builders', id: `${vnetId}/subnets/builders`, properties: { addressPrefix: '10.1.0.0/24' } }] } });
    const dir = h.newDir();
    writeFileSync(join(dir, 'cloud-init.yaml'), '#cloud-config\npackages: [jq]\n');
    const made = h.emulator.made().length;
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(
      h,
      armTemplate(h, {
        options: {
          location: undefined,
          build_resource_group_name: 'build-rg',
          virtual_network_name: 'corp',
          virtual_network_resource_group_name: 'net-rg',
          managed_image_name: 'in-build-rg',
          os_disk_size_gb: 64,
          disk_additional_size: [32, 16],
          custom_data_file: join(dir, 'cloud-init.yaml'),
          spot: hclBlocks({ eviction_policy: 'Delete', max_price: 0.05 }),
        },
      }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain("ManagedImageLocation: eastus\n");
    expect(h.emulator.calls.slice(calls).map((c) => c.operation)).not.toContain('ResourceGroups_CreateOrUpdate');
    const fromRun = h.emulator.made().slice(made);
    expect(fromRun.map((x) => x.type).filter((t) => t.startsWith('Microsoft.Network/'))).toEqual(['Microsoft.Network/networkInterfaces']);
    const vm = fromRun.find((x) => x.type === 'Microsoft.Compute/virtualMachines')!;
    const p = vm.properties as Record<string, any>;
    expect(p.storageProfile.osDisk.diskSizeGB).toBe(64);
    expect(p.storageProfile.dataDisks.map((d: { diskSizeGB: number }) => d.diskSizeGB)).toEqual([32, 16]);
    expect(Buffer.from(p.osProfile.customData, 'base64').toString()).toContain('packages: [jq]');
    expect([p.priority, p.evictionPolicy, p.billingProfile.maxPrice]).toEqual(['Spot', 'Delete', 0.05]);
    // The group and network stay; what the build made in the group is gone, disks included.
    expect(h.emulator.resources().some((x) => x.id === group.id)).toBe(true);
    expect(strayResources(h), r.output).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('builds from a managed image, and replaces an existing image only with -force', async () => {
    const baseId = `/subscriptions/${sub()}/resourceGroups/${IMAGE_GROUP}/providers/Microsoft.Compute/images/base`;
    h.emulator.seedResource({ id: baseId, location: LOCATION, properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized' } } } });
    const template = armTemplate(h, {
      options: { image_publisher: undefined, image_offer: undefined, image_sku: undefined, custom_managed_image_name: 'base', custom_managed_image_resource_group_name: IMAGE_GROUP, managed_image_name: 'from-base' },
    });
    const made = h.emulator.made().length;
    const first = await buildOnArm(h, template);
    expect(first.code, first.output).toBe(0);
    const vm = h.emulator.made().slice(made).find((x) => x.type === 'Microsoft.Compute/virtualMachines')!;
    expect((vm.properties as { storageProfile: { imageReference: { id: string } } }).storageProfile.imageReference.id).toBe(baseId);
    const again = h.emulator.made().length;
    const refused = await buildOnArm(h, template);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`the managed image named from-base already exists in the resource group ${IMAGE_GROUP}, use the -force option to automatically delete it.`);
    expect(h.emulator.made().length).toBe(again);
    const forced = await buildOnArm(h, template, { args: ['-force'] });
    expect(forced.code, forced.output).toBe(0);
    expect(forced.stdout).toContain('Deleting the existing managed image from-base (-force)...');
    expect(strayResources(h)).toEqual([]);
  });

  it('authenticates with a service principal\'s certificate (client_cert_path)', async () => {
    const dir = h.newDir();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=tsbuild-sp', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    writeFileSync(join(dir, 'sp.pem'), readFileSync(key, 'utf8') + readFileSync(cert, 'utf8'));
    h.emulator.addClient('cert-client', { certificate: readFileSync(cert, 'utf8') });
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(h, armTemplate(h, { options: { client_id: 'cert-client', client_secret: undefined, client_cert_path: join(dir, 'sp.pem'), managed_image_name: 'by-cert' } }));
    expect(r.code, r.output).toBe(0);
    expect(h.emulator.calls.slice(calls).filter((c) => c.operation === 'Token').map((c) => c.status)).toContain(200);
    // Another key than the registered certificate's is refused.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=stranger', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    writeFileSync(join(dir, 'sp.pem'), readFileSync(key, 'utf8') + readFileSync(cert, 'utf8'));
    const refused = await buildOnArm(h, armTemplate(h, { options: { client_id: 'cert-client', client_secret: undefined, client_cert_path: join(dir, 'sp.pem'), managed_image_name: 'by-cert' } }));
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('Authentication with Microsoft Entra ID failed: AADSTS700027: Client assertion failed signature validation.');
  });

  it('authenticates with a client assertion given as client_jwt', async () => {
    const dir = h.newDir();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=tsbuild-jwt', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    h.emulator.addClient('jwt-client', { certificate: readFileSync(cert, 'utf8') });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const x5t = createHash('sha1').update(new X509Certificate(readFileSync(cert)).raw).digest('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', x5t })}.${b64({ aud: `${h.emulator.endpoint}/${h.emulator.tenantId}/oauth2/v2.0/token`, iss: 'jwt-client', sub: 'jwt-client', nbf: now, exp: now + 3600, jti: randomUUID() })}`;
    const jwt = `${unsigned}.${sign('sha256', Buffer.from(unsigned), readFileSync(key, 'utf8')).toString('base64url')}`;
    const r = await buildOnArm(h, armTemplate(h, { options: { client_id: 'jwt-client', client_secret: undefined, client_jwt: jwt, managed_image_name: 'by-jwt' } }));
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toContain(jwt);
  });
});
