// amazon-ebs when EC2 or the instance misbehaves, and when the template is wrong: throttling and 5xx are survived
// by retries; bad credentials, a missing source AMI, an unknown instance type and an instance that never answers
// SSH each give a clear message, and nothing is left behind.

import { describe, expect, it } from 'vitest';
import { ebsTemplate, hclBlocks, SECRET_KEY } from '../../support/ebs-harness.js';
import { buildWithTsbuild, ebsHarnessForFile, journalFiles, leftSince, strayResources } from '../../support/ebs-tsbuild.js';

const h = ebsHarnessForFile();


describe('amazon-ebs against a misbehaving EC2', () => {
  it('survives throttling and 5xx answers on every kind of call with the SDK retries', async () => {
    const calls = h.emulator.calls.length;
    for (const action of ['DescribeImages', 'CreateKeyPair', 'RunInstances', 'DescribeInstances', 'StopInstances', 'CreateImage', 'TerminateInstances', 'DeleteSecurityGroup']) {
      h.emulator.faults.add({ action, error: 'RequestLimitExceeded', times: 2 });
      h.emulator.faults.add({ action, error: 'InternalError', times: 1 });
    }
    const r = await buildWithTsbuild(h, ebsTemplate(h));
    expect(r.code, r.output).toBe(0);
    expect(h.emulator.faults.pending()).toBe(0);
    const failed = h.emulator.calls.slice(calls).filter((c) => c.errorCode);
    expect(failed.length).toBe(24);
    expect(r.stdout).toMatch(/AMIs were created:\nus-east-1: ami-/);
    expect(strayResources(h)).toEqual([]);
  });

  it('gives up after max_retries with EC2\'s error, and cleans up', async () => {
    const made = h.emulator.made().length;
    h.emulator.faults.add({ action: 'StopInstances', error: 'RequestLimitExceeded', times: 4 });
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { max_retries: 2 } }));
    h.emulator.faults.clear();
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/Error stopping instance: RequestLimitExceeded: .* \(HTTP 503, after 3 attempts\)/);
    expect(r.output).toContain('Terminating the source AWS instance...');
    expect(leftSince(h, made)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });
});

describe('amazon-ebs with bad input', () => {
  it('refuses unknown credentials before anything is made, without printing them', async () => {
    const made = h.emulator.made().length;
    // The emulator knows access keys, not secrets (it checks no signature): an unknown key is what it refuses.
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { access_key: 'AKIDUNKNOWN0000', secret_key: 'not-the-secret-at-all' } }));
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/validating provider credentials: .*InvalidClientTokenId/);
    expect(r.output).not.toContain('not-the-secret-at-all');
    expect(r.output).not.toContain(SECRET_KEY);
    expect(h.emulator.made().length).toBe(made);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('says which source AMI is missing, and makes nothing', async () => {
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { source_ami_filter: undefined as never, source_ami: 'ami-0123456789abcdef0' } }));
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/Error querying AMI: .*ami-0123456789abcdef0/);
    expect(h.emulator.made().length).toBe(made);
  });

  it('says that no AMI matches the filter, with the filter', async () => {
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, { options: { source_ami_filter: hclBlocks({ filters: { name: 'no-such-image-*' }, owners: ['099720109477'] }) } }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toContain('No AMI was found matching filters: filters: name = "no-such-image-*"; owners: "099720109477"');
    expect(h.emulator.made().length).toBe(made);
  });

  it('reports an unknown instance type with EC2\'s message, and deletes the key pair and security group it made', async () => {
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { instance_type: 't9.gigantic' } }));
    expect(r.code).toBe(1);
    expect(r.output).toContain('Error launching source instance: InvalidParameterValue: The following supplied instance types do not exist: [t9.gigantic]');
    expect(r.output).toContain('Deleting temporary security group...');
    expect(r.output).toContain('Deleting temporary keypair...');
    expect(h.emulator.made().slice(made).map((x) => x.kind).sort()).toEqual(['key-pair', 'security-group']);
    expect(leftSince(h, made)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('refuses enhanced networking for a paravirtual AMI before launching anything', async () => {
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { ena_support: true, ami_virtualization_type: 'paravirtual' } }));
    expect(r.code).toBe(1);
    expect(r.output).toContain('Enhanced Networking is not supported on non-HVM AMIs');
    expect(h.emulator.made().length).toBe(made);
  });

  it('times out on an instance that never answers SSH, and terminates it', async () => {
    const made = h.emulator.made().length;
    h.emulator.makeUnreachable();
    try {
      const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { ssh_timeout: '3s' } }));
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/Timeout waiting for SSH/i);
      expect(r.output).toContain('Terminating the source AWS instance...');
      expect(leftSince(h, made)).toEqual([]);
      expect(journalFiles(r.dir)).toEqual([]);
    } finally {
      h.emulator.makeReachable();
    }
  });
});
