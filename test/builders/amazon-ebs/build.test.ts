// amazon-ebs builds against the EC2 emulator, with the real SDK and a real sshd standing for the instance.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startEc2Emulator, type Ec2Emulator } from '../../support/ec2-emulator/index.js';
import { makeTestKeys, startSshd, type TestSshd } from '../../support/sshd.js';

let emu: Ec2Emulator;
let sshd: TestSshd;
let sourceAmi: string;

beforeAll(async () => {
  sshd = await startSshd(makeTestKeys());
  emu = await startEc2Emulator();
  sourceAmi = emu.seedImage({ name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240101', ownerId: '099720109477', isPublic: true }).id;
});
afterAll(async () => {
  await emu?.close();
  await sshd?.stop();
});

function env(dir: string): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL_STS: emu.endpoint, HOME: dir, TSBUILD_STATE_DIR: join(dir, 'state') };
}

function template(extra: string, provisioners = ''): string {
  return `source "amazon-ebs" "app" {
  region               = "us-east-1"
  custom_endpoint_ec2  = "${emu.endpoint}"
  source_ami           = "${sourceAmi}"
  instance_type        = "t3.micro"
  ami_name             = "app-{{timestamp}}"
  ssh_username         = "root"
  ssh_port             = ${sshd.port}
  ssh_private_key_file = "${sshd.keys.key}"
  ssh_timeout          = "30s"
${extra}
}
build {
  sources = ["source.amazon-ebs.app"]
${provisioners}
}
`;
}

describe('amazon-ebs build', () => {
  it('builds an AMI with shell provisioning and leaves only the AMI and its snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ebs-'));
    writeFileSync(join(dir, 't.pkr.hcl'), template('  tags = { Base = "{{ .SourceAMIName }}" }', '  provisioner "shell" { inline = ["echo provisioned-on-$(hostname)"] }'));
    const r = await runCli(['build', 't.pkr.hcl'], { cwd: dir, env: env(dir) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('provisioned-on-');
    expect(r.stdout).toMatch(/AMIs were created:\nus-east-1: ami-[0-9a-f]+/);
    const left = emu.leftovers();
    expect(left.filter((l) => l.startsWith('image'))).toHaveLength(1);
    expect(left.filter((l) => !l.startsWith('image') && !l.startsWith('snapshot'))).toEqual([]);
  });
});
