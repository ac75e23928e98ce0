// data "amazon-parameterstore" through the CLI, with the real AWS SDK talking to the SSM emulator on loopback
// through the SDK's standard AWS_ENDPOINT_URL_SSM (Packer has no endpoint option for SSM). Packer 1.6.6 has no data
// sources, so there is no Packer run to compare with: the behaviour follows the amazon plugin's documentation.

import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { templateDir } from '../cli/commands/build-fixtures.js';
import { runCli } from '../support/cli.js';
import { startAwsJsonEmulator, type AwsJsonEmulator } from '../support/aws-json-emulator/index.js';
import { startEc2Emulator } from '../support/ec2-emulator/index.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DB_PASSWORD = 'pw-Zq81xKv0-secure';

let emu: AwsJsonEmulator;
beforeAll(async () => {
  emu = await startAwsJsonEmulator();
  emu.putParameter('/app/base-image', 'ubuntu-jammy', 'String', 4);
  emu.putParameter('/app/db-password', DB_PASSWORD, 'SecureString', 2);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.calls.length = 0;
  emu.faults.clear();
  emu.denied.clear();
});

const KEYS = `  access_key = "AKIDEMULATOR"\n  secret_key = "${SECRET_KEY}"\n  skip_credential_validation = true\n`;

function template(data: string, echo = 'value=${data.amazon-parameterstore.x.value} version=${data.amazon-parameterstore.x.version} arn=${data.amazon-parameterstore.x.arn}'): string {
  return `
data "amazon-parameterstore" "x" {
  region = "us-east-1"
${data}
}
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo '${echo}'"] }
}
`;
}

const build = (main: string, env: Record<string, string> = {}) =>
  runCli(['build', '-color=false', '.'], { cwd: templateDir(main), env: { AWS_ENDPOINT_URL_SSM: emu.endpoint, ...env } });

describe('data "amazon-parameterstore" against the SSM emulator', () => {
  it('reads a String parameter: value, version and ARN arrive', async () => {
    const r = await build(template(`${KEYS}  name = "/app/base-image"`));
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('    null.a: value=ubuntu-jammy version=4 arn=arn:aws:ssm:us-east-1:111122223333:parameter/app/base-image\n');
    expect(emu.calls.map((c) => [c.service, c.action, c.status, c.accessKey])).toEqual([['ssm', 'GetParameter', 200, 'AKIDEMULATOR']]);
    expect(emu.calls[0]!.input).toEqual({ Name: '/app/base-image', WithDecryption: false });
  });

  it('finds SSM through `endpoint_url` in the shared config file too, as the SDKs do', async () => {
    const dir = templateDir(template(`${KEYS}  name = "/app/base-image"`), { config: `[default]\nendpoint_url = ${emu.endpoint}\n` });
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir, env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_PROFILE: '' } });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('null.a: value=ubuntu-jammy');
  });

  it('a SecureString with with_decryption arrives decrypted and is <sensitive> in all output, logs included', async () => {
    const r = await build(template(`${KEYS}  name = "/app/db-password"\n  with_decryption = true`, 'pw=${data.amazon-parameterstore.x.value} upper=${upper(data.amazon-parameterstore.x.value)}'), {
      PACKER_LOG: '1',
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('null.a: pw=<sensitive> upper=<sensitive>');
    const all = r.stdout + r.stderr;
    expect(all).not.toContain(DB_PASSWORD);
    expect(all).not.toContain(DB_PASSWORD.toUpperCase());
    expect(all).not.toContain(SECRET_KEY);
    expect(emu.calls[0]!.input).toEqual({ Name: '/app/db-password', WithDecryption: true });
  });

  it('a SecureString without with_decryption gives the encrypted blob, still sensitive', async () => {
    const r = await build(template(`${KEYS}  name = "/app/db-password"`, 'pw=${data.amazon-parameterstore.x.value} prefix=${substr(data.amazon-parameterstore.x.value, 0, 6)}'));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('null.a: pw=<sensitive> prefix=<sensitive>');
  });

  it('reads a version with name:version (the selector of SSM names)', async () => {
    const r = await build(template(`${KEYS}  name = "/app/base-image:4"`));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('null.a: value=ubuntu-jammy version=4');
  });
});

