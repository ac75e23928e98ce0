// data "amazon-ami" through the CLI, with the real AWS SDK talking to the EC2 emulator on loopback
// (custom_endpoint_ec2; STS at the same address through AWS_ENDPOINT_URL_STS). Packer 1.6.6 has no data sources,
// so there is no Packer run to compare with: the behaviour follows the amazon plugin's documentation.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('data "amazon-ami" failures, located at the data block', () => {
  it('no match: Packer\'s message with the filters and owners, and no build starts', async () => {
    const r = await build(template(`${KEYS}  filters = { name = "debian-*" }\n  owners = ["self", "amazon"]`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-ami.x" failed\n\n  on main.pkr.hcl line 2, column 1:');
    expect(r.stdout).toContain('No AMI was found matching filters: filters: name = "debian-*"; owners: "self", "amazon"');
    expect(r.stdout).not.toContain('Running local shell script');
  });

  it('several matches without most_recent: Packer\'s message, with the images found', async () => {
    const r = await build(template(`${KEYS}  filters = { name = "ubuntu/images/*amd64*" }\n  owners = ["${CANONICAL}"]`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-ami.x" failed\n\n  on main.pkr.hcl line 2, column 1:');
    expect(r.stdout).toContain('Your query returned more than one result. Please try a more specific search, or set most_recent to true. (3 images match: ');
  });

  it('a filter value with commas is several values (CSV, as Packer splits it); owner aliases work', async () => {
    const r = await build(template(`${KEYS}  filters = { name = "golden-*, al2023-*" }\n  owners = ["amazon"]`));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`null.a: id=${ids.amazon} name=al2023-ami-2023.4-x86_64`);
    expect(emu.calls[0]!.params.get('Filter.1.Value.2')).toBe('al2023-*');
  });

  it('an unknown access key: EC2\'s AuthFailure in a clear message; no credential is printed', async () => {
    const unknown = KEYS.replace('AKIDEMULATOR', 'AKIDUNKNOWN0000');
    const r = await build(template(`${unknown}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error querying AMI: AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401)');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toContain('AKIDUNKNOWN0000');
  });

  it('checks the credentials with STS first unless skip_credential_validation, as Packer does', async () => {
    const unchecked = `  access_key = "AKIDUNKNOWN0000"\n  secret_key = "${SECRET}"\n`;
    const r = await build(template(`${unchecked}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('validating provider credentials: InvalidClientTokenId: The security token included in the request is invalid. (HTTP 403)');
    expect(r.stdout).toContain('with custom_endpoint_ec2, set skip_credential_validation = true when the cloud has no STS');
    expect(emu.calls.map((c) => [c.service, c.action])).toEqual([['sts', 'GetCallerIdentity']]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);

    const good = await build(template(`  access_key = "AKIDEMULATOR"\n  secret_key = "${SECRET}"\n  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(good.code, good.stdout).toBe(0);
    expect(emu.calls.map((c) => [c.service, c.action])).toEqual([
      ['sts', 'GetCallerIdentity'],
      ['sts', 'GetCallerIdentity'],
      ['ec2', 'DescribeImages'],
    ]);
  });

  it('takes credentials from the environment, or from a profile of a shared credentials file', async () => {
    const fromEnv = await build(template(`  skip_credential_validation = true\n  filters = { name = "golden-*" }\n  owners = ["self"]`), {
      AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    expect(fromEnv.code, fromEnv.stdout).toBe(0);
    expect(fromEnv.stdout).toContain(`null.a: id=${ids.mine} name=golden-base-1`);
    expect(emu.calls.at(-1)!.accessKey).toBe('AKIDEMULATOR');

    const main = template(`  skip_credential_validation = true\n  profile = "ci"\n  shared_credentials_file = "creds"\n  filters = { name = "golden-*" }\n  owners = ["self"]`);
    const dir = templateDir(main, { creds: `[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = x\n\n[ci]\naws_access_key_id = AKIDEMULATOR\naws_secret_access_key = ${SECRET}\n` });
    const fromFile = await runCli(['build', '-color=false', '.'], { cwd: dir, env: { AWS_ACCESS_KEY_ID: 'AKIDENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'x' } });
    expect(fromFile.code, fromFile.stdout).toBe(0);
    expect(emu.calls.at(-1)!.accessKey).toBe('AKIDEMULATOR');

    // A profile that is not there is an error: the search does not go on to other sources.
    const missing = await runCli(['build', '-color=false', '.'], { cwd: dir, env: { AWS_PROFILE: 'nope', AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'x' } });
    expect(missing.code).toBe(0);
    writeFileSync(join(dir, 'main.pkr.hcl'), main.replace('profile = "ci"', 'profile = "nope"'));
    const notThere = await runCli(['build', '-color=false', '.'], { cwd: dir, env: { AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'x' } });
    expect(notThere.code).toBe(1);
    expect(notThere.stdout).toContain('Error loading credentials for AWS Provider: Could not resolve credentials using profile: [nope]');
  });

  it('without any credentials, says where it looked (instance metadata skipped as asked)', async () => {
    const r = await build(template(`  skip_credential_validation = true\n  skip_metadata_api_check = true\n  shared_credentials_file = "none"\n  filters = { name = "golden-*" }\n  owners = ["self"]`), {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/nonexistent/config',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('No valid credential sources found. Set access_key and secret_key, the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, or a profile in the shared credentials file.');
    expect(r.stdout).toContain('- environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
    expect(r.stdout).toContain('- instance metadata: skip_metadata_api_check is set');
    expect(emu.calls).toEqual([]);
  });

  it('assumes a role with assume_role and asks EC2 as the role', async () => {
    const role = `  assume_role {\n    role_arn     = "arn:aws:iam::444455556666:role/builder"\n    session_name = "tsbuild-test"\n    external_id  = "ext-1"\n    duration_seconds = 900\n    tags = { team = "infra" }\n  }\n`;
    const r = await build(template(`${KEYS}${role}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    // The role's account owns no image named golden-*: the query ran as the role.
    expect(r.stdout).toContain('No AMI was found matching filters');
    const session = emu.identity.sessions.at(-1)!;
    expect(session).toMatchObject({ roleArn: 'arn:aws:iam::444455556666:role/builder', sessionName: 'tsbuild-test', externalId: 'ext-1', durationSeconds: 900, tags: { team: 'infra' } });
    expect(emu.calls.map((c) => [c.service, c.action, c.accessKey])).toEqual([
      ['sts', 'AssumeRole', 'AKIDEMULATOR'],
      ['ec2', 'DescribeImages', session.accessKeyId],
    ]);
    const denied = await build(template(`${KEYS}${role.replace('ext-1', 'ext-2')}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain('is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/builder');
  });
});

describe('data "amazon-ami" against a failing EC2', () => {
  it('survives throttling and 5xx within max_retries, and fails with the error once they are spent', async () => {
    emu.faults.add({ action: 'DescribeImages', error: 'RequestLimitExceeded', times: 2 });
    emu.faults.add({ action: 'DescribeImages', error: 'InternalError', times: 1 });
    const ok = await build(template(`${KEYS}  max_retries = 3\n  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain(`null.a: id=${ids.mine}`);
    expect(emu.calls.map((c) => c.status)).toEqual([503, 503, 500, 200]);

    emu.calls.length = 0;
    emu.faults.add({ action: 'DescribeImages', error: 'RequestLimitExceeded', times: 5 });
    const spent = await build(template(`${KEYS}  max_retries = 1\n  filters = { name = "golden-*" }\n  owners = ["self"]`));
    expect(spent.code).toBe(1);
    expect(spent.stdout).toContain('Error querying AMI: RequestLimitExceeded: Request limit exceeded. (HTTP 503, after 2 attempts)');
    expect(emu.calls).toHaveLength(2);
  });
});

describe('tsbuild validate with data "amazon-ami"', () => {
  it('checks the options as Packer does, and rejects what tsbuild cannot honour, without calling AWS', async () => {
    const dir = templateDir(
      template(`  access_key = "AKIDEMULATOR"\n  mfa_code = "123456"\n  decode_authorization_messages = true\n  max_retries = -1\n  filters = { name = "golden-*" }`),
    );
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    for (const message of [
      '`access_key` and `secret_key` must both be either set or not set.',
      'For security reasons, you must declare an owner.',
      '`mfa_code` is not supported by tsbuild',
      '`decode_authorization_messages` is not supported by tsbuild',
      '`max_retries` must be a whole number, 0 or more',
    ]) {
      expect(r.stdout).toContain(message);
    }
    expect(r.stdout).not.toContain('123456');
    expect(emu.calls).toEqual([]);
  });

  it('runs the lookup only with -evaluate-datasources', async () => {
    const dir = templateDir(template(`${KEYS}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    const plain = await runCli(['validate', '.'], { cwd: dir });
    expect(plain.code, plain.stdout).toBe(0);
    expect(emu.calls).toEqual([]);
    const evaluated = await runCli(['validate', '-evaluate-datasources', '.'], { cwd: dir, env: { AWS_ENDPOINT_URL_STS: emu.endpoint } });
    expect(evaluated.code, evaluated.stdout).toBe(0);
    expect(emu.calls.map((c) => c.action)).toEqual(['DescribeImages']);
  });
});

describe('start-up', () => {
  it('loads the AWS SDK only for a template whose data source runs: not for validate, nor for templates without AWS', async () => {
    const dir = templateDir(template(`${KEYS}  filters = { name = "golden-*" }\n  owners = ["self"]`));
    // Reports every AWS SDK module the process loads, on stderr.
    const trace = join(dir, 'trace.cjs');
    writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (r.startsWith('@aws-sdk/')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
    const env = { NODE_OPTIONS: `--require ${trace}`, AWS_ENDPOINT_URL_STS: emu.endpoint };
    const nullOnly = templateDir('source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n');
    for (const [args, cwd] of [[['validate', '.'], dir], [['build', '.'], nullOnly]] as const) {
      const r = await runCli([...args], { cwd, env });
      expect(r.code, r.stdout).toBe(0);
      expect(r.stderr).not.toContain('loaded @aws-sdk/');
    }
    const used = await runCli(['build', '.'], { cwd: dir, env });
    expect(used.code, used.stdout).toBe(0);
    expect(used.stderr).toContain('loaded @aws-sdk/client-ec2');
  });
});
