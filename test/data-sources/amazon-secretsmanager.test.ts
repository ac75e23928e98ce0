// data "amazon-secretsmanager" through the CLI, with the real AWS SDK talking to the Secrets Manager emulator on
// loopback through the SDK's standard AWS_ENDPOINT_URL_SECRETS_MANAGER (Packer has no endpoint option for it).
// Packer 1.6.6 has no data sources: the behaviour follows the amazon plugin's documentation. Every secret is
// sensitive: it must never reach stdout or stderr, only <sensitive>.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { templateDir } from '../cli/commands/build-fixtures.js';
import { runCli } from '../support/cli.js';
import { startAwsJsonEmulator, type AwsJsonEmulator } from '../support/aws-json-emulator/index.js';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = 'Hunter2-x9Qv-secret';
const OLD_PASSWORD = 'Old-pass-7Rk2-secret';
const TOKEN = 'tok_4f9a8b7c6d5e';
const BINARY = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04]);

let emu: AwsJsonEmulator;
let oldVersion: string;
let currentVersion: string;
beforeAll(async () => {
  emu = await startAwsJsonEmulator();
  oldVersion = emu.putSecret('db', { string: JSON.stringify({ username: 'admin', password: OLD_PASSWORD }) });
  currentVersion = emu.putSecret('db', { string: JSON.stringify({ username: 'admin', password: PASSWORD, port: 5432, enabled: true }) });
  emu.putSecret('api-token', { string: TOKEN });
  emu.putSecret('blob', { binary: BINARY });
  emu.putSecret('gone', { string: 'x' });
  emu.deleteSecret('gone');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.calls.length = 0;
  emu.faults.clear();
  emu.denied.clear();
});

const KEYS = `  access_key = "AKIDEMULATOR"\n  secret_key = "${SECRET_KEY}"\n  skip_credential_validation = true\n`;
const S = 'data.amazon-secretsmanager.x';

function template(data: string, echo = `value=\${${S}.value} version=\${${S}.version_id}`): string {
  return `
data "amazon-secretsmanager" "x" {
  region = "us-east-1"
${data}
}
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" {
    environment_vars = ["SECRET=\${${S}.value}"]
    inline = ["echo '${echo}'", "echo \\"env=$SECRET\\""]
  }
}
`;
}

const build = (main: string, env: Record<string, string> = {}) =>
  runCli(['build', '-color=false', '.'], { cwd: templateDir(main), env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: emu.endpoint, ...env } });

/** Nothing secret in the output. */
function expectNoSecrets(out: string): void {
  for (const s of [PASSWORD, OLD_PASSWORD, TOKEN, BINARY.toString('base64'), SECRET_KEY]) expect(out).not.toContain(s);
}

