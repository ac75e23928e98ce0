// End to end: the real CLI builds docker images provisioned by Debian's ansible-playbook through the use_proxy
// adapter; images are inspected through the Engine API.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { leftoverContainers, removeImages, runInImage, runsInContainer, testDocker } from '../../support/docker.js';
import { canConnect } from '../../support/wait.js';
import { ensurePythonImage } from './python-image.js';

let docker: Dockerode;
let image: string;
const images: string[] = [];

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ansible-docker-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A docker build provisioned by `provisioner`; committed and tagged tsbuild-e2e/ansible-<name>:1 unless `discard`. */
function template(name: string, provisioner: string, discard = false): string {
  const tag = `  post-processor "docker-tag" {\n    repository = "tsbuild-e2e/ansible-${name}"\n    tags       = ["1"]\n  }\n`;
  return `source "docker" "${name}" {
  image = "${image}"
  pull  = false
  ${discard ? 'discard = true' : 'commit = true'}
}
build {
  sources = ["source.docker.${name}"]
  provisioner "ansible" {
${provisioner}
  }
${discard ? '' : tag}}
`;
}

const build = (dir: string) => runCli(['build', '-color=false', '.'], { cwd: dir });
const PY = '"-e", "ansible_python_interpreter=/usr/bin/python3"';
/** Bytes that a line-based or text relay would damage. */
const BINARY = Buffer.from([0, 13, 10, 13, 255, 1, 2, 3, 0x1b, 0x5b, 13]);

beforeAll(async () => {
  docker = await testDocker();
  image = await ensurePythonImage(docker);
}, 120_000);
afterAll(async () => {
  await removeImages(docker, images);
});