describe('data "amazon-parameterstore" failures, located at the data block', () => {
  it('a parameter that is not there: Packer\'s message, and no build starts', async () => {
    const r = await build(template(`${KEYS}  name = "/app/nope"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-parameterstore.x" failed\n\n  on main.pkr.hcl line 2, column 1:');
    expect(r.stdout).toContain('The parameter name "/app/nope" not found');
    expect(r.stdout).not.toContain('Running local shell script');
    expect(emu.calls.map((c) => [c.status, c.errorType])).toEqual([[400, 'ParameterNotFound']]);
  });

  it('a version that is not there: Packer\'s message', async () => {
    const r = await build(template(`${KEYS}  name = "/app/base-image:9"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-parameterstore.x" failed');
    expect(r.stdout).toContain('The parameter version "/app/base-image:9" not found');
  });

  it('access denied: SSM\'s message, with the status', async () => {
    emu.denied.add('/app/db-password');
    const r = await build(template(`${KEYS}  name = "/app/db-password"\n  with_decryption = true`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error to get parameter value: AccessDeniedException: User: arn:aws:iam::111122223333:user/tester is not authorized to perform: ssm:GetParameter');
    expect(r.stdout).toContain('(HTTP 400)');
  });

  it('an unknown access key: a clear message; no credential is printed', async () => {
    const r = await build(template(`${KEYS.replace('AKIDEMULATOR', 'AKIDUNKNOWN0000')}  name = "/app/base-image"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error to get parameter value: UnrecognizedClientException: The security token included in the request is invalid. (HTTP 400)');
    expect(r.stdout + r.stderr).not.toContain(SECRET_KEY);
    expect(r.stdout + r.stderr).not.toContain('AKIDUNKNOWN0000');
  });

  it('validate: `name` is required, with Packer\'s check, and SSM is not called', async () => {
    const r = await runCli(['validate', '.'], { cwd: templateDir(template(`${KEYS}  name = ""`)) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("a 'name' must be provided");
    expect(emu.calls).toEqual([]);
  });

  it('custom_endpoint_ec2 has no effect on SSM: a warning says which variable does', async () => {
    const r = await build(template(`${KEYS}  custom_endpoint_ec2 = "http://127.0.0.1:1"\n  name = "/app/base-image"`));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('Set AWS_ENDPOINT_URL_SSM to use another Systems Manager endpoint.');
  });
});

describe('data "amazon-parameterstore" credential check', () => {
  it('checks the credentials with STS (AWS_ENDPOINT_URL_STS) first unless skip_credential_validation, as Packer does', async () => {
    const sts = await startEc2Emulator();
    try {
      const env = { AWS_ENDPOINT_URL_STS: sts.endpoint };
      const bad = await build(template(`  access_key = "AKIDUNKNOWN0000"\n  secret_key = "${SECRET_KEY}"\n  name = "/app/base-image"`), env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('Error: Data source "amazon-parameterstore.x" failed');
      expect(bad.stdout).toContain('validating provider credentials: InvalidClientTokenId: The security token included in the request is invalid. (HTTP 403)');
      expect(emu.calls).toEqual([]);
      const good = await build(template(`  access_key = "AKIDEMULATOR"\n  secret_key = "${SECRET_KEY}"\n  name = "/app/base-image"`), env);
      expect(good.code, good.stdout).toBe(0);
      expect(sts.calls.map((c) => [c.service, c.action])).toEqual([['sts', 'GetCallerIdentity'], ['sts', 'GetCallerIdentity']]);
      expect(emu.calls.map((c) => c.action)).toEqual(['GetParameter']);
    } finally {
      await sts.close();
    }
  });
});

describe('data "amazon-parameterstore" against a throttling SSM', () => {
  it('survives throttling and 5xx within max_retries, and fails with the error once they are spent', async () => {
    emu.faults.add({ action: 'GetParameter', error: 'ThrottlingException', times: 2 });
    emu.faults.add({ action: 'GetParameter', error: 'InternalServerError', times: 1 });
    const ok = await build(template(`${KEYS}  max_retries = 3\n  name = "/app/base-image"`));
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('null.a: value=ubuntu-jammy');
    expect(emu.calls.map((c) => c.status)).toEqual([400, 400, 500, 200]);

    emu.calls.length = 0;
    emu.faults.add({ action: 'GetParameter', error: 'ThrottlingException', times: 5 });
    const spent = await build(template(`${KEYS}  max_retries = 1\n  name = "/app/base-image"`));
    expect(spent.code).toBe(1);
    expect(spent.stdout).toContain('error to get parameter value: ThrottlingException: Rate exceeded (HTTP 400, after 2 attempts)');
    expect(emu.calls).toHaveLength(2);
  });
});
