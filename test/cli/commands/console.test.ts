import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

const TEMPLATE = `
variable "who" { default = "world" }
variable "secret" {
  default   = "hunter2-very-secret"
  sensitive = true
}
locals {
  greeting = "hello \${var.who}"
  sizes    = { small = 1, large = 3 }
}
`;

function templateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-console-'));
  writeFileSync(join(dir, 't.pkr.hcl'), TEMPLATE);
  return dir;
}

describe('tsbuild console', () => {
  it('evaluates piped lines against variables and locals', async () => {
    const dir = templateDir();
    const r = await runCli(['console', '-var', 'who=packer', 't.pkr.hcl'], { cwd: dir, input: 'local.greeting\nlocal.sizes.large * 2\n[for k, v in local.sizes : k]\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello packer\n6\n[\n  "large",\n  "small",\n]\n');
  });

  it('stops at the first error with exit code 1 and a located message', async () => {
    const dir = templateDir();
    const r = await runCli(['console', 't.pkr.hcl'], { cwd: dir, input: '1 + 1\nlocal.greting\n2 + 2\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2\n');
    expect(r.stdout).toContain('Error: Unsupported attribute');
    expect(r.stdout).toContain('on <console-input> line 1, column 7:');
    expect(r.stdout).toContain('Did you mean "greeting"?');
    expect(r.stdout).not.toContain('4\n');
  });

  it('never prints a sensitive value', async () => {
    const dir = templateDir();
    const r = await runCli(['console', 't.pkr.hcl'], { cwd: dir, input: 'var.secret\nupper(var.secret)\n"x-${var.secret}"\n' });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/hunter2/i);
    expect(r.stdout).toContain('<sensitive>');
  });

  it('works without a template', async () => {
    const r = await runCli(['console'], { cwd: tmpdir(), input: 'upper("x")\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'X\n' });
  });

  it('reports template errors before evaluating anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-console-'));
    writeFileSync(join(dir, 't.pkr.hcl'), 'locals {\n  a = 1 +\n}\n');
    const r = await runCli(['console', 't.pkr.hcl'], { cwd: dir, input: '1\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('on t.pkr.hcl line 2');
    expect(r.stdout + r.stderr).not.toContain('    at ');
  });
});
