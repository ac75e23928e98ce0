// googlecompute builds that fail: each says why in the user's terms and leaves nothing in Compute Engine or the
// journal. Throttling (429) and transient 5xx are retried.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGce, gceHarnessForFile, gceTemplate, journalFiles, strayResources } from '../../support/gce-harness.js';

const h = gceHarnessForFile();
const FAST = { temporary_key_pair_type: 'ed25519' };

describe('googlecompute failures', () => {
  it('wrong credentials: the token endpoint\'s refusal, nothing made', async () => {
    const dir = h.newDir();
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, h.emulator.forgedCredentialsJson());
    const r = await buildGce(h, gceTemplate(h, { options: { ...FAST, account_file: forged } }));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`Error getting an access token for packer@${h.emulator.project}.iam.gserviceaccount.com: invalid_grant: Invalid JWT Signature.`);
    expect(r.output).not.toContain('PRIVATE KEY');
    expect(r.output).not.toContain('Error getting image');
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('a missing source image: named, with the projects looked in, before anything is made', async () => {
    const r = await buildGce(h, gceTemplate(h, { options: { ...FAST, source_image_family: undefined, source_image: 'debian-13-nope', source_image_project_id: ['debian-cloud', 'tsbuild-test'] } }));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('Error getting source image for instance creation: could not find image "debian-13-nope" in projects debian-cloud, tsbuild-test');
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('a quota error in the insert\'s operation: Compute\'s code and message; the journal ends empty', async () => {
    h.emulator.failOperations({ operationType: 'insert', code: 'QUOTA_EXCEEDED', message: "Quota 'CPUS' exceeded.  Limit: 8.0 in region us-central1." });
    const r = await buildGce(h, gceTemplate(h, { options: FAST }));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain("Error creating instance: QUOTA_EXCEEDED: Quota 'CPUS' exceeded.  Limit: 8.0 in region us-central1.");
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('an image insert that fails after provisioning: its error, the instance and disk deleted, no image left', async () => {
    h.emulator.failOperations({ operationType: 'insert', target: '/global/images/', code: 'QUOTA_EXCEEDED', message: "Quota 'IMAGES' exceeded.  Limit: 2000.0 globally." });
    const r = await buildGce(h, gceTemplate(h, { options: FAST, build: '  provisioner "shell" { inline = ["true"] }' }));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(/Error creating image tsbuild-test-\d+: QUOTA_EXCEEDED: Quota 'IMAGES' exceeded/);
    expect(r.stdout).toContain('Disk has been deleted!');
    expect(h.emulator.leftovers()).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('429 and 503 answers are retried: the build succeeds', async () => {
    const from = h.emulator.calls.length;
    h.emulator.faults.add({ action: 'instances.insert', error: 'rateLimitExceeded', times: 2 });
    h.emulator.faults.add({ action: 'images.insert', error: 'backendError' });
    h.emulator.faults.add({ action: 'instances.get', error: 'rateLimitExceeded' });
    const r = await buildGce(h, gceTemplate(h, { options: FAST }));
    expect(r.code, r.output).toBe(0);
    const statuses = (m: string) => h.emulator.calls.slice(from).filter((c) => c.method === m).map((c) => c.status);
    expect(statuses('instances.insert')).toEqual([429, 429, 200]);
    expect(statuses('images.insert')).toEqual([503, 200]);
    expect(h.emulator.faults.pending()).toBe(0);
    expect(strayResources(h)).toEqual([]);
  });
});
