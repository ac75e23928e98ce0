import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { jsonTemplateDir, oursFirstError, validateLikePacker } from '../../support/validate-compare.js';

/** The smallest amazon-ebs configuration Packer accepts (no AWS call is made while validating). */
const BASE: Record<string, unknown> = { type: 'amazon-ebs', region: 'us-east-1', ami_name: 'tsbuild-test', source_ami: 'ami-12345678', instance_type: 't3.micro', ssh_username: 'ubuntu' };

/** A JSON template with one amazon-ebs builder: BASE with `over` (undefined removes an option). */
const templateDir = (over: Record<string, unknown>) => jsonTemplateDir('tsbuild-ebs-', BASE, over);

/** One option changed from BASE per case: the rule it breaks, in Packer 1.6.6's words. */
const CASES: [string, Record<string, unknown>][] = [
  ['valid', {}],
  ['valid without a communicator', { communicator: 'none', ssh_username: undefined }],
  ['valid with a source AMI filter', { source_ami: undefined, source_ami_filter: { filters: { name: 'ubuntu/*' }, owners: ['099720109477'], most_recent: true } }],
  ['nothing set', { region: undefined, ami_name: undefined, source_ami: undefined, instance_type: undefined, ssh_username: undefined }],
  ['no ami_name', { ami_name: undefined }],
  ['short ami_name', { ami_name: 'ab' }],
  ['ami_name with bad characters', { ami_name: 'app:1*' }],
  ['no source AMI', { source_ami: undefined }],
  ['a filter without owners', { source_ami: undefined, source_ami_filter: { filters: { name: 'ubuntu/*' } } }],
  ['no instance_type', { instance_type: undefined }],
  ['instance_type and spot_instance_types', { spot_instance_types: ['t3.micro'], spot_price: 'auto' }],
  ['no ssh_username', { ssh_username: undefined }],
  ['unknown ssh_interface', { ssh_interface: 'ipv6' }],
  ['ssh_keypair_name without a key', { ssh_keypair_name: 'mine' }],
  ['bad shutdown_behavior', { shutdown_behavior: 'halt' }],
  ['user_data and user_data_file', { user_data: 'x', user_data_file: 'y' }],
  ['missing user_data_file', { user_data_file: 'missing.txt' }],
  ['security_group_id and security_group_ids', { security_group_id: 'sg-1', security_group_ids: ['sg-2'] }],
  ['bad CIDR', { temporary_security_group_source_cidrs: ['1.2.3.4/33'] }],
  ['spot_tags on demand', { spot_tags: { a: 'b' } }],
  ['spot with ena_support', { spot_price: 'auto', ena_support: true }],
  ['kms_key_id without encrypt_boot', { kms_key_id: 'alias/k' }],
  ['bad kms_key_id', { kms_key_id: 'my key', encrypt_boot: true }],
  ['region key without the region', { region_kms_key_ids: { 'us-west-2': 'alias/k' }, encrypt_boot: true }],
  ['sharing an AMI encrypted with the default key', { ami_users: ['123456789012'], encrypt_boot: true }],
  ['a device without a name', { launch_block_device_mappings: [{ volume_size: 8 }] }],
  ['a device with kms_key_id unencrypted', { launch_block_device_mappings: [{ device_name: '/dev/sdb', kms_key_id: 'alias/k', encrypted: false }] }],
  ['too many IOPS for the size', { ami_block_device_mappings: [{ device_name: '/dev/sdb', volume_type: 'io1', volume_size: 10, iops: 1000 }] }],
  ['an unknown option', { imds_support: 'v2.0' }],
];

describe('tsbuild validate of amazon-ebs templates', () => {
  needs(packer).each(CASES)('%s: same exit code and first error as Packer 1.6.6', async (_name, over) => {
    const { ours, want } = await validateLikePacker(templateDir(over));
    if (want === undefined) return;
    // The unknown option: Packer's JSON wording, which tsbuild's JSON loader keeps.
    expect(oursFirstError(ours.stdout)).toContain(want);
  });

  it('checks HCL sources after rendering their Go templates, as Packer does ({{timestamp}} in ami_name)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ebs-'));
    writeFileSync(
      join(dir, 't.pkr.hcl'),
      `source "amazon-ebs" "x" {
  region        = "us-east-1"
  ami_name      = "app-{{timestamp}}"
  source_ami    = "ami-12345678"
  instance_type = "t3.micro"
  ssh_username  = "ubuntu"
  tags          = { Base = "{{ .SourceAMIName }}" }
}
build { sources = ["source.amazon-ebs.x"] }
`,
    );
    expect(await runCli(['validate', 't.pkr.hcl'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'The configuration is valid.\n' });
  });
});
