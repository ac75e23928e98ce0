// The shell provisioner's uploads over real SSH (scp and sftp): the script holds the inline commands and the
// environment file holds environment_vars, secrets included, so neither may be readable by other users.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTestKeys, nullSshTemplate, PASSWORD_USER, startSshd, type TestSshd } from '../../support/sshd.js';

describe('shell provisioner over SSH: upload modes', () => {
  let sshd: TestSshd;

  beforeAll(async () => {
    sshd = await startSshd(makeTestKeys());
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  for (const method of ['scp', 'sftp']) {
    it(`uploads the script 0700 and the environment file 0600 (${method}); the default chmod +x leaves them unreadable to others`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsbuild-shell-modes-'));
      // The first execute_command is the default one with what the upload left measured first.
      const body = `
  provisioner "shell" {
    inline           = ["echo running $(stat -c %a \\"$0\\")"]
    environment_vars = ["TOKEN=s3cret"]
    use_env_var_file = true
    execute_command  = "echo uploaded $(stat -c %a {{.Path}}) $(stat -c %a {{.EnvVarFile}}); chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}"
  }
  provisioner "shell" {
    inline = ["echo default $(stat -c %a \\"$0\\")", "su -s /bin/sh ${PASSWORD_USER} -c true && echo su works", "su -s /bin/sh ${PASSWORD_USER} -c \\"cat $0\\" >/dev/null 2>&1 && echo other user can read || echo other user cannot read"]
  }`;
      writeFileSync(join(dir, 'build.pkr.hcl'), nullSshTemplate(sshd, body, `  ssh_file_transfer_method = "${method}"\n`));
      const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('    null.t: uploaded 700 600\n');
      const running = /null\.t: running (\d+)/.exec(r.stdout)?.[1];
      const byDefault = /null\.t: default (\d+)/.exec(r.stdout)?.[1];
      for (const mode of [running, byDefault]) {
        expect(mode).toBeDefined();
        // `chmod +x` adds execute bits only (under the usual umask, 0711): nobody else may read the commands.
        expect(parseInt(mode!, 8) & 0o044).toBe(0);
      }
      expect(r.stdout).toContain('    null.t: su works\n');
      expect(r.stdout).toContain('    null.t: other user cannot read\n');
    });
  }
});
