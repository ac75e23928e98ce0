// A handful of real `tsbuild build` processes at once publishing to one bucket that does not exist yet, with one
// channel: each run creates or finds the bucket, and every run's version is there, numbered v1..vN with no repeat.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../registry/api/client.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startRegistry('tsbuild-reliability-cli-');
});
afterAll(() => reg?.stop());

const TEMPLATE = `
source "null" "base" { communicator = "none" }
hcp_packer_registry {
  bucket_name   = "shared"
  description   = "Shared by concurrent runs"
  channels      = ["prod"]
}
build { sources = ["source.null.base"] }
`;

const RUNS = 5;

describe('concurrent tsbuild build processes publishing to one bucket', () => {
  it('records every run as its own complete version', async () => {
    const results = await Promise.all(Array.from({ length: RUNS }, () => reg.build({ 'main.pkr.hcl': TEMPLATE })));
    for (const r of results) expect(r.code, r.stdout + r.stderr).toBe(0);
    const published = results.map((r) => /Published version (v\d+) of bucket "shared"/.exec(r.stdout)?.[1]);
    expect([...published].sort()).toEqual(Array.from({ length: RUNS }, (_, i) => `v${i + 1}`));
    const client = new RegistryClient({ url: reg.url, token: reg.token });
    const versions = await client.listVersions('shared');
    expect(versions.map((v) => v.name).sort()).toEqual([...published].sort());
    for (const v of versions) expect(v.builds).toEqual([expect.objectContaining({ component_type: 'null.base', status: 'BUILD_DONE' })]);
    const history = await client.listChannelHistory('shared', 'prod');
    expect(history.map((h) => h.version!.name).sort()).toEqual([...published].sort());
    expect((await client.findChannel('shared', 'prod'))!.version!.name).toBe(history[0]!.version!.name);
    expect((await client.findBucket('shared'))!).toMatchObject({ description: 'Shared by concurrent runs', version_count: String(RUNS) });
  });
});
