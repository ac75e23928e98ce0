// amazon-ebs options beyond the plain build, against the EC2 emulator: network filters and enhanced networking,
// the amazon-ami data source as the source, an existing key pair, ssh_interface, deprecation, and how long waits last.

import { DeleteKeyPairCommand, EC2Client, ImportKeyPairCommand } from '@aws-sdk/client-ec2';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS_KEY, CANONICAL, ebsTemplate, hclBlocks, SECRET_KEY } from '../../support/ebs-harness.js';
import { buildWithTsbuild, ebsHarnessForFile, strayResources } from '../../support/ebs-tsbuild.js';
import { startTlsProxy } from '../../support/tls-proxy.js';

const h = ebsHarnessForFile();

const amiIn = (out: string) => /^us-east-1: (ami-[0-9a-f]+)$/m.exec(out)?.[1];
function image(id: string | undefined) {
  const r = h.emulator.resources().find((x) => x.id === id);
  if (r?.kind !== 'image') throw new Error(`no image ${id}`);
  return r;
}

describe('amazon-ebs options', () => {
  it('finds the VPC, subnet and security groups by filters, and sets ENA and SR-IOV on the AMI', async () => {
    const group = h.emulator.seedSecurityGroup({ name: 'builders', tags: { Role: 'builder' }, openPorts: [h.sshd.port] });
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, {
        options: {
          ena_support: true,
          sriov_support: true,
          vpc_filter: hclBlocks({ filters: { isDefault: 'true' } }),
          subnet_filter: hclBlocks({ filters: { 'default-for-az': 'true' }, most_free: true }),
          security_group_filter: hclBlocks({ filters: { 'tag:Role': 'builder' } }),
        },
      }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/Found VPC ID: vpc-/);
    expect(r.stdout).toMatch(/Found Subnet ID: subnet-/);
    expect(r.stdout).toContain(`Found Security Group(s): ${group.id}`);
    expect(r.stdout).toContain('Enabling Enhanced Networking (SR-IOV)...');
    const ami = image(amiIn(r.stdout));
    expect([ami.enaSupport, ami.sriovNetSupport]).toEqual([true, 'simple']);
    // No temporary group: the filter's is used.
    expect(h.emulator.made().slice(made).some((x) => x.kind === 'security-group')).toBe(false);
    expect(strayResources(h)).toEqual([]);
  });

  it('builds from the AMI the amazon-ami data source finds', async () => {
    const endpoint = h.emulator.endpoint;
    const data = `data "amazon-ami" "ubuntu" {
  region              = "us-east-1"
  access_key          = "${ACCESS_KEY}"
  secret_key          = "${SECRET_KEY}"
  custom_endpoint_ec2 = "${endpoint}"
  filters             = { name = "ubuntu/images/*focal*" }
  owners              = ["${CANONICAL}"]
  most_recent         = true
}
`;
    const r = await buildWithTsbuild(h, data + ebsTemplate(h, { options: { source_ami_filter: undefined, source_ami: '${data.amazon-ami.ubuntu.id}' } }));
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`Found Image ID: ${h.sourceImage.id}`);
    expect(strayResources(h)).toEqual([]);
  });

  it('connects with an existing key pair (ssh_keypair_name + ssh_private_key_file) over the private IP', async () => {
    const ec2 = new EC2Client({ region: 'us-east-1', endpoint: h.emulator.endpoint, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
    const name = `team-key-${Date.now()}`;
    await ec2.send(new ImportKeyPairCommand({ KeyName: name, PublicKeyMaterial: readFileSync(`${h.sshd.keys.key}.pub`) }));
    const made = h.emulator.made().length;
    const r = await buildWithTsbuild(
      h,
      ebsTemplate(h, { options: { ssh_keypair_name: name, ssh_private_key_file: h.sshd.keys.key, ssh_interface: 'private_ip' }, build: '  provisioner "shell" { inline = ["echo with-team-key"] }' }),
    );
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('Using existing SSH private key');
    expect(r.stdout).toContain('with-team-key');
    const fromRun = h.emulator.made().slice(made);
    expect(fromRun.some((x) => x.kind === 'key-pair')).toBe(false);
    const instance = fromRun.find((x) => x.kind === 'instance');
    expect(instance?.kind === 'instance' && instance.keyName).toBe(name);
    expect(strayResources(h).filter((l) => !l.includes(name))).toEqual([]);
    // The team's key stays theirs.
    expect(strayResources(h).some((l) => l.includes(name))).toBe(true);
    await ec2.send(new DeleteKeyPairCommand({ KeyName: name }));
    ec2.destroy();
  });

  it('sends the instance options to RunInstances, and connects to ssh_host with an ed25519 temporary key', async () => {
    const calls = h.emulator.calls.length;
    // Launched instances answer nowhere: only ssh_host reaches the sshd.
    h.emulator.makeUnreachable();
    try {
      const r = await buildWithTsbuild(
        h,
        ebsTemplate(h, {
          options: {
            ssh_host: '127.0.0.1',
            temporary_key_pair_type: 'ed25519',
            iam_instance_profile: 'builder-profile',
            user_data: '#cloud-config\n',
            availability_zone: 'us-east-1b',
            ebs_optimized: true,
            shutdown_behavior: 'terminate',
            metadata_options: hclBlocks({ http_tokens: 'required', http_put_response_hop_limit: 2 }),
            run_tags: { Team: 'images' },
          },
          build: '  provisioner "shell" { inline = ["echo over-ed25519"] }',
        }),
      );
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).toContain('over-ed25519');
      const params = (action: string) => h.emulator.calls.slice(calls).find((c) => c.action === action)!.params;
      expect(params('CreateKeyPair').get('KeyType')).toBe('ed25519');
      expect(Object.fromEntries([...params('RunInstances')].filter(([k]) => !k.startsWith('TagSpecification') && k !== 'ClientToken' && !k.startsWith('SecurityGroupId')))).toEqual({
        Action: 'RunInstances',
        Version: expect.any(String),
        ImageId: h.sourceImage.id,
        InstanceType: 't2.micro',
        MinCount: '1',
        MaxCount: '1',
        KeyName: expect.stringMatching(/^packer_/),
        'IamInstanceProfile.Name': 'builder-profile',
        UserData: Buffer.from('#cloud-config\n').toString('base64'),
        'Placement.AvailabilityZone': 'us-east-1b',
        EbsOptimized: 'true',
        InstanceInitiatedShutdownBehavior: 'terminate',
        'MetadataOptions.HttpEndpoint': 'enabled',
        'MetadataOptions.HttpTokens': 'required',
        'MetadataOptions.HttpPutResponseHopLimit': '2',
        'MetadataOptions.InstanceMetadataTags': 'disabled',
      });
      const tags = [...params('RunInstances')].filter(([k]) => k.startsWith('TagSpecification.1.Tag.')).map(([, v]) => v);
      expect(tags).toEqual(['Name', 'Packer Builder', 'Team', 'images']);
    } finally {
      h.emulator.makeReachable();
    }
    expect(strayResources(h)).toEqual([]);
  });

  it('reaches an EC2 endpoint with a self-signed certificate only with insecure_skip_tls_verify', async () => {
    const url = new URL(h.emulator.endpoint);
    const proxy = await startTlsProxy({ host: url.hostname, port: Number(url.port) });
    try {
      const refused = await buildWithTsbuild(h, ebsTemplate(h, { options: { custom_endpoint_ec2: proxy.url, max_retries: 1 } }));
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/Error listing regions: .*self[- ]signed certificate/i);
      const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { custom_endpoint_ec2: proxy.url, insecure_skip_tls_verify: true } }));
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).toMatch(/AMIs were created:\nus-east-1: ami-/);
    } finally {
      await proxy.close();
    }
    expect(strayResources(h)).toEqual([]);
  });

  it('deprecates the AMI at deprecate_at, and shares it with the organizations of ami_org_arns', async () => {
    const org = 'arn:aws:organizations::111122223333:organization/o-exampleorgid';
    const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { deprecate_at: '2031-01-01T00:00:00Z', ami_org_arns: [org] } }));
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('Modifying: organizations');
    const ami = image(amiIn(r.stdout));
    expect(ami.deprecationTime).toBe('2031-01-01T00:00:00.000Z');
    expect([...(ami.launchOrganizations ?? [])]).toEqual([org]);
  });

  it('gives up waiting after aws_polling max_attempts, names what it waited for, and cleans up', async () => {
    h.emulator.setDelays({ imageAvailable: 60_000 });
    try {
      const made = h.emulator.made().length;
      const r = await buildWithTsbuild(h, ebsTemplate(h, { options: { aws_polling: hclBlocks({ delay_seconds: 1, max_attempts: 2 }) } }));
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/timed out waiting for AMI ami-[0-9a-f]+ \(us-east-1\) to become available \(2 checks;/);
      expect(r.output).toContain('Deregistering the AMI and deleting associated snapshots because of cancellation, or error...');
      const ids = new Set(h.emulator.made().slice(made).map((x) => x.id));
      expect(h.emulator.leftovers().filter((l) => ids.has(l.split(' ')[1]!))).toEqual([]);
    } finally {
      h.emulator.setDelays({ imageAvailable: 200 });
    }
  });
});
