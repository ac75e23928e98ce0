import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTestKeys, nullSshTemplate, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';

async function build(dir: string, text: string) {
  writeFileSync(join(dir, 'build.pkr.hcl'), text);
  return runCli(['build', '-color=false', '.'], { cwd: dir });
}

describe('null builder over SSH (the real CLI)', () => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let dir: string;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    dir = mkdtempSync(join(tmpdir(), 'tsbuild-null-ssh-'));
    writeFileSync(join(dir, 'payload.txt'), 'payload\n');
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('connects with Packer\'s progress lines, sets build.* and runs shell and file provisioners', async () => {
    const r = await build(
      dir,
      nullSshTemplate(
        sshd,
        `  provisioner "shell-local" { inline = ["echo host=\${build.Host} port=\${build.Port} user=\${build.User} conn=\${build.ConnType}", "echo '\${build.SSHPublicKey}' | cut -d' ' -f1", "echo '\${build.SSHPrivateKey}' | head -n 1"] }
  provisioner "shell" { inline = ["echo hello from $(id -un)"] }
  provisioner "file" {
    source      = "payload.txt"
    destination = "${sshd.dir}/uploaded/"
  }
  provisioner "file" {
    source      = "${sshd.dir}/uploaded/payload.txt"
    destination = "back/"
    direction   = "download"
  }`,
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Packer 1.6.6's lines, the first one included.
    expect(r.stdout).toContain('==> null.t: Using ssh communicator to connect: 127.0.0.1\n==> null.t: Waiting for SSH to become available...\n==> null.t: Connected to SSH!\n');
    expect(r.stdout).toContain(`    null.t: host=127.0.0.1 port=${sshd.port} user=root conn=ssh`);
    expect(r.stdout).toContain('    null.t: ssh-ed25519\n');
    expect(r.stdout).toContain('    null.t: -----BEGIN OPENSSH PRIVATE KEY-----');
    expect(r.stdout).toContain('    null.t: hello from root');
    expect(readFileSync(join(sshd.dir, 'uploaded/payload.txt'), 'utf8')).toBe('payload\n');
    expect(readFileSync(join(dir, 'back/payload.txt'), 'utf8')).toBe('payload\n');
  });

  it('reconnects after a reboot in the middle of a script with expect_disconnect', async () => {
    const r = await build(
      dir,
      nullSshTemplate(
        sshd,
        `  provisioner "shell" {
    inline            = ["echo rebooting $0", "${sshd.rebootCommand(2).replaceAll('"', '\\"')}", "sleep 30"]
    expect_disconnect = true
  }
  provisioner "shell" { inline = ["echo back after reboot"] }`,
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    null.t: rebooting');
    expect(r.stdout).toContain('    null.t: back after reboot');
    // As Packer, the script is removed once the machine answers again.
    const script = /null\.t: rebooting (\S+)/.exec(r.stdout)?.[1];
    expect(script).toMatch(/^\/tmp\/script_\d+\.sh$/);
    expect(existsSync(script!)).toBe(false);
  });

  it('fails the build when the connection drops mid-command without expect_disconnect', async () => {
    const r = await build(dir, nullSshTemplate(sshd, `  provisioner "shell" { inline = ["${sshd.rebootCommand(1).replaceAll('"', '\\"')}", "sleep 30"] }`));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("Script disconnected unexpectedly. If you expected your script to disconnect");
  });

  it('fails after the handshake attempts with a wrong key, naming what the server accepts', async () => {
    const text = nullSshTemplate(sshd, '  provisioner "shell" { inline = ["true"] }').replace(sshd.keys.key, sshd.keys.strangerKey).replace('ssh_timeout', 'ssh_handshake_attempts = 2\n  ssh_timeout');
    const r = await build(dir, text);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/unable to authenticate as "root".*the server accepts: publickey, password/);
  });

  it('reports Packer\'s configuration errors for a null builder without SSH settings', async () => {
    writeFileSync(join(dir, 'build.pkr.hcl'), 'source "null" "t" {\n  communicator = "ssh"\n}\nbuild { sources = ["source.null.t"] }\n');
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('An ssh_username must be specified');
    expect(out).toContain('a Host must be specified, please reference your communicator documentation');
    expect(out).toContain('one authentication method must be specified, please reference your communicator documentation');
  });
});
