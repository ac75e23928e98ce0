import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { templateDir } from './build-fixtures.js';

// A var file that sets a variable the template does not declare: Packer drops the value, warns in `validate`
// (unless -no-warn-undeclared-var) and in `build` only with -warn-on-undeclared-var; an undeclared -var is an
// error everywhere. Both flags are newer than Packer 1.6.6, which warns in every command: the flags and the
// silence of build, inspect and console follow current Packer's documentation and command line.

const TEMPLATE = `variable "a" {
  type    = string
  default = "x"
}
source "null" "n" { communicator = "none" }
build { sources = ["source.null.n"] }
`;
const FILES = { 'v.pkrvars.hcl': 'a   = "y"\nzzz = "q"\n', 'w.pkrvars.json': '{"jjj": 2}\n', 'x.auto.pkrvars.hcl': 'yyy = 1\n' };
const WARNING = 'Warning: Undefined variable';
const DETAIL = 'A "zzz" variable was set but was not found in known variables.';

function dir(): string {
  return templateDir(TEMPLATE, FILES);
}

const warnings = (out: string) => out.split('\n').filter((l) => l.startsWith('Warning: ')).length;

describe('undeclared variables in var files', () => {
  it('validate warns about each one (HCL, JSON and auto-loaded files), located, and passes', async () => {
    const r = await runCli(['validate', '-var-file=v.pkrvars.hcl', '-var-file', 'w.pkrvars.json', '.'], { cwd: dir() });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(warnings(r.stdout)).toBe(3);
    expect(r.stdout).toContain(`${WARNING}\n\n  on v.pkrvars.hcl line 2, column 1:\n    2: zzz = "q"\n`);
    expect(r.stdout).toContain(DETAIL);
    expect(r.stdout).toContain('on w.pkrvars.json line 1, column 2:');
    expect(r.stdout).toContain('on x.auto.pkrvars.hcl line 1, column 1:');
    expect(r.stdout).toMatch(/The configuration is valid\.\n$/);
    const syntax = await runCli(['validate', '-syntax-only', '-var-file=v.pkrvars.hcl', '.'], { cwd: dir() });
    expect(syntax).toMatchObject({ code: 0, stderr: '' });
    expect(syntax.stdout).toContain(DETAIL);
  });

  it('validate -no-warn-undeclared-var is silent', async () => {
    const r = await runCli(['validate', '-no-warn-undeclared-var', '-var-file=v.pkrvars.hcl', '.'], { cwd: dir() });
    expect(r).toMatchObject({ code: 0, stdout: 'The configuration is valid.\n', stderr: '' });
  });

  it('build says nothing unless -warn-on-undeclared-var, and uses the declared values', async () => {
    const main = TEMPLATE.replace('build { sources = ["source.null.n"] }', 'build {\n  sources = ["source.null.n"]\n  provisioner "shell-local" { inline = ["echo a=${var.a}"] }\n}');
    const d = templateDir(main, FILES);
    const quiet = await runCli(['build', '-color=false', '-var-file=v.pkrvars.hcl', '.'], { cwd: d });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Warning');
    expect(quiet.stdout).toContain('null.n: a=y');
    const loud = await runCli(['build', '-color=false', '-warn-on-undeclared-var', '-var-file=v.pkrvars.hcl', '.'], { cwd: d });
    expect(loud.code).toBe(0);
    expect(warnings(loud.stdout)).toBe(2);
    expect(loud.stdout).toContain(DETAIL);
    expect(loud.stdout.indexOf(WARNING)).toBeLessThan(loud.stdout.indexOf('null.n: a=y'));
  });

  it('inspect and console say nothing', async () => {
    const inspect = await runCli(['inspect', '-var-file=v.pkrvars.hcl', '.'], { cwd: dir() });
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/^Packer Inspect: HCL2 mode\n/);
    expect(inspect.stdout).toContain('var.a: "y"');
    const console = await runCli(['console', '-var-file=v.pkrvars.hcl', '.'], { cwd: dir(), input: 'var.a\n' });
    expect(console).toMatchObject({ code: 0, stdout: 'y\n' });
  });

  it('an undeclared -var stays an error, -syntax-only included', async () => {
    for (const args of [['validate'], ['validate', '-syntax-only'], ['build'], ['inspect'], ['console']]) {
      const r = await runCli([...args, '-var', 'zzz=1', '.'], { cwd: dir() });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout, args.join(' ')).toContain('Error: Undefined -var variable');
    }
  });

  it('each flag belongs to its command only, and is listed in its help', async () => {
    for (const [cmd, flag] of [['build', '-no-warn-undeclared-var'], ['validate', '-warn-on-undeclared-var'], ['inspect', '-no-warn-undeclared-var'], ['console', '-warn-on-undeclared-var']]) {
      const r = await runCli([cmd!, flag!, '-var-file=v.pkrvars.hcl', '.'], { cwd: dir(), input: '' });
      expect(r.code, `${cmd} ${flag}`).toBe(1);
      expect(r.stderr, `${cmd} ${flag}`).toContain(`unknown option '-${flag}'`);
    }
    expect((await runCli(['validate', '-help'], { cwd: dir() })).stdout).toMatch(/--no-warn-undeclared-var +no warning for variable files/);
    expect((await runCli(['build', '-help'], { cwd: dir() })).stdout).toMatch(/--warn-on-undeclared-var +warn about variable files/);
  });
});

needs(packer).describe('undeclared variables: as Packer 1.6.6', () => {
  const run = (args: string[], cwd: string) => {
    const r = spawnSync(PACKER!, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const words = (s: string) => s.replace(/\s+/g, ' ');

  it('validate (and -syntax-only) warn on stdout and exit 0; an undeclared -var exits 1', async () => {
    for (const args of [['validate'], ['validate', '-syntax-only']]) {
      const d = dir();
      const theirs = run([...args, '-var-file=v.pkrvars.hcl', '-var-file=w.pkrvars.json', '.'], d);
      const ours = await runCli([...args, '-var-file=v.pkrvars.hcl', '-var-file=w.pkrvars.json', '.'], { cwd: d });
      expect(ours.code, args.join(' ')).toBe(theirs.code);
      expect(theirs.code).toBe(0);
      expect([ours.stderr, theirs.stderr]).toEqual(['', '']);
      expect(warnings(ours.stdout)).toBe(warnings(theirs.stdout));
      expect(words(ours.stdout)).toContain(words(theirs.stdout.split('\n').slice(2, 5).join(' ')));
      const theirsVar = run([...args, '-var', 'zzz=1', '.'], d);
      const oursVar = await runCli([...args, '-var', 'zzz=1', '.'], { cwd: d });
      expect(oursVar.code).toBe(theirsVar.code);
      expect(oursVar.stdout).toContain(theirsVar.stdout.split('\n')[0]);
    }
  });
});
