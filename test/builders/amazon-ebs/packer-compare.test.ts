// The same amazon-ebs templates built by Packer 1.6.6 and by tsbuild against the same EC2 emulator: both make the
// same kinds of resources, with the same names (random parts aside), tags and regions, and leave the same behind.
// Where tsbuild leaves less than Packer on purpose, the test says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithPacker, ebsTemplate, hclBlocks, resourceSummary, startEbsHarness, type EbsHarness, type HclValue } from '../../support/ebs-harness.js';
import { buildWithTsbuild } from '../../support/ebs-tsbuild.js';
import { needs, packer } from '../../support/needs.js';

const SHELL = '  provisioner "shell" {\n    inline = ["echo provisioned as $(id -un)"]\n  }';

let h: EbsHarness;

/** What a run of `tool` made: kinds, names, tags, regions, and whether each is still there. */
async function summaryOf(tool: 'packer' | 'tsbuild', options: Record<string, HclValue | undefined>) {
  const since = h.emulator.made().length;
  const template = ebsTemplate(h, { options, build: SHELL });
  const run = tool === 'packer' ? await buildWithPacker(h, template) : await buildWithTsbuild(h, template);
  expect(run.code, run.output).toBe(0);
  return resourceSummary(h.emulator, since);
}

const CASES: [string, Record<string, HclValue | undefined>][] = [
  ['a plain build', {}],
  [
    'region copies, sharing and tags',
    {
      ami_regions: ['us-west-2', 'eu-west-1'],
      ami_users: ['444455556666'],
      ami_groups: ['all'],
      snapshot_users: ['444455556666'],
      tags: { OS: 'Ubuntu', Base: '{{ .SourceAMIName }}' },
      snapshot_tags: { Kind: 'snap' },
      run_tags: { Run: 'yes' },
      run_volume_tags: { Vol: 'yes' },
    },
  ],
  ['force_deregister of a name not taken', { force_deregister: true, ami_name: 'compare-forced-{{timestamp}}' }],
];

needs(packer).describe('Packer 1.6.6 and tsbuild make the same resources', () => {
  beforeAll(async () => {
    h = await startEbsHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(CASES)('%s', async (_, options) => {
    const theirs = await summaryOf('packer', options);
    const ours = await summaryOf('tsbuild', options);
    expect(ours).toEqual(theirs);
  }, 90_000);

  it('launch volumes that outlive the instance: Packer leaves them (its documentation warns so), tsbuild deletes them', async () => {
    const options = { launch_block_device_mappings: hclBlocks({ device_name: '/dev/sdf', volume_size: 4, delete_on_termination: false }) };
    const theirs = await summaryOf('packer', options);
    const ours = await summaryOf('tsbuild', options);
    const keptVolumes = (s: typeof ours) => s.filter((r) => r.kind === 'volume' && r.left);
    expect(keptVolumes(theirs)).toHaveLength(1);
    expect(keptVolumes(ours)).toEqual([]);
    // Everything else is the same.
    const rest = (s: typeof ours) => s.map((r) => (r.kind === 'volume' ? { ...r, left: false } : r));
    expect(rest(ours)).toEqual(rest(theirs));
  }, 90_000);
});
