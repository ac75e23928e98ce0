// The ansible options Packer has for the version check and file transfer (skip_version_check, use_sftp,
// sftp_command), each doing what it does in Packer, against a real sshd and Debian's ansible-playbook.

import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTestKeys, nullSshTemplate, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';

/** Each case runs ansible-playbook up to twice over SSH, a few seconds per task on a loaded machine. */
const SLOW = 300_000;

function script(path: string, text: string): string {
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('ansible version check and file transfer options', () => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let dir: string;
  let target: string;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    dir = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-options-'));
    target = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-options-target-'));
    writeFileSync(join(dir, 'payload.txt'), 'payload\n');
    writeFileSync(join(dir, 'copy.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n    - copy: { src: payload.txt, dest: "${target}/{{ dest }}" }\n`);
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  /** An ansible-playbook wrapper that logs its ANSIBLE_SCP_IF_SSH and inventory, answering `--version` with `version`. */
  function wrapper(name: string, version: string | undefined): { path: string; log: string } {
    const log = join(dir, `${name}.log`);
    const versionLine = version === undefined ? 'exec ansible-playbook --version' : `echo "${version}"; exit 0`;
    const path = script(
      join(dir, name),
      `if [ "$1" = "--version" ]; then ${versionLine}; fi
echo "SCP_IF_SSH=\${ANSIBLE_SCP_IF_SSH:-unset}" >> ${log}
prev=""; for a in "$@"; do [ "$prev" = "-i" ] && cat "$a" >> ${log}; prev="$a"; done
exec ansible-playbook "$@"`,
    );
    return { path, log };
  }

  const build = (body: string) => {
    writeFileSync(join(dir, 'build.pkr.hcl'), nullSshTemplate(sshd, body));
    return runCli(['build', '-color=false', '.'], { cwd: dir });
  };

  it('by default checks the version and has Ansible copy with scp (ANSIBLE_SCP_IF_SSH=True); use_sftp = true does not', async () => {
    const w = wrapper('default-wrapper', undefined);
    const scp = await build(`  provisioner "ansible" {\n    command = "${w.path}"\n    playbook_file = "copy.yml"\n    extra_arguments = ["-e", "dest=scp.txt"]\n  }`);
    expect(scp.code, scp.stdout).toBe(0);
    const sftp = await build(`  provisioner "ansible" {\n    command = "${w.path}"\n    playbook_file = "copy.yml"\n    use_sftp = true\n    extra_arguments = ["-e", "dest=sftp.txt"]\n  }`);
    expect(sftp.code, sftp.stdout).toBe(0);
    const log = readFileSync(w.log, 'utf8');
    expect(log.match(/SCP_IF_SSH=\S+/g)).toEqual(['SCP_IF_SSH=True', 'SCP_IF_SSH=unset']);
    expect(log).toMatch(/^default ansible_host=127\.0\.0\.1 ansible_user=root ansible_port=\d+$/m);
    expect(readFileSync(join(target, 'scp.txt'), 'utf8')).toBe('payload\n');
    expect(readFileSync(join(target, 'sftp.txt'), 'utf8')).toBe('payload\n');
  }, SLOW);

  it('fails with Packer\'s message when the version cannot be found, and writes Ansible 1 inventory names for Ansible 1', async () => {
    const broken = wrapper('no-version', 'no version here');
    const r = await build(`  provisioner "ansible" {\n    command = "${broken.path}"\n    playbook_file = "copy.yml"\n  }`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Could not find ${broken.path} version in output:`);
    expect(existsSync(broken.log)).toBe(false);

    const old = wrapper('ansible-one', 'ansible-playbook 1.9.6');
    const v1 = await build(`  provisioner "ansible" {\n    command = "${old.path}"\n    playbook_file = "copy.yml"\n    extra_arguments = ["-e", "dest=v1.txt"]\n  }`);
    expect(v1.code, v1.stdout).toBe(0);
    expect(readFileSync(old.log, 'utf8')).toMatch(/^default ansible_ssh_host=127\.0\.0\.1 ansible_ssh_user=root ansible_ssh_port=\d+$/m);
  }, SLOW);

  it('skip_version_check: the command may appear during the build (and is not asked its version)', async () => {
    const later = join(dir, 'installed-later');
    const body = (skip: boolean) => `  provisioner "shell-local" {
    inline = ["printf '#!/bin/sh\\\\n[ \\"$1\\" = --version ] && exit 9\\\\nexec ansible-playbook \\"$@\\"\\\\n' > ${later}", "chmod +x ${later}"]
  }
  provisioner "ansible" {
    command            = "${later}"
    skip_version_check = ${skip}
    playbook_file      = "copy.yml"
    extra_arguments    = ["-e", "dest=later.txt"]
  }`;
    const checked = await build(body(false));
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`Error: exec: "${later}": executable file not found in $PATH`);
    const skipped = await build(body(true));
    expect(skipped.code, skipped.stdout).toBe(0);
    expect(readFileSync(join(target, 'later.txt'), 'utf8')).toBe('payload\n');
  }, SLOW);

  it('sftp_command: through the proxy adapter, SFTP is relayed to that program on the target', async () => {
    const log = join(target, 'sftp-server.log');
    const server = script(join(target, 'sftp-server-wrapper'), `echo started >> ${log}\nexec /usr/lib/openssh/sftp-server -e`);
    const r = await build(`  provisioner "ansible" {
    playbook_file    = "copy.yml"
    use_proxy        = true
    use_sftp         = true
    sftp_command     = "${server}"
    ansible_env_vars = ["ANSIBLE_SSH_TRANSFER_METHOD=sftp"]
    extra_arguments  = ["-e", "dest=relayed.txt"]
  }`);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('Setting up proxy adapter for Ansible....');
    expect(readFileSync(join(target, 'relayed.txt'), 'utf8')).toBe('payload\n');
    expect(readFileSync(log, 'utf8')).toMatch(/^started\n/);
  }, SLOW);
});
