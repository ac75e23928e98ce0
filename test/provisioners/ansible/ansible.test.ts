import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTestKeys, nullSshTemplate, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';

async function build(dir: string, text: string) {
  writeFileSync(join(dir, 'build.pkr.hcl'), text);
  return runCli(['build', '-color=false', '.'], { cwd: dir });
}

// ansible-playbook takes seconds per task, more under load: generous bounds for these builds.
describe('ansible and ansible-local provisioners against a real sshd', { timeout: 240_000 }, () => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let dir: string;
  let target: string;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    dir = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-'));
    target = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-target-'));
    writeFileSync(
      join(dir, 'playbook.yml'),
      `- hosts: web
  gather_facts: false
  tasks:
    - name: write a file
      copy:
        content: "built by {{ packer_build_name }} on {{ inventory_hostname }} as {{ ansible_user }}\\n"
        dest: "${target}/{{ dest_name | default('direct.txt') }}"
    - name: a role from roles_path
      include_role:
        name: marker
`,
    );
    mkdirSync(join(dir, 'roles/marker/tasks'), { recursive: true });
    writeFileSync(join(dir, 'roles/marker/tasks/main.yml'), `- file:\n    path: "${target}/role-{{ dest_name | default('direct') }}"\n    state: touch\n`);
    writeFileSync(join(dir, 'local.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n    - copy:\n        content: "local on {{ inventory_hostname }}\\n"\n        dest: "${target}/local.txt"\n    - include_role:\n        name: marker\n`);
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('ansible runs ansible-playbook on the host against the target: direct SSH by default (groups, roles_path, extra_arguments)', async () => {
    const r = await build(
      dir,
      nullSshTemplate(
        sshd,
        `  provisioner "ansible" {
    playbook_file   = "playbook.yml"
    groups          = ["web"]
    empty_groups    = ["db"]
    host_alias      = "box"
    roles_path      = "roles"
    extra_arguments = ["-e", "unused=1"]
  }`,
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> null.t: Provisioning with Ansible...');
    expect(r.stdout).toMatch(/null\.t: Executing Ansible: ansible-playbook .*-i .*packer-provisioner-ansible.*playbook\.yml/);
    expect(r.stdout).toContain('Not using Proxy adapter for Ansible run:');
    expect(r.stdout).not.toContain('SSH proxy');
    expect(readFileSync(join(target, 'direct.txt'), 'utf8')).toBe('built by t on box as root\n');
    expect(existsSync(join(target, 'role-direct'))).toBe(true);
    expect(sshd.log()).toMatch(/Accepted publickey for root/);
  });

  it('ansible goes through the proxy adapter with use_proxy = true: copy, template, file and commands over the SSH communicator', async () => {
    writeFileSync(join(dir, 'motd.j2'), 'Welcome to {{ inventory_hostname }}, built by {{ packer_build_name }} ({{ packer_builder_type }})\n');
    writeFileSync(join(dir, 'payload.bin'), Buffer.from([0, 1, 2, 13, 10, 255, 254, 13]));
    writeFileSync(
      join(dir, 'proxied.yml'),
      `- hosts: web
  gather_facts: false
  tasks:
    - file: { path: "${target}/proxied", state: directory, mode: "0750" }
    - copy: { src: payload.bin, dest: "${target}/proxied/payload.bin", mode: "0600" }
    - template: { src: motd.j2, dest: "${target}/proxied/motd" }
    - command: touch ${target}/proxied/by-command
      args: { creates: "${target}/proxied/by-command" }
    - shell: echo "sh as $(id -un) in $PWD"
      register: who
    - copy: { content: "{{ who.stdout }}\\n", dest: "${target}/proxied/who" }
    - include_role: { name: marker }
`,
    );
    const r = await build(
      dir,
      nullSshTemplate(
        sshd,
        `  provisioner "ansible" {
    playbook_file   = "proxied.yml"
    use_proxy       = true
    groups          = ["web"]
    roles_path      = "roles"
    extra_arguments = ["-e", "dest_name=proxied"]
  }`,
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    null.t: Setting up proxy adapter for Ansible....');
    expect(r.stdout).toMatch(/null\.t: Executing Ansible: ansible-playbook .*-e ansible_ssh_private_key_file=\S+ansible-key /);
    const port = Number(/SSH proxy: serving on 127\.0\.0\.1:(\d+)/.exec(r.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(readFileSync(join(target, 'proxied/payload.bin'))).toEqual(Buffer.from([0, 1, 2, 13, 10, 255, 254, 13]));
    expect(statSync(join(target, 'proxied/payload.bin')).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, 'proxied')).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(target, 'proxied/motd'), 'utf8')).toBe('Welcome to default, built by t (null)\n');
    expect(existsSync(join(target, 'proxied/by-command'))).toBe(true);
    expect(readFileSync(join(target, 'proxied/who'), 'utf8')).toBe('sh as root in /root\n');
    expect(existsSync(join(target, 'role-proxied'))).toBe(true);
  });

  it('ansible-local uploads the playbook and roles and runs ansible-playbook on the machine', async () => {
    const r = await build(
      dir,
      nullSshTemplate(
        sshd,
        `  provisioner "ansible-local" {
    playbook_file           = "local.yml"
    role_paths              = ["roles/marker"]
    clean_staging_directory = true
    staging_directory       = "${target}/staging"
  }`,
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('null.t: Uploading main Playbook file...');
    expect(readFileSync(join(target, 'local.txt'), 'utf8')).toBe('local on 127.0.0.1\n');
    expect(existsSync(join(target, 'role-direct'))).toBe(true);
    expect(existsSync(join(target, 'staging'))).toBe(false);
  });

  it('ansible-local removes a temporary staging folder after a failing playbook too, and leaves no record of it', async () => {
    writeFileSync(join(dir, 'bad-local.yml'), '- hosts: all\n  gather_facts: false\n  tasks:\n    - fail:\n        msg: deliberate\n');
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-state-'));
    writeFileSync(
      join(dir, 'build.pkr.hcl'),
      nullSshTemplate(sshd, `  provisioner "ansible-local" {\n    playbook_file           = "bad-local.yml"\n    clean_staging_directory = true\n    staging_directory       = "${target}/staging-bad"\n  }`),
    );
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir, env: { TSBUILD_STATE_DIR: state } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`==> null.t: Removed ${target}/staging-bad from the machine.`);
    expect(existsSync(join(target, 'staging-bad'))).toBe(false);
    expect(readdirSync(join(state, 'journal'))).toEqual([]);
  });

  it('a failing playbook fails the build with Packer\'s message', async () => {
    writeFileSync(join(dir, 'bad.yml'), '- hosts: all\n  gather_facts: false\n  tasks:\n    - fail:\n        msg: deliberate\n');
    const r = await build(dir, nullSshTemplate(sshd, '  provisioner "ansible" { playbook_file = "bad.yml" }'));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('deliberate');
    expect(r.stdout + r.stderr).toContain('Error executing Ansible: Non-zero exit status: exit status 2');
  });

  it('a missing ansible-playbook is reported before the machine is created', async () => {
    const r = await build(dir, nullSshTemplate(sshd, '  provisioner "ansible" {\n    playbook_file = "playbook.yml"\n    command       = "ansible-playbook-missing"\n  }'));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Error: exec: "ansible-playbook-missing": executable file not found in $PATH');
    expect(r.stdout).not.toContain('Waiting for SSH');
  });
});
