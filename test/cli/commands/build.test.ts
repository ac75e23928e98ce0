import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { plain, templateDir } from './build-fixtures.js';

const TWO_NULLS = `
source "null" "ok" { communicator = "none" }
source "null" "bad" { communicator = "none" }
`;

describe('tsbuild build: failures', () => {
  it('reports a failing provisioner, runs the error-cleanup provisioner, keeps other builds, exits 1', async () => {
    const dir = templateDir(`${TWO_NULLS}
build {
  sources = ["source.null.ok", "source.null.bad"]
  provisioner "shell-local" {
    inline = ["echo on \${source.name}", "[ \${source.name} = ok ] || exit 4"]
  }
  error-cleanup-provisioner "shell-local" {
    inline = ["echo cleaned > cleanup-\${source.name}.txt"]
  }
}`);
    const r = await runCli(['build', '-color=false', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Build 'null\.bad' errored after .+: Script exited with non-zero exit status: 4\.Allowed exit codes are: \[0\]$/m);
    expect(r.stdout).toContain('==> null.bad: Provisioning step had errors: Running the cleanup provisioner, if present...');
    expect(r.stdout).toContain("\n==> Some builds didn't complete successfully and had errors:\n--> null.bad: Script exited with non-zero exit status: 4.Allowed exit codes are: [0]\n");
    expect(r.stdout).toContain('--> null.ok: Did not export anything. This is the null builder');
    expect(existsSync(join(dir, 'cleanup-bad.txt'))).toBe(true);
    expect(existsSync(join(dir, 'cleanup-ok.txt'))).toBe(false);
  });

  it('locates an unknown plugin argument and suggests the right one, before running anything', async () => {
    const dir = templateDir(`${TWO_NULLS}
build {
  sources = ["source.null.ok"]
  provisioner "shell-local" {
    inlin = ["touch ran.txt"]
  }
}`);
    const r = await runCli(['build', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Unsupported argument');
    expect(r.stdout).toContain('on main.pkr.hcl line 8, column 5:');
    expect(r.stdout).toContain('Did you mean "inline"?');
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
  });

  it('reports a missing script file', async () => {
    const dir = templateDir(`${TWO_NULLS}
build {
  sources = ["source.null.ok"]
  provisioner "shell-local" { script = "missing.sh" }
}`);
    const r = await runCli(['build', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Bad script 'missing.sh': stat missing.sh: no such file or directory");
    expect(r.stdout).toContain('on main.pkr.hcl line 7, column 40:');
  });

  it('-on-error=abort leaves the error-cleanup provisioner alone; run-cleanup-provisioner runs it', async () => {
    const main = `${TWO_NULLS}
build {
  sources = ["source.null.bad"]
  provisioner "shell-local" { inline = ["exit 1"] }
  error-cleanup-provisioner "shell-local" { inline = ["touch cleaned.txt"] }
}`;
    const abort = templateDir(main);
    const r1 = await runCli(['build', '-on-error=abort', 'main.pkr.hcl'], { cwd: abort });
    expect(r1.code).toBe(1);
    expect(plain(r1.stdout)).toContain('==> null.bad: Step "StepProvision" failed, aborting...');
    expect(existsSync(join(abort, 'cleaned.txt'))).toBe(false);
    const run = templateDir(main);
    const r2 = await runCli(['build', '-on-error=run-cleanup-provisioner', 'main.pkr.hcl'], { cwd: run });
    expect(r2.code).toBe(1);
    expect(existsSync(join(run, 'cleaned.txt'))).toBe(true);
    const bad = await runCli(['build', '-on-error=never', 'main.pkr.hcl'], { cwd: run });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('invalid value "never" for flag -on-error');
  });

  it('builds legacy JSON templates with the same engine', async () => {
    const dir = templateDir('', {
      'template.json': JSON.stringify({
        variables: { who: 'json' },
        builders: [{ type: 'null', communicator: 'none' }],
        provisioners: [{ type: 'shell-local', inline: ['echo hello {{user `who`}} from {{build_name}}'] }],
      }),
    });
    const r = await runCli(['build', '-color=false', 'template.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    null: hello json from null\n');
    expect(r.stdout).toContain("Build 'null' finished after");
  });
});

describe('tsbuild build: sensitive values', () => {
  it('never prints a sensitive value: not from commands, not in errors, not in machine-readable output', async () => {
    const secret = 'pl4nted-S3CRET-value';
    const dir = templateDir(`
variable "token" {
  type      = string
  sensitive = true
}
source "null" "s" { communicator = "none" }
source "file" "f" {
  source = "/nonexistent/\${var.token}"
  target = "out.txt"
}
build {
  sources = ["source.null.s", "source.file.f"]
  provisioner "shell-local" {
    environment_vars = ["TOKEN=\${var.token}"]
    inline = ["echo token=$TOKEN", "echo \${var.token} >&2", "echo 'quoted \${var.token}'", "exit 3"]
  }
}`);
    for (const flags of [['-color=false'], [], ['-machine-readable']]) {
      const r = await runCli(['build', ...flags, '-var', `token=${secret}`, 'main.pkr.hcl'], { cwd: dir });
      expect(r.code).toBe(1);
      const all = r.stdout + r.stderr;
      expect(all).not.toContain(secret);
      expect(plain(all)).toMatch(/token=<sensitive>/);
      // A value made from a secret is sensitive as a whole, as `console` shows it.
      expect(plain(all)).toContain("copyfile '<sensitive>'");
    }
  });
});

describe('tsbuild build: sensitive plugin options', () => {
  it('hides the value of an option a plugin declares sensitive from what the build prints (HCL2 and JSON)', async () => {
    const secret = 'pl4nted-PASSWORD';
    const dir = templateDir(
      `
source "null" "s" {
  communicator = "none"
  ssh_password = "${secret}"
}
build {
  sources = ["source.null.s"]
  provisioner "shell-local" { inline = ["echo password=${secret}", "echo ${secret} >&2", "exit 3"] }
}`,
      {
        'legacy.json': JSON.stringify({
          builders: [{ type: 'null', communicator: 'none', ssh_password: secret }],
          provisioners: [{ type: 'shell-local', inline: [`echo password=${secret}`, 'exit 3'] }],
        }),
      },
    );
    for (const [flags, target] of [[['-color=false'], 'main.pkr.hcl'], [['-machine-readable'], 'main.pkr.hcl'], [['-color=false'], 'legacy.json']] as const) {
      const r = await runCli(['build', ...flags, target], { cwd: dir });
      expect(r.code).toBe(1);
      const all = plain(r.stdout + r.stderr);
      expect(all).not.toContain(secret);
      expect(all).toMatch(/password=<sensitive>/);
    }
  });
});

describe('tsbuild build: output modes', () => {
  const template = `
source "null" "a" { communicator = "none" }
source "file" "f" {
  content = "hello"
  target  = "f.txt"
}
build {
  sources = ["source.null.a", "source.file.f"]
  provisioner "shell-local" { inline = ["echo hi from \${source.name}", "sleep 0.2"] }
}`;

  it('colors each build as Packer does, and not with PACKER_NO_COLOR', async () => {
    const dir = templateDir(template);
    const r = await runCli(['build', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[1;32mnull.a: output will be in this color.\x1b[0m\n\x1b[1;36mfile.f: output will be in this color.\x1b[0m\n\n');
    expect(r.stdout).toContain('\x1b[0;32m    null.a: hi from a\x1b[0m');
    expect(r.stdout).toMatch(/\x1b\[1;36mBuild 'file\.f' finished after [^\n]+\.\x1b\[0m/);
    const nc = await runCli(['build', 'main.pkr.hcl'], { cwd: dir, env: { PACKER_NO_COLOR: '1' } });
    expect(nc.stdout).not.toContain('\x1b[');
    expect(nc.stdout).not.toContain('output will be in this color');
  });

  it('writes machine-readable records with artifacts', async () => {
    const dir = templateDir(template);
    const r = await runCli(['build', '-machine-readable', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => l.replace(/^\d+,/, 'T,'));
    expect(records).toContain('T,,ui,message,    null.a: hi from a');
    expect(records.join('\n')).toContain(
      ['T,file.f,artifact-count,1', 'T,file.f,artifact,0,builder-id,packer.file', 'T,file.f,artifact,0,id,File', 'T,file.f,artifact,0,string,Stored file: f.txt', 'T,file.f,artifact,0,files-count,1', 'T,file.f,artifact,0,file,0,f.txt', 'T,file.f,artifact,0,end', 'T,,ui,say,--> file.f: Stored file: f.txt'].join('\n'),
    );
    expect(r.stdout).toMatch(/^\d+,,ui,say,\\n==> Wait completed after /m);
  });

  it('stamps lines with -timestamp-ui and runs builds one by one with -parallel-builds=1', async () => {
    const dir = templateDir(template);
    const r = await runCli(['build', '-color=false', '-timestamp-ui', '-parallel-builds=1', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const stamped = lines.filter((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d): /.test(l));
    expect(stamped.length).toBeGreaterThanOrEqual(6);
    const aDone = lines.findIndex((l) => l.includes("Build 'null.a' finished"));
    const fStart = lines.findIndex((l) => l.includes('==> file.f:'));
    expect(aDone).toBeGreaterThan(-1);
    expect(fStart).toBeGreaterThan(aDone);
  });

  it('-only and -except select builds by glob', async () => {
    const dir = templateDir(template);
    const only = await runCli(['build', '-color=false', '-only=null.*', 'main.pkr.hcl'], { cwd: dir });
    expect(only.stdout).toContain("Build 'null.a' finished");
    expect(only.stdout).not.toContain('file.f');
    const except = await runCli(['build', '-color=false', '-except', 'null.*', 'main.pkr.hcl'], { cwd: dir });
    expect(except.stdout).not.toContain('null.a');
    expect(readFileSync(join(dir, 'f.txt'), 'utf8')).toBe('hello');
  });

  it('-debug pauses between steps and reads enter from input', async () => {
    const dir = templateDir(template);
    const r = await runCli(['build', '-color=false', '-debug', '-only=null.a', 'main.pkr.hcl'], { cwd: dir, input: '\n\n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Debug mode enabled. Builds will not be parallelized.');
    expect(r.stdout).toContain("==> null.a: Pausing after run of step 'StepProvision'. Press enter to continue.");
    expect(r.stdout).toContain("==> null.a: Pausing before cleanup of step 'StepProvision'. Press enter to continue.");
  });

  it('says so when no build produced an artifact', async () => {
    const dir = templateDir(template);
    const r = await runCli(['build', '-color=false', '-only=nothing', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n==> Builds finished but no artifacts were created.\n');
  });
});
