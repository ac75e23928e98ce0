// An amazon-ebs build stopped at every step boundary leaves nothing in EC2: Ctrl-C (SIGINT) and SIGTERM let the
// build clean up after itself; after kill -9, `tsbuild cleanup` deletes what the journal lists. Either way the
// journal ends empty. The emulator's state changes take a little time, so that some interrupts come during a wait.

import { describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { harnessPool, journalFiles as journalIn, madeSince, projectDir } from '../../support/cloud-harness.js';
import { ACCESS_KEY, ebsTemplate, SECRET_KEY, startEbsHarness, type EbsHarness } from '../../support/ebs-harness.js';
import { tsbuildEnv } from '../../support/ebs-tsbuild.js';

// Cases run side by side, each on a harness of its own while it runs, so that what the emulator has left can be
// compared with what it had before the case.
const withHarness = harnessPool(3, () => startEbsHarness({ delays: { instanceRunning: 300, imageAvailable: 600, instanceTerminated: 600 } }));

// A case may wait for a harness while others run (vitest runs up to 5 cases of a concurrent suite at once).
const CASE_TIMEOUT = 120_000;

// The lines that start each step of the build, in order (Packer's words), and its cleanup's first wait.
const BOUNDARIES = [
  'Prevalidating AMI Name',
  'Found Image ID',
  'Creating temporary keypair',
  'Creating temporary security group',
  'Authorizing access to port',
  'Launching a source AWS instance',
  'Instance ID:',
  'Connected to SSH',
  'Provisioning with shell',
  'Stopping the source instance',
  'Creating AMI',
  'AMI: ami-',
  'Copying to: us-west-2',
  'Modifying attributes on AMI',
  'Adding tags to AMI',
  // The build's steps are done: cleanup waits for the instance to terminate. Stopped there, the build has made
  // no artifact yet: its AMIs go too.
  'Terminating the source AWS instance',
];

/** A folder with a build that copies, shares and tags its AMI, over a temporary key pair, with a provisioner that takes a while. */
function project(h: EbsHarness): string {
  const template = ebsTemplate(h, {
    options: { ami_regions: ['us-west-2'], tags: { OS: 'Ubuntu' }, ami_users: ['444455556666'] },
    build: '  provisioner "shell" { inline = ["sleep 2"] }',
  });
  return projectDir(h, template);
}

describe.concurrent('SIGINT and SIGTERM at every step boundary of an amazon-ebs build', () => {
  const terms = ['Instance ID:', 'Provisioning with shell', 'AMI: ami-', 'Copying to: us-west-2'];
  const cases = [...BOUNDARIES.map((m) => ['SIGINT', m] as const), ...terms.map((m) => ['SIGTERM', m] as const)];
  it.each(cases)('%s at "%s" leaves nothing', (signal, marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = project(h);
      const r = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, signal, env: tsbuildEnv(h, dir) });
      expect(r.sent, r.out).toBe(true);
      expect(r.code, r.out).toBe(1);
      expect(madeSince(h, before), r.out).toEqual([]);
      expect(journalIn(dir), r.out).toEqual([]);
    }),
    CASE_TIMEOUT,
  );
});

describe.concurrent('kill -9 at every step boundary of an amazon-ebs build, then tsbuild cleanup', () => {
  it.each(BOUNDARIES)('killed at "%s"', (marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = project(h);
      const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, signal: 'SIGKILL', env: tsbuildEnv(h, dir) });
      expect(killed.sent, killed.out).toBe(true);
      // Cleanup finds credentials as the SDKs do: here in the environment.
      const env = tsbuildEnv(h, dir, { AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_REGION: 'us-east-1' });
      const cleanup = await runCli(['cleanup'], { cwd: dir, env });
      const said = `${killed.out}\n--- cleanup:\n${cleanup.stdout}${cleanup.stderr}`;
      expect(cleanup.code, said).toBe(0);
      expect(madeSince(h, before), said).toEqual([]);
      expect(journalIn(dir), said).toEqual([]);
      const again = await runCli(['cleanup'], { cwd: dir, env });
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain('Nothing to clean up');
    }),
    CASE_TIMEOUT,
  );
});
