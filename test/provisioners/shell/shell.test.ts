import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerCommunicator } from '../../../src/communicator/docker/communicator.js';
import { shellConfig } from '../../../provisioners/shell/config.js';
import { shellProvisioner } from '../../../provisioners/shell/index.js';
import { configOf, problemsOf } from '../../support/config.js';
import { remoteLines, startTestContainer, testDocker } from '../../support/docker.js';
import { testContext } from '../../engine/helpers.js';

let docker: Dockerode;
let box: Awaited<ReturnType<typeof startTestContainer>>;
let comm: DockerCommunicator;
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-shell-'));

async function provision(plain: Record<string, unknown>) {
  const ctx = testContext({ builderType: 'docker', cwd: dir });
  const p = await shellProvisioner.create(configOf(shellConfig, plain, dir));
  const error = await p.provision(ctx, comm, {}).then(
    () => undefined,
    (e: Error) => e.message,
  );
  return { lines: ctx.lines, error };
}

const remote = (command: string) => remoteLines(comm, command);

beforeAll(async () => {
  docker = await testDocker();
  box = await startTestContainer(docker);
  comm = new DockerCommunicator(box.container, docker.modem, { execUser: '', fixUploadOwner: true, containerUser: '' });
});
afterAll(async () => {
  await box?.remove();
});

describe('shell provisioner', () => {
  it('runs inline commands with environment_vars and env quoted in {{.Vars}}', async () => {
    const r = await provision({ inline: ['echo "$A|$B|$C|$PACKER_BUILD_NAME|$PACKER_BUILDER_TYPE"', 'echo oops >&2'], environment_vars: ["A=it's", 'B=two words'], env: { C: '$HOME' } });
    expect(r.error).toBeUndefined();
    expect(r.lines).toContain("    t: it's|two words|$HOME|t|docker");
    expect(r.lines).toContain('==> t: oops');
    expect(r.lines.some((l) => /^==> t: Provisioning with shell script: .*packer-shell\d+$/.test(l))).toBe(true);
  });

  it('stops at the first failing inline line (inline_shebang /bin/sh -e) and reports the exit status', async () => {
    const r = await provision({ inline: ['echo before', 'false', 'echo after'] });
    expect(r.lines).toContain('    t: before');
    expect(r.lines).not.toContain('    t: after');
    expect(r.error).toBe('Script exited with non-zero exit status: 1.Allowed exit codes are: [0]');
  });

  it('accepts valid_exit_codes', async () => {
    expect((await provision({ inline: ['exit 5'], valid_exit_codes: [0, 5] })).error).toBeUndefined();
    expect((await provision({ inline: ['exit 4'], valid_exit_codes: [0, 5] })).error).toBe('Script exited with non-zero exit status: 4.Allowed exit codes are: [0 5]');
  });

  it('uploads scripts to remote_path with Unix line endings, and removes them unless skip_clean', async () => {
    writeFileSync(join(dir, 'one.sh'), '#!/bin/sh\r\necho "one at $0"\r\n');
    writeFileSync(join(dir, 'two.sh'), '#!/bin/sh\necho two\n');
    const r = await provision({ scripts: [join(dir, 'one.sh'), join(dir, 'two.sh')], remote_path: '/tmp/custom.sh' });
    expect(r.error).toBeUndefined();
    expect(r.lines).toContain('    t: one at /tmp/custom.sh');
    expect(r.lines).toContain('    t: two');
    expect(await remote('ls /tmp/custom.sh 2>&1 || echo gone')).toContain('gone');
    await provision({ script: join(dir, 'two.sh'), remote_folder: '/var', remote_file: 'kept.sh', skip_clean: true });
    expect(await remote('cat /var/kept.sh')).toEqual(['#!/bin/sh', 'echo two']);
  });

  it('renders a custom execute_command and use_env_var_file', async () => {
    const custom = await provision({ inline: ['echo "in script: $X"'], environment_vars: ['X=1'], execute_command: 'echo "path={{.Path}}"; {{.Vars}} /bin/sh {{.Path}}', remote_path: '/tmp/p.sh' });
    expect(custom.lines).toEqual(expect.arrayContaining(['    t: path=/tmp/p.sh', '    t: in script: 1']));
    const envFile = await provision({ inline: ['echo "from file: $Y"'], environment_vars: ['Y=two words'], use_env_var_file: true });
    expect(envFile.error).toBeUndefined();
    expect(envFile.lines).toContain('    t: from file: two words');
    expect(await remote('ls /tmp/varfile_* 2>/dev/null | wc -l')).toEqual(['0']);
  });

  it('uploads the script 0700 and the environment file 0600: other users may not read the secrets they hold', async () => {
    const r = await provision({
      inline: ['echo "running $(stat -c %a "$0")"'],
      environment_vars: ['TOKEN=s3cret'],
      use_env_var_file: true,
      execute_command: 'echo "uploaded $(stat -c %a {{.Path}}) $(stat -c %a {{.EnvVarFile}})"; chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}',
    });
    expect(r.error).toBeUndefined();
    expect(r.lines).toContain('    t: uploaded 700 600');
    const running = r.lines.map((l) => /^ {4}t: running (\d+)$/.exec(l)?.[1]).find(Boolean);
    expect(parseInt(running!, 8) & 0o044).toBe(0);
  });

  it("reports Packer's configuration errors", () => {
    const v = (c: Record<string, unknown>) => problemsOf(shellConfig, c, dir);
    expect(v({})).toEqual(['Either a script file or inline script must be specified.']);
    expect(v({ inline: ['x'], script: join(dir, 'two.sh') })).toEqual(['Only a script file or an inline script can be specified, not both.']);
    expect(v({ script: '/no/such.sh' })).toEqual(["Bad script '/no/such.sh': stat /no/such.sh: no such file or directory"]);
    expect(v({ inline: ['x'], environment_vars: ['NOVALUE'] })).toEqual(["Environment variable not in format 'key=value': NOVALUE"]);
  });

  it('needs a communicator', async () => {
    const p = await shellProvisioner.create(configOf(shellConfig, { inline: ['true'] }));
    await expect(p.provision(testContext(), undefined, {})).rejects.toThrow(/needs a communicator/);
  });
});
