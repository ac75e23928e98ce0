// data "amazon-ami" through the CLI, with the real AWS SDK talking to the EC2 emulator on loopback
// (custom_endpoint_ec2; STS at the same address through AWS_ENDPOINT_URL_STS). Packer 1.6.6 has no data sources,
// so there is no Packer run to compare with: the behaviour follows the amazon plugin's documentation.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { templateDir } from '../cli/commands/build-fixtures.js';
import { runCli } from '../support/cli.js';
import { startEc2Emulator, type Ec2Emulator } from '../support/ec2-emulator/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CANONICAL = '099720109477';

let emu: Ec2Emulator;
const ids: Record<string, string> = {};
beforeAll(async () => {
  emu = await startEc2Emulator({
    keys: { AKIDEMULATOR: { account: '111122223333' } },
    roles: { 'arn:aws:iam::444455556666:role/builder': { externalId: 'ext-1' } },
  });
  const jammy = (day: string) => `ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-2024${day}`;
  ids.old = emu.seedImage({ name: jammy('0101'), ownerId: CANONICAL, isPublic: true, creationDate: '2024-01-01T10:00:00.000Z', tags: { Release: '0101' } }).id;
  ids.newest = emu.seedImage({ name: jammy('0301'), ownerId: CANONICAL, isPublic: true, creationDate: '2024-03-01T10:00:00.000Z', tags: { Release: '0301' } }).id;
  ids.middle = emu.seedImage({ name: jammy('0201'), ownerId: CANONICAL, isPublic: true, creationDate: '2024-02-01T10:00:00.000Z' }).id;
  ids.arm = emu.seedImage({ name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20240401', ownerId: CANONICAL, isPublic: true, architecture: 'arm64' }).id;
  ids.mine = emu.seedImage({ name: 'golden-base-1', tags: { team: 'infra' } }).id;
  ids.amazon = emu.seedImage({ name: 'al2023-ami-2023.4-x86_64', ownerId: '137112412989', ownerAlias: 'amazon', isPublic: true }).id;
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.calls.length = 0;
  emu.faults.clear();
});

/** A data block against the emulator, and a null build that prints what it found. */
function template(data: string, echo = 'id=${data.amazon-ami.x.id} name=${data.amazon-ami.x.name}'): string {
  return `
data "amazon-ami" "x" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${emu.endpoint}"
${data}
}
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo '${echo}'"] }
}
`;
}

const KEYS = `  access_key = "AKIDEMULATOR"\n  secret_key = "${SECRET}"\n  skip_credential_validation = true\n`;

const build = (main: string, env: Record<string, string> = {}) => runCli(['build', '-color=false', '.'], { cwd: templateDir(main), env: { AWS_ENDPOINT_URL_STS: emu.endpoint, ...env } });

describe('data "amazon-ami" against the EC2 emulator', () => {
  it('finds the newest image matching a wildcard filter and owners with most_recent, and gives its attributes', async () => {
    const r = await build(
      template(
        `${KEYS}  filters = {\n    name = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"\n    root-device-type = "ebs"\n  }\n  owners = ["${CANONICAL}"]\n  most_recent = true`,
        'id=${data.amazon-ami.x.id} name=${data.amazon-ami.x.name} date=${data.amazon-ami.x.creation_date} owner=${data.amazon-ami.x.owner} release=${data.amazon-ami.x.tags.Release} arch=${data.amazon-ami.x.architecture}',
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(
      `    null.a: id=${ids.newest} name=ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301 date=2024-03-01T10:00:00.000Z owner=${CANONICAL} release=0301 arch=x86_64\n`,
    );
    expect(emu.calls.map((c) => [c.service, c.action, c.status])).toEqual([['ec2', 'DescribeImages', 200]]);
    const sent = emu.calls[0]!.params;
    expect([sent.get('Owner.1'), sent.get('Filter.1.Name'), sent.get('Filter.1.Value.1'), sent.get('Filter.2.Name')]).toEqual([
      CANONICAL,
      'name',
      'ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*',
      'root-device-type',
    ]);
  });
});
