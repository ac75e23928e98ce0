import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { spawnSync } from 'node:child_process';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-validate-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

const GOOD = 'variable "a" { default = "x" }\nlocals { b = upper(var.a) }\n';
const BAD_SYNTAX = 'variable "a" {\n  default = [1, 2\n}\n';
const UNSET = 'variable "foo" {}\n';

describe('tsbuild validate', () => {
  it('passes a good template with Packer\'s messages and exit code', async () => {
    const dir = dirWith({ 't.pkr.hcl': GOOD });
    expect(await runCli(['validate', '-syntax-only', 't.pkr.hcl'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'Syntax-only check passed. Everything looks okay.\n' });
    expect(await runCli(['validate', 't.pkr.hcl'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'The configuration is valid.\n' });
  });

  it('rejects a syntax error with its location and exit code 1', async () => {
    const dir = dirWith({ 't.pkr.hcl': BAD_SYNTAX });
    const r = await runCli(['validate', '-syntax-only', 't.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Error: /);
    expect(r.stdout).toContain('on t.pkr.hcl line 3, column 1:');
  });

  it('separates syntax-only from full validation as Packer does', async () => {
    const dir = dirWith({ 't.pkr.hcl': UNSET });
    expect((await runCli(['validate', '-syntax-only', 't.pkr.hcl'], { cwd: dir })).code).toBe(0);
    const full = await runCli(['validate', 't.pkr.hcl'], { cwd: dir });
    expect(full.code).toBe(1);
    expect(full.stdout).toContain('Error: Unset variable "foo"');
    expect((await runCli(['validate', '-var', 'foo=1', 't.pkr.hcl'], { cwd: dir })).code).toBe(0);
  });

  it('accepts Go-style flag spellings', async () => {
    const dir = dirWith({ 't.pkr.hcl': UNSET, 'v.pkrvars.hcl': 'foo = "y"\n' });
    expect((await runCli(['validate', '--var-file=v.pkrvars.hcl', 't.pkr.hcl'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['validate', '-var-file', 'v.pkrvars.hcl', 't.pkr.hcl'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['validate', '-var=foo=-1', 't.pkr.hcl'], { cwd: dir })).code).toBe(0);
  });

  it('reports a missing template without a stack trace', async () => {
    const r = await runCli(['validate', 'nope.pkr.hcl'], { cwd: tmpdir() });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Template not found');
    expect(r.stdout + r.stderr).not.toContain('    at ');
  });

  needs(packer).it('exits with the same codes as packer 1.6.6', async () => {
    for (const [text, args] of [[GOOD, ['-syntax-only']], [GOOD, []], [BAD_SYNTAX, ['-syntax-only']], [UNSET, ['-syntax-only']], [UNSET, []]] as const) {
      const dir = dirWith({ 't.pkr.hcl': text });
      const ours = await runCli(['validate', ...args, 't.pkr.hcl'], { cwd: dir });
      const theirs = spawnSync(PACKER!, ['validate', ...args, 't.pkr.hcl'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(ours.code, `${args.join(' ')} on ${JSON.stringify(text)}`).toBe(theirs.status);
    }
  });
});
