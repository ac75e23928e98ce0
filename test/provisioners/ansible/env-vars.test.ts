// ansible_env_vars entries that render to the empty string (a `{{if}}` that is false) are accepted and set
// nothing, as Packer's ansible provisioner does: its configuration takes any string, and its process start drops
// the empty entry. Recorded with Packer 1.6.6 (validate exits 0; the build passes Y=2 and nothing else).

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { makeTestKeys, startSshd, type TestSshd } from '../../support/sshd.js';

/** ansible-playbook over SSH takes seconds, more on a loaded machine. */
const SLOW = 240_000;

const ENV_VARS = ['{{if false}}X=1{{end}}', 'Y=2', ''];

/** A JSON template running `command` as the ansible provisioner's ansible-playbook, on `builder`. */
function template(builder: Record<string, unknown>, command: string, envVars: string[] = ENV_VARS): string {
  return JSON.stringify({
    builders: [{ type: 'null', ...builder }],
    provisioners: [{ type: 'ansible', command, playbook_file: 'play.yml', ansible_env_vars: envVars }],
  });
}

/** A folder with a playbook that touches nothing and an ansible-playbook wrapper that logs the environment it got. */
function setUp(): { dir: string; wrapper: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-env-'));
  const log = join(dir, 'env.log');
  const wrapper = join(dir, 'ansible-playbook-wrapper');
  writeFileSync(join(dir, 'play.yml'), '- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n');
  // The whole environment block, entry by entry: an empty entry would show as an empty line.
  writeFileSync(wrapper, `#!/bin/sh\n[ "$1" = "--version" ] || tr '\\0' '\\n' < /proc/$$/environ | grep -E '^(X|Y)=|^$' >> ${log}\nexec ansible-playbook "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { dir, wrapper, log };
}

describe('ansible_env_vars entries that render empty', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd(makeTestKeys());
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('validate accepts them; a non-empty entry without a name is still rejected', async () => {
    const { dir, wrapper } = setUp();
    writeFileSync(join(dir, 'ok.json'), template({ communicator: 'none' }, wrapper));
    const ok = await runCli(['validate', 'ok.json'], { cwd: dir });
    expect(ok, ok.stdout).toMatchObject({ code: 0 });
    // Packer hands such entries to the program as they are; a Node process cannot, so they are an error here.
    writeFileSync(join(dir, 'bad.json'), template({ communicator: 'none' }, wrapper, ['Y=2', 'Z', '=3']));
    const bad = await runCli(['validate', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("ansible_env_vars: environment variable not in format 'key=value': Z");
    expect(bad.stdout).toContain("ansible_env_vars: environment variable not in format 'key=value': =3");
  });

  it('a build passes the others and nothing for them', async () => {
    const { dir, wrapper, log } = setUp();
    const ssh = { communicator: 'ssh', ssh_host: sshd.host, ssh_port: sshd.port, ssh_username: 'root', ssh_private_key_file: sshd.keys.key, ssh_timeout: '30s' };
    writeFileSync(join(dir, 't.json'), template(ssh, wrapper));
    const r = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('Y=2\n');
  }, SLOW);

  needs(packer).it('Packer 1.6.6 validates the same template and its build passes the same environment', () => {
    const { dir, wrapper, log } = setUp();
    // Packer's ansible runs through its proxy adapter even without a communicator; the playbook's ping fails there,
    // so the playbook is one without tasks: what counts is the environment the wrapper got.
    writeFileSync(join(dir, 'play.yml'), '- hosts: all\n  gather_facts: false\n  tasks: []\n');
    writeFileSync(join(dir, 't.json'), template({ communicator: 'none' }, wrapper));
    const run = (args: string[]) => spawnSync(PACKER!, args, { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 120_000 });
    expect(run(['validate', 't.json'])).toMatchObject({ status: 0 });
    const b = run(['build', '-color=false', 't.json']);
    expect(b.status, b.stdout).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('Y=2\n');
  }, SLOW);
});
