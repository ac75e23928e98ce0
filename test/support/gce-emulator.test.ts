// The Compute Engine emulator answers the real @google-cloud/compute clients (through tsbuild's driver): tokens
// from service-account credentials, images and families, instances whose operations finish later, Google's
// errors, and injected faults.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GceDriver } from '../../src/providers/gcp/driver.js';
import { openGce } from '../../src/providers/gcp/sdk.js';
import { startGceEmulator, type GceEmulator } from './gce-emulator/index.js';

let emu: GceEmulator;
let driver: GceDriver;
const signal = new AbortController().signal;
const ZONE = 'us-central1-a';

function open(credentials_json: string, project = 'tsbuild-test'): Promise<GceDriver> {
  return openGce({ project_id: project, credentials_json, scopes: [], custom_endpoints: { compute: `${emu.endpoint}/compute/v1/` } }, '/', {}, signal);
}

beforeAll(async () => {
  emu = await startGceEmulator();
  emu.seedImage({ name: 'debian-12-old', project: 'debian-cloud', family: 'debian-12', creationTimestamp: '2024-01-01T00:00:00Z' });
  emu.seedImage({ name: 'debian-12-new', project: 'debian-cloud', family: 'debian-12', creationTimestamp: '2025-01-01T00:00:00Z' });
  emu.addAccount('reader@debian-cloud.iam.gserviceaccount.com', 'debian-cloud');
  driver = await open(emu.credentialsJson);
});
afterAll(async () => {
  await driver?.close();
  await emu?.close();
});

const instanceSpec = (name: string) => ({
  name,
  machineType: `zones/${ZONE}/machineTypes/e2-standard-2`,
  disks: [{ boot: true, autoDelete: false, initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12', diskName: name } }],
  networkInterfaces: [{ network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'AccessConfig created by Packer' }] }],
  metadata: { items: [{ key: 'k', value: 'v' }] },
});

describe('GCE emulator', () => {
  it('finds images by name and the newest of a family; a missing one is undefined', async () => {
    const { images } = { images: await Promise.all([driver.findImage('debian-cloud', 'debian-12', true, signal), driver.findImage('debian-cloud', 'debian-12-old', false, signal)]) };
    expect(images.map((i) => i?.name)).toEqual(['debian-12-new', 'debian-12-old']);
    expect(await driver.findImage('debian-cloud', 'nope', false, signal)).toBeUndefined();
  });

  it('creates an instance through a zone operation, images its disk, and deletes all of it', async () => {
    await driver.createInstance(ZONE, instanceSpec('vm-1'), signal);
    const info = await driver.getInstance(ZONE, 'vm-1', signal);
    expect(info?.natIP).toBe('127.0.0.1');
    expect(info?.metadata).toEqual({ k: 'v' });
    expect(await driver.deleteInstance(ZONE, 'vm-1', signal)).toBe('deleted');
    expect(emu.leftovers()).toEqual(['disk vm-1']);
    const image = await driver.createImage({ name: 'img-1', sourceDisk: `projects/tsbuild-test/zones/${ZONE}/disks/vm-1`, family: 'fam', labels: { a: 'b' } }, signal);
    expect(image).toMatchObject({ name: 'img-1', family: 'fam', labels: { a: 'b' } });
    expect(await driver.deleteDisk(ZONE, 'vm-1', signal)).toBe('deleted');
    expect(await driver.deleteImage('img-1', signal)).toBe('deleted');
    expect(await driver.deleteImage('img-1', signal)).toBe('gone');
    expect(emu.leftovers()).toEqual([]);
  });

  it('retries 429 and 503, and reports an operation that ends in QUOTA_EXCEEDED', async () => {
    const from = emu.calls.length;
    emu.faults.add({ action: 'instances.insert', error: 'rateLimitExceeded', times: 2 });
    emu.faults.add({ action: 'zoneOperations.wait', error: 'backendError' });
    await driver.createInstance(ZONE, instanceSpec('vm-2'), signal);
    expect(emu.calls.slice(from).filter((c) => c.method === 'instances.insert').map((c) => c.status)).toEqual([429, 429, 200]);
    await driver.deleteInstance(ZONE, 'vm-2', signal);
    await driver.deleteDisk(ZONE, 'vm-2', signal);
    emu.failOperations({ operationType: 'insert', code: 'QUOTA_EXCEEDED', message: "Quota 'CPUS' exceeded.  Limit: 8.0 in region us-central1." });
    await expect(driver.createInstance(ZONE, instanceSpec('vm-3'), signal)).rejects.toThrow("Error creating instance: QUOTA_EXCEEDED: Quota 'CPUS' exceeded.");
    expect(emu.leftovers()).toEqual([]);
  });

  it('refuses a key it does not know, and a project the account is not in, in Google\'s words', async () => {
    const forged = await open(emu.forgedCredentialsJson());
    await expect(forged.findImage('tsbuild-test', 'x', false, signal)).rejects.toThrow(/Invalid JWT Signature/);
    await forged.close();
    const other = await open(emu.credentialsJson, 'someone-else');
    await expect(other.getInstance(ZONE, 'x', signal)).rejects.toThrow(/Required 'compute.instances.list' permission for 'projects\/someone-else' \(HTTP 403\)/);
    await other.close();
  });
});
