// amazon-ebs builds against the EC2 emulator, with the real SDK and a real sshd standing for the instance.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ebsTemplate, startEbsHarness, type EbsHarness } from '../../support/ebs-harness.js';
import { buildWithTsbuild } from '../../support/ebs-tsbuild.js';

let h: EbsHarness;

beforeAll(async () => {
  h = await startEbsHarness();
});
afterAll(async () => {
  await h?.close();
});

/** What the emulator still has that the build made, besides the AMIs and snapshots it should leave. */
const strayResources = () => h.emulator.leftovers().filter((l) => !l.startsWith('image ') && !l.startsWith('snapshot '));
const journalLeft = (dir: string) => readdirSync(join(dir, 'state', 'journal'), { withFileTypes: true }).length;

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
    expect(strayResources()).toEqual([]);
    expect(journalLeft(r.dir)).toBe(0);
  });
});