// ansible-playbook takes seconds per task (about 3 s on an idle 2-core machine, through docker exec): a build
// here takes up to half a minute idle and several times that under load.
describe('ansible through the use_proxy adapter into a docker build', { timeout: 240_000 }, () => {
  it('copies files, writes a template and runs commands; the committed image holds the results', async () => {
    images.push('tsbuild-e2e/ansible-app:1');
    const dir = project({
      'build.pkr.hcl': template('app', `    playbook_file   = "site.yml"\n    extra_arguments = [${PY}]`),
      'site.yml': `- hosts: default
  gather_facts: false
  tasks:
    - file: { path: /srv/app, state: directory, mode: "0755" }
    - copy: { src: files/config.ini, dest: /srv/app/config.ini, mode: "0640" }
    - copy: { src: files/blob.bin, dest: /srv/app/blob.bin }
    - template: { src: templates/motd.j2, dest: /etc/motd }
    - command: sh -c 'id -u > /srv/app/uid'
      args: { creates: /srv/app/uid }
    - shell: echo "$(cat /srv/app/uid) ran in $(pwd)"
      register: out
    - copy: { content: "{{ out.stdout }}\\n", dest: /srv/app/shell.txt }
`,
      'files/config.ini': '[app]\nmode = production\n',
      'files/blob.bin': BINARY,
      'templates/motd.j2': 'Built by {{ packer_build_name }} with {{ packer_builder_type }} for {{ inventory_hostname }}\n',
    });
    const r = await build(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> docker.app: Provisioning with Ansible...');
    expect(r.stdout).toContain('    docker.app: Setting up proxy adapter for Ansible....');
    expect(r.stdout).toMatch(/docker\.app: SSH proxy: serving on 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/docker\.app: default +: ok=7 +changed=7 +unreachable=0 +failed=0/);
    const ref = 'tsbuild-e2e/ansible-app:1';
    expect((await docker.getImage(ref).inspect()).RepoTags).toContain(ref);
    const show = await runInImage(docker, ref, ['/bin/sh', '-c', 'cat /srv/app/config.ini /etc/motd /srv/app/shell.txt; stat -c "%a %n" /srv/app/config.ini /srv/app; od -An -tx1 /srv/app/blob.bin']);
    expect(show).toBe(
      '[app]\nmode = production\n' +
        'Built by app with docker for default\n' +
        '0 ran in /\n' +
        '640 /srv/app/config.ini\n755 /srv/app\n' +
        ' 00 0d 0a 0d ff 01 02 03 1b 5b 0d\n',
    );
    expect(await leftoverContainers(docker, 'docker.app-')).toEqual([]);
  });

  // Ansible picks a transfer method (ssh_transfer_method, "smart" = sftp, then scp, then piped); each one goes
  // through the adapter: SFTP served by the adapter, scp in SFTP mode (OpenSSH 9), legacy scp (-O) spoken by the
  // adapter, and piped dd through a streamed exec. The image has neither sftp-server nor scp.
  it.each([
    ['sftp', '"ANSIBLE_SSH_TRANSFER_METHOD=sftp"'],
    ['scp', '"ANSIBLE_SSH_TRANSFER_METHOD=scp"'],
    ['legacy', '"ANSIBLE_SSH_TRANSFER_METHOD=scp", "ANSIBLE_SCP_EXTRA_ARGS=-O"'],
    ['piped', '"ANSIBLE_SSH_TRANSFER_METHOD=piped"'],
  ])('transfers files both ways with ssh_transfer_method %s', async (method, env) => {
    const dir = project({
      'build.pkr.hcl': template(method, `    playbook_file    = "xfer.yml"\n    ansible_env_vars = [${env}]\n    extra_arguments  = [${PY}, "-vvv"]`, true),
      'xfer.yml': `- hosts: default
  gather_facts: false
  tasks:
    - copy: { src: blob.bin, dest: /tmp/blob.bin }
    - fetch: { src: /tmp/blob.bin, dest: "{{ playbook_dir }}/back/", flat: true }
`,
      'blob.bin': BINARY,
    });
    const r = await build(dir);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    const xfer = { sftp: /SSH: EXEC sftp -b -/, scp: /SSH: EXEC scp /, legacy: /SSH: EXEC scp .*-O/, piped: /EXEC .*dd of=\/root\/\.ansible\/tmp/ }[method]!;
    expect(r.stdout).toMatch(xfer);
    expect(r.stdout).not.toContain('transfer mechanism failed');
    expect(readFileSync(join(dir, 'back/blob.bin'))).toEqual(BINARY);
  });

  it("a failing task fails the build with Packer's message and removes the container", async () => {
    const dir = project({
      'build.pkr.hcl': template('failing', `    playbook_file   = "fail.yml"\n    extra_arguments = [${PY}]`, true),
      'fail.yml': '- hosts: default\n  gather_facts: false\n  tasks:\n    - command: sh -c "echo broken >&2; exit 3"\n',
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/docker\.failing: fatal: \[default\]: FAILED! .*"rc": 3.*broken/);
    expect(r.stdout + r.stderr).toContain("Build 'docker.failing' errored after");
    expect(r.stdout + r.stderr).toContain('Error executing Ansible: Non-zero exit status: exit status 2');
    expect(await leftoverContainers(docker, 'docker.failing-')).toEqual([]);
  });

  it('cancelling the build stops ansible-playbook and the adapter', async () => {
    const dir = project({
      'build.pkr.hcl': template('cancel', `    playbook_file   = "slow.yml"\n    extra_arguments = [${PY}]`, true),
      'slow.yml': '- hosts: default\n  gather_facts: false\n  tasks:\n    - debug: { msg: about-to-sleep }\n    - command: sleep 300\n',
    });
    // Interrupted while the command runs in the container.
    const { code, out, sent, stopMs } = await buildAndInterrupt(['-color=false', '.'], {
      cwd: dir,
      marker: 'TASK [command]',
      ready: { check: () => runsInContainer(docker, 'docker.cancel-', 'sleep 300'), what: 'sleep 300 to run in the container' },
    });
    expect(sent).toBe(true);
    expect(code).toBe(1);
    expect(stopMs).toBeLessThan(30_000);
    const port = Number(/SSH proxy: serving on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await canConnect(port)).toBe(false);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toContain(join(dir, 'slow.yml'));
    expect(processes).not.toMatch(new RegExp(`Port=${port}\\b`));
    expect(await leftoverContainers(docker, 'docker.cancel-')).toEqual([]);
  });
});