describe('data "amazon-secretsmanager" against the Secrets Manager emulator', () => {
  it('the value of a key of a JSON secret arrives, and is <sensitive> everywhere: echo, environment, logs', async () => {
    const r = await build(template(`${KEYS}  name = "db"\n  key = "password"`, `value=\${${S}.value} version=\${${S}.version_id} len=\${length(${S}.value)}`), { PACKER_LOG: '1' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`null.a: value=<sensitive> version=${currentVersion} len=${PASSWORD.length}\n`);
    expect(r.stdout).toContain('null.a: env=<sensitive>\n');
    expectNoSecrets(r.stdout + r.stderr);
    expect(emu.calls.map((c) => [c.service, c.action, c.status])).toEqual([['secretsmanager', 'GetSecretValue', 200]]);
    expect(emu.calls[0]!.input).toEqual({ SecretId: 'db', VersionStage: 'AWSCURRENT' });
  });

  it('the value really is the secret: the provisioner gets it (written to a file, compared there)', async () => {
    const main = template(`${KEYS}  name = "db"\n  key = "password"`).replace(`"echo \\"env=$SECRET\\""`, `"test \\"$SECRET\\" = '${PASSWORD}' && echo same"`);
    const r = await build(main);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('null.a: same\n');
  });

  it('secret_string is the whole secret, sensitive; a number in a JSON secret is its text; without key, the first value', async () => {
    const r = await build(template(`${KEYS}  name = "db"\n  key = "port"`, `port=\${${S}.value} json=\${${S}.secret_string}`));
    expect(r.code, r.stdout).toBe(0);
    // The port is a sensitive value too: every 5432 of the output is hidden.
    expect(r.stdout).toContain('null.a: port=<sensitive> json=<sensitive>');
    expect(r.stdout).not.toContain('5432');
    expectNoSecrets(r.stdout + r.stderr);
    const first = await build(template(`${KEYS}  name = "db"`, `first=\${${S}.value == "admin"}`));
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain('null.a: first=true');
  });

  it('a plain-text secret is its value; a binary secret is secret_binary, in base64', async () => {
    const plain = await build(template(`${KEYS}  name = "api-token"`, `ok=\${${S}.value == "${TOKEN}"}`));
    expect(plain.code, plain.stdout).toBe(0);
    expect(plain.stdout).toContain('null.a: ok=true');
    expect(plain.stdout).toContain('null.a: env=<sensitive>');
    expectNoSecrets(plain.stdout + plain.stderr);
    const blob = await build(template(`${KEYS}  name = "blob"`, `ok=\${${S}.secret_binary == "${BINARY.toString('base64')}"} bin=\${${S}.secret_binary}`));
    expect(blob.code, blob.stdout).toBe(0);
    expect(blob.stdout).toContain('null.a: ok=true bin=<sensitive>');
    expectNoSecrets(blob.stdout + blob.stderr);
  });

  it('version_id overrides version_stage; version_stage chooses by label', async () => {
    const byId = await build(template(`${KEYS}  name = "db"\n  key = "password"\n  version_id = "${oldVersion}"\n  version_stage = "AWSCURRENT"`, `old=\${${S}.value == "${OLD_PASSWORD}"} version=\${${S}.version_id}`));
    expect(byId.code, byId.stdout).toBe(0);
    expect(byId.stdout).toContain(`null.a: old=true version=${oldVersion}`);
    expect(emu.calls.at(-1)!.input).toEqual({ SecretId: 'db', VersionId: oldVersion });
    const byStage = await build(template(`${KEYS}  name = "db"\n  key = "password"\n  version_stage = "AWSPREVIOUS"`));
    expect(byStage.code).toBe(1);
    expect(byStage.stdout).toContain('Secrets Manager Secret "db" Version "AWSPREVIOUS" not found');
  });

  it('a failing provisioner that prints the secret on its stderr: hidden in the error and the summary too', async () => {
    const main = template(`${KEYS}  name = "db"\n  key = "password"`).replace(`"echo \\"env=$SECRET\\""`, `"echo \\"bad password $SECRET\\" >&2", "exit 3"`);
    const r = await build(main);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('bad password <sensitive>');
    expectNoSecrets(r.stdout + r.stderr);
  });
});

describe('tsbuild console with data "amazon-secretsmanager"', () => {
  it('runs the data source and shows its secrets, and what is made of them, as <sensitive>', async () => {
    const dir = templateDir(template(`${KEYS}  name = "db"\n  key = "password"`) + `locals {\n  url = "postgres://admin:\${${S}.value}@db"\n}\n`);
    const r = await runCli(['console', '.'], { cwd: dir, input: `${S}.value\n${S}.secret_string\nlocal.url\n${S}.version_id\n`, env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: emu.endpoint } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(emu.calls.map((c) => c.action)).toEqual(['GetSecretValue']);
    expect(r.stdout).toBe(`<sensitive>\n<sensitive>\n<sensitive>\n${currentVersion}\n`);
    expectNoSecrets(r.stdout + r.stderr);
  });
});

describe('data "amazon-secretsmanager" failures, located at the data block', () => {
  it('a secret that is not there: Packer\'s message, and no build starts', async () => {
    const r = await build(template(`${KEYS}  name = "nope"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-secretsmanager.x" failed\n\n  on main.pkr.hcl line 2, column 1:');
    expect(r.stdout).toContain('Secrets Manager Secret "nope" Version "AWSCURRENT" not found (ResourceNotFoundException: Secrets Manager can\'t find the specified secret. (HTTP 400))');
    expect(r.stdout).not.toContain('Running local shell script');
  });

  it('a secret marked for deletion is not found, as Packer says', async () => {
    const r = await build(template(`${KEYS}  name = "gone"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Secrets Manager Secret "gone" Version "AWSCURRENT" not found');
  });

  // Packer gives an empty value for a key the secret lacks; a build should not go on with "": tsbuild reports it.
  it('a key the JSON secret lacks: an error that names the keys, not their values', async () => {
    const r = await build(template(`${KEYS}  name = "db"\n  key = "passwd"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Data source "amazon-secretsmanager.x" failed\n\n  on main.pkr.hcl line 2, column 1:');
    expect(r.stdout).toContain('error to get secret value: key "passwd" not found in the secret "db" (its keys: "username", "password", "port", "enabled")');
    expectNoSecrets(r.stdout + r.stderr);
    const plain = await build(template(`${KEYS}  name = "api-token"\n  key = "token"`));
    expect(plain.stdout).toContain('error to get secret value: `key` is "token" but the secret "api-token" is not a JSON object');
    expectNoSecrets(plain.stdout + plain.stderr);
    const bool = await build(template(`${KEYS}  name = "db"\n  key = "enabled"`));
    expect(bool.stdout).toContain('error to get secret value: Unsupported secret value type: boolean (key "enabled")');
  });

  it('access denied and an unknown access key: clear messages; no credential is printed', async () => {
    emu.denied.add('db');
    const denied = await build(template(`${KEYS}  name = "db"`));
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain('error reading Secrets Manager Secret Version: AccessDeniedException: User: arn:aws:iam::111122223333:user/tester is not authorized to perform: secretsmanager:GetSecretValue');
    const r = await build(template(`${KEYS.replace('AKIDEMULATOR', 'AKIDUNKNOWN0000')}  name = "db"`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error reading Secrets Manager Secret Version: UnrecognizedClientException: The security token included in the request is invalid. (HTTP 400)');
    expect(r.stdout + r.stderr).not.toContain('AKIDUNKNOWN0000');
    expectNoSecrets(r.stdout + r.stderr);
  });
});

describe('data "amazon-secretsmanager" against a throttling Secrets Manager', () => {
  it('survives throttling and 5xx within max_retries, and fails with the error once they are spent', async () => {
    emu.faults.add({ action: 'GetSecretValue', error: 'ThrottlingException', times: 2 });
    emu.faults.add({ action: 'GetSecretValue', error: 'InternalServiceError', times: 1 });
    const ok = await build(template(`${KEYS}  max_retries = 3\n  name = "db"\n  key = "password"`));
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('null.a: value=<sensitive>');
    expect(emu.calls.map((c) => c.status)).toEqual([400, 400, 500, 200]);

    emu.calls.length = 0;
    emu.faults.add({ action: 'GetSecretValue', error: 'ThrottlingException', times: 5 });
    const spent = await build(template(`${KEYS}  max_retries = 1\n  name = "db"`));
    expect(spent.code).toBe(1);
    expect(spent.stdout).toContain('error reading Secrets Manager Secret Version: ThrottlingException: Rate exceeded (HTTP 400, after 2 attempts)');
    expect(emu.calls).toHaveLength(2);
  });
});

describe('start-up', () => {
  it('loads only the Secrets Manager client, and only when the data source runs', async () => {
    const dir = templateDir(template(`${KEYS}  name = "api-token"`));
    const trace = join(dir, 'trace.cjs');
    writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (r.startsWith('@aws-sdk/client-')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
    const env = { NODE_OPTIONS: `--require ${trace}`, AWS_ENDPOINT_URL_SECRETS_MANAGER: emu.endpoint };
    const validate = await runCli(['validate', '.'], { cwd: dir, env });
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stderr).not.toContain('loaded @aws-sdk/');
    const used = await runCli(['build', '.'], { cwd: dir, env });
    expect(used.code, used.stdout).toBe(0);
    expect(used.stderr).toContain('loaded @aws-sdk/client-secrets-manager');
    expect(used.stderr).not.toContain('loaded @aws-sdk/client-ec2');
  });
});
