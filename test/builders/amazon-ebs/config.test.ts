import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amazonEbsConfig } from '../../../builders/amazon-ebs/config.js';
import { mergedTags } from '../../../src/providers/aws/tag-blocks.js';
import { configOf, problemsOf } from '../../support/config.js';

/** The smallest configuration Packer accepts. */
const BASE = { region: 'us-east-1', ami_name: 'tsbuild-test', source_ami: 'ami-12345678', instance_type: 't3.micro', ssh_username: 'ubuntu' };

const problems = (over: Record<string, unknown>, cwd?: string) => problemsOf(amazonEbsConfig, { ...BASE, ...over }, cwd);

describe('amazon-ebs configuration', () => {
  it("applies Packer's defaults", () => {
    expect(configOf(amazonEbsConfig, BASE)).toMatchObject({
      communicator: 'ssh',
      shutdown_behavior: 'stop',
      temporary_security_group_source_cidrs: ['0.0.0.0/0'],
      max_retries: 10,
      ssh_port: 22,
      launch_block_device_mappings: [],
      ami_block_device_mappings: [],
    });
    expect(configOf(amazonEbsConfig, { ...BASE, metadata_options: {} }).metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_tokens: 'optional',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
  });

  it('reports everything missing, in the order Packer does', () => {
    expect(problemsOf(amazonEbsConfig, {})).toEqual([
      'ami_name must be specified',
      'ami_name must be between 3 and 128 characters long',
      'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root".',
      'A source_ami or source_ami_filter must be specified',
      'For security reasons, your source AMI filter must declare an owner.',
      'either instance_type or spot_instance_types must be specified',
    ]);
    expect(problems({ communicator: 'none', ssh_username: undefined })).toEqual([]);
  });

  it('checks the source AMI and the instance', () => {
    expect(problems({ source_ami: undefined, source_ami_filter: { filters: { name: 'ubuntu/*' } } })).toEqual(['For security reasons, your source AMI filter must declare an owner.']);
    expect(problems({ source_ami: undefined, source_ami_filter: { filters: { name: 'ubuntu/*' }, owners: ['099720109477'], most_recent: true } })).toEqual([]);
    expect(problems({ spot_instance_types: ['t3.micro'], spot_price: 'auto' })).toEqual(['either instance_type or spot_instance_types must be specified, not both']);
    expect(problems({ instance_type: undefined, spot_instance_types: ['t3.micro', 't3a.micro'], spot_price: 'auto' })).toEqual([]);
    expect(problems({ shutdown_behavior: 'halt' })).toEqual(["shutdown_behavior only accepts 'stop' or 'terminate' values."]);
    expect(problems({ user_data: 'x', user_data_file: 'y' })).toEqual(['Only one of user_data or user_data_file can be specified.']);
    expect(problems({ user_data_file: 'missing.txt' }, mkdtempSync(join(tmpdir(), 'ebs-')))).toEqual(['user_data_file not found: missing.txt']);
    const dir = mkdtempSync(join(tmpdir(), 'ebs-'));
    writeFileSync(join(dir, 'user-data.sh'), '#!/bin/sh\n');
    expect(problems({ user_data_file: 'user-data.sh' }, dir)).toEqual([]);
    expect(problems({ security_group_id: 'sg-1', security_group_ids: ['sg-2'] })).toEqual(['Only one of security_group_id or security_group_ids can be specified.']);
    expect(problems({ temporary_security_group_source_cidrs: ['10.0.0.0/8', '1.2.3.4/33', '::/0', 'x'] })).toEqual([
      'Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: 1.2.3.4/33',
      'Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: x',
    ]);
  });

  it('checks spot requests', () => {
    expect(problems({ spot_tags: { a: 'b' } })).toEqual(['spot_tags should not be set when not requesting a spot instance']);
    expect(problems({ spot_tags: { a: 'b' }, spot_price: '0' })).toEqual(['spot_tags should not be set when not requesting a spot instance']);
    expect(problems({ spot_price: 'auto', ena_support: true })).toEqual([
      'Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.',
    ]);
    // Early checks of what EC2 refuses once the build has started (Packer lets them through to the API).
    expect(problems({ spot_price: 'cheap' })).toEqual(['spot_price must be "auto" or a price such as "0.05"; got "cheap"']);
    expect(problems({ instance_type: undefined, spot_instance_types: ['t3.micro'] })).toEqual([
      'spot_instance_types are the types of a spot request: set spot_price ("auto" or a maximum price)',
    ]);
  });

  it('checks the connection', () => {
    expect(problems({ ssh_interface: 'ipv6' })).toEqual(['Unknown interface type: ipv6']);
    for (const ssh_interface of ['public_ip', 'private_ip', 'public_dns', 'private_dns']) expect(problems({ ssh_interface })).toEqual([]);
    expect(problems({ ssh_keypair_name: 'mine' })).toEqual(['ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.']);
    expect(problems({ ssh_keypair_name: 'mine', ssh_agent_auth: true })).toEqual([]);
    // Packer 1.6.6 does not check temporary_key_pair_type; the current plugin takes rsa or ed25519 only.
    expect(problems({ temporary_key_pair_type: 'ed25519' })).toEqual([]);
    expect(problems({ temporary_key_pair_type: 'ecdsa' })).toEqual(['temporary_key_pair_type requires either rsa or ed25519 as its value']);
    expect(problems({ temporary_key_pair_type: 'x' })).toEqual(['temporary_key_pair_type requires either rsa or ed25519 as its value']);
    expect(problems({ communicator: 'docker' })).toEqual(['communicator must be "ssh" or "none" for the amazon-ebs builder; got "docker"']);
  });

  it('says WinRM is not available rather than accepting it', () => {
    const r = problems({ communicator: 'winrm', winrm_username: 'Administrator', ssh_username: undefined });
    expect(r).toEqual(['tsbuild connects to instances over SSH only: it has no WinRM communicator (communicator = "winrm", winrm_* options).']);
  });

  it('checks the image name, sharing and encryption', () => {
    expect(problems({ ami_name: 'ab' })).toEqual(['ami_name must be between 3 and 128 characters long']);
    expect(problems({ ami_name: 'a'.repeat(129) })).toEqual(['ami_name must be between 3 and 128 characters long']);
    expect(problems({ ami_name: "ok (1) [x] a/b-c_d.e'f@g" })).toEqual([]);
    expect(problems({ ami_name: 'app:1' })[0]).toMatch(/^AMIName should only contain alphanumeric characters.*`clean_resource_name`/);
    expect(problems({ kms_key_id: 'alias/mine' })).toEqual(['If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.']);
    expect(problems({ kms_key_id: 'my key', encrypt_boot: true })).toEqual(['"my key" is not a valid KMS Key Id.']);
    for (const key of ['1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d', 'alias/mine', 'arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d', 'arn:aws:kms:us-east-1:123456789012:alias/mine']) {
      expect(problems({ kms_key_id: key, encrypt_boot: true })).toEqual([]);
    }
    expect(problems({ region_kms_key_ids: { 'us-west-2': 'alias/a' }, encrypt_boot: true, ami_regions: ['eu-west-1'] })).toEqual([
      'Region us-west-2 is in region_kms_key_ids but not in ami_regions',
      'Region eu-west-1 is in ami_regions but not in region_kms_key_ids',
    ]);
    expect(problems({ ami_users: ['123456789012'], encrypt_boot: true })).toEqual(['Cannot share AMI encrypted with default KMS key']);
    expect(problems({ snapshot_users: ['123456789012'], encrypt_boot: true })).toEqual([
      'Cannot share snapshot encrypted with default KMS key, see https://www.packer.io/docs/builders/amazon-ebs#region_kms_key_ids for more information',
    ]);
    expect(problems({ ami_users: ['123456789012'], encrypt_boot: true, kms_key_id: 'alias/shared' })).toEqual([]);
    expect(problems({ ami_virtualization_type: 'xen' })).toEqual(['ami_virtualization_type must be "hvm" or "paravirtual"; got "xen"']);
  });

  // Packer 1.6.6 does not know these options; they are declared and checked as the current documentation has them.
  it('takes the options Packer added after 1.6.6', () => {
    expect(problems({ deprecate_at: '2030-01-01T00:00:00Z', ami_org_arns: ['arn:aws:organizations::123456789012:organization/o-1'], skip_create_ami: true })).toEqual([]);
    expect(problems({ deprecate_at: 'next year' })).toEqual(['deprecate_at must be a UTC date and time such as 2030-01-01T00:00:00Z; got "next year"']);
    expect(problems({ metadata_options: { http_endpoint: 'on', http_tokens: 'always', http_put_response_hop_limit: 65, instance_metadata_tags: 'yes' } })).toEqual([
      'http_endpoint requires either disabled or enabled as its value',
      'http_tokens requires either optional or required as its value',
      'http_put_response_hop_limit requires a number between 1 and 64',
      'instance_metadata_tags requires either disabled or enabled as its value',
    ]);
    expect(problems({ metadata_options: { http_tokens: 'required' } })).toEqual([]);
  });

  it('checks block device mappings, one problem per device', () => {
    const launch = (d: Record<string, unknown>) => problems({ launch_block_device_mappings: [d] });
    expect(launch({ volume_size: 8 })).toEqual(['The `device_name` must be specified for every device in the block device mapping.']);
    expect(launch({ device_name: '/dev/sdb', kms_key_id: 'alias/k', encrypted: false })).toEqual(['The device /dev/sdb, must also have `encrypted: true` when setting a kms_key_id.']);
    expect(launch({ device_name: '/dev/sdb', volume_type: 'io1', volume_size: 10, iops: 1000 })).toEqual([
      '/dev/sdb: the maximum ratio of provisioned IOPS to requested volume size (in GiB) is 50:1 for io1 volumes',
    ]);
    expect(launch({ device_name: '/dev/sdb', volume_type: 'io2', volume_size: 10, iops: 50 })).toEqual(['IOPS must be between 100 and 64000 for device /dev/sdb']);
    expect(launch({ device_name: '/dev/sdb', volume_type: 'gp3', throughput: 2000 })).toEqual(['Throughput must be between 125 and 1000 for device /dev/sdb']);
    expect(launch({ device_name: '/dev/sdb', volume_type: 'gp3', iops: 20000 })).toEqual(['IOPS must be between 3000 and 16000 for device /dev/sdb']);
    expect(launch({ device_name: '/dev/sdb', volume_type: 'gp3', iops: 4000, throughput: 250, volume_size: 20, delete_on_termination: true })).toEqual([]);
    // Packer 1.6.6 says "Throughput is not available for device /dev/sdb"; the current plugin's wording is kept.
    expect(launch({ device_name: '/dev/sdb', volume_type: 'gp2', throughput: 200 })).toEqual(['Throughput is only valid for gp3 volumes, "/dev/sdb" is of type gp2']);
    // Packer accepts kms_key_id in an AMI mapping and does not use it: tsbuild says so instead.
    expect(problems({ ami_block_device_mappings: [{ device_name: '/dev/sdb', kms_key_id: 'alias/k', encrypted: true }] })).toEqual([
      "kms_key_id applies to launch_block_device_mappings only; the volumes of the AMI (device /dev/sdb) are encrypted with the builder's kms_key_id and encrypt_boot",
    ]);
  });

  it('checks the access options and aws_polling', () => {
    expect(problems({ access_key: 'AKIA' })).toEqual(['`access_key` and `secret_key` must both be either set or not set.']);
    expect(problems({ aws_polling: { delay_seconds: 5, max_attempts: 100 } })).toEqual([]);
    expect(problems({ aws_polling: { delay_seconds: 0 } })).toEqual(['aws_polling.delay_seconds must be a whole number, 1 or more; got 0']);
  });

  // Checked against Packer 1.6.6: blocks are copied onto the map in order, a later key wins, an empty key is kept.
  it('takes tags as blocks too, copied onto the map', () => {
    const c = configOf(amazonEbsConfig, { ...BASE, tags: { a: '1' }, tag: [{ key: 'a', value: '2' }, { key: 'b', value: '3' }], snapshot_tag: [{ key: 'c' }] });
    expect(mergedTags(c.tags, c.tag)).toEqual({ a: '2', b: '3' });
    expect(mergedTags(c.snapshot_tags, c.snapshot_tag)).toEqual({ c: '' });
    expect(mergedTags(c.run_tags, c.run_tag)).toBeUndefined();
    expect(problems({ spot_tag: [{ key: 'd', value: 'x' }] })).toEqual(['spot_tags should not be set when not requesting a spot instance']);
    expect(problems({ spot_tag: [{ key: 'd', value: 'x' }], spot_price: 'auto' })).toEqual([]);
  });
});
