// Odd files and oversized input, through the real CLI: named pipes, devices, symbolic link loops, files over
// the size limit, invalid UTF-8, binary files, huge lines, floods of errors and terminal escape sequences.
// Each must end in a few located errors of bounded size, never a hang, a crash or a flooded terminal.

import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-odd-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

const validate = (dir: string, ...args: string[]) => runCli(['validate', ...args], { cwd: dir });
const errors = (out: string) => out.split('\n').filter((l) => l.startsWith('Error: '));
const GOOD = 'variable "a" {\n  default = "x"\n}\n';

describe('files that are not regular files', () => {
  it('rejects a named pipe given as the template, in a template folder, as a variable file and in file functions, at once', async () => {
    const dir = dirWith({ 't.pkr.hcl': GOOD });
    for (const name of ['pipe.pkr.hcl', 'pipe.json', 'pipe.pkrvars.hcl', 'pipe.txt']) execFileSync('mkfifo', [join(dir, name)]);
    const asTemplate = await validate(dir, 'pipe.pkr.hcl');
    expect(asTemplate.code).toBe(1);
    expect(asTemplate.stdout).toContain('Could not read "pipe.pkr.hcl": it is a named pipe (FIFO), not a regular file.');
    const legacy = await validate(dir, 'pipe.json');
    expect(legacy.stdout).toContain('Could not read "pipe.json": it is a named pipe (FIFO), not a regular file.');
    const folder = await validate(dir, '.');
    expect(folder.stdout).toContain('Could not read "pipe.pkr.hcl": it is a named pipe (FIFO)');
    const varFile = await validate(dir, '-var-file=pipe.pkrvars.hcl', 't.pkr.hcl');
    expect(varFile.stdout).toContain('Could not read "pipe.pkrvars.hcl": it is a named pipe (FIFO)');
    writeFileSync(join(dir, 'f.pkr.hcl'), 'locals {\n  a = file("pipe.txt")\n  b = templatefile("pipe.txt", {})\n  c = filebase64("pipe.txt")\n}\n');
    const functions = await validate(dir, 'f.pkr.hcl');
    expect(functions.code).toBe(1);
    expect(errors(functions.stdout)).toHaveLength(3);
    expect(functions.stdout).toContain(`failed to read ${join(dir, 'pipe.txt')}: it is a named pipe (FIFO), not a regular file.`);
  });

  it('rejects /dev/zero as a template or a file function input instead of reading it forever', async () => {
    const dir = dirWith({ 'f.pkr.hcl': 'locals {\n  a = file("/dev/zero")\n}\n' });
    symlinkSync('/dev/zero', join(dir, 'zero.pkr.hcl'));
    const r = await validate(dir, 'zero.pkr.hcl');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Could not read "zero.pkr.hcl": it is a character device, not a regular file.');
    const f = await validate(dir, 'f.pkr.hcl');
    expect(f.code).toBe(1);
    expect(f.stdout).toContain('failed to read /dev/zero: it is a character device, not a regular file.');
  });

  it('names a file over the size limit and says why it is not read', async () => {
    const dir = dirWith({});
    const fd = openSync(join(dir, 'huge.pkr.hcl'), 'w');
    ftruncateSync(fd, 33 * 1024 * 1024); // sparse: no disk space, no time
    closeSync(fd);
    const r = await validate(dir, 'huge.pkr.hcl');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Could not read "huge.pkr.hcl": it is larger than 32 MiB, the most tsbuild reads of a template, variable file or file function input');
  });

  it('says that a symbolic link loop is a loop, for a template, a variable file and a file function', async () => {
    const dir = dirWith({ 't.pkr.hcl': GOOD, 'f.pkr.hcl': 'locals {\n  a = file("loop-a")\n}\n' });
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    symlinkSync('loop-a', join(dir, 'loop.pkrvars.hcl'));
    const template = await validate(dir, 'loop-a');
    expect(template.code).toBe(1);
    expect(template.stdout).toContain('"loop-a" is a loop of symbolic links');
    expect(template.stdout).not.toContain('There is no file or folder');
    const varFile = await validate(dir, '-var-file=loop.pkrvars.hcl', 't.pkr.hcl');
    expect(varFile.stdout).toContain('Could not read "loop.pkrvars.hcl": the path is a loop of symbolic links.');
    const fn = await validate(dir, 'f.pkr.hcl');
    expect(fn.stdout).toContain(`failed to read ${join(dir, 'loop-a')}: the path is a loop of symbolic links.`);
  });
});

describe('invalid UTF-8', () => {
  const BAD = Buffer.concat([Buffer.from('variable "a" {\n  default = "x'), Buffer.from([0xff, 0xfe]), Buffer.from('y"\n}\n')]);
  const IN_COMMENT = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), Buffer.from(GOOD)]);

  it('rejects invalid UTF-8 in a string with its file, line and column; lets it be in a comment', async () => {
    const dir = dirWith({ 'bad.pkr.hcl': BAD, 'comment.pkr.hcl': IN_COMMENT, 'v.pkrvars.hcl': Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xc3, 0x22, 0x0a]) });
    const bad = await validate(dir, 'bad.pkr.hcl');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Error: Invalid character encoding\n\n  on bad.pkr.hcl line 2, column 15:\n');
    expect(bad.stdout).toContain('All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.');
    expect((await validate(dir, 'comment.pkr.hcl')).code).toBe(0);
    const vars = await validate(dir, '-var-file=v.pkrvars.hcl', 'comment.pkr.hcl');
    expect(vars.code).toBe(1);
    expect(vars.stdout).toContain('Error: Invalid character encoding\n\n  on v.pkrvars.hcl line 1, column 6:\n');
  });

  needs(packer).it('is rejected and let through where Packer 1.6.6 rejects it and lets it through', async () => {
    const dir = dirWith({ 'bad.pkr.hcl': BAD, 'comment.pkr.hcl': IN_COMMENT });
    for (const name of ['bad.pkr.hcl', 'comment.pkr.hcl']) {
      let packerCode = 0;
      let packerOut = '';
      try {
        packerOut = execFileSync(PACKER!, ['validate', name], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 30_000 }).toString();
      } catch (e) {
        packerCode = (e as { status: number }).status;
        packerOut = String((e as { stdout: Buffer }).stdout) + String((e as { stderr: Buffer }).stderr);
      }
      const ours = await validate(dir, name);
      expect(ours.code, name).toBe(packerCode);
      if (packerCode !== 0) {
        expect(packerOut).toContain('Error: Invalid character encoding');
        expect(ours.stdout).toContain('Error: Invalid character encoding');
      }
    }
  });
});

describe('oversized and binary input', () => {
  it('quotes a few hundred characters of a 20 MB line and at most 30 of its thousand errors, then how many were left out', async () => {
    const line = `variable "a" { default = "${'x'.repeat(20_000_000)}" }${' @'.repeat(1000)}\n`;
    const dir = dirWith({ 'big.pkr.hcl': line });
    const r = await validate(dir, 'big.pkr.hcl');
    rmSync(dir, { recursive: true });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(40_000);
    expect(errors(r.stdout)).toHaveLength(30);
    expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(420);
    expect(r.stdout).toMatch(/\n\.\.\. 9\d\d more errors of big\.pkr\.hcl left out: at most 30 are shown per file\.\n+$/);
  }, 120_000);

  it('reports a binary file as such, once, at the first byte that gives it away, for a template and a variable file', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const strayNul = Buffer.from('variable "a" {\n  de\0fault = "x"\n}\n');
    const dir = dirWith({ 'bin.pkr.hcl': bytes, 'bin.pkr.json': bytes, 'bin.json': bytes, 'bin.pkrvars.hcl': bytes, 't.pkr.hcl': GOOD, 'nul.pkr.hcl': strayNul });
    for (const name of ['bin.pkr.hcl', 'bin.pkr.json', 'bin.json']) {
      const r = await validate(dir, name);
      expect(r.code, name).toBe(1);
      expect(errors(r.stdout), name).toEqual([`Error: "${name}" is a binary file, not a template`]);
      expect(r.stdout).toContain(`  on ${name} line 1, column 1:\n`);
      expect(r.stdout.length).toBeLessThan(500);
    }
    const vars = await validate(dir, '-var-file=bin.pkrvars.hcl', 't.pkr.hcl');
    expect(errors(vars.stdout)).toEqual(['Error: "bin.pkrvars.hcl" is a binary file, not a variable file']);
    const nul = await validate(dir, 'nul.pkr.hcl');
    expect(errors(nul.stdout)).toEqual(['Error: "nul.pkr.hcl" is a binary file, not a template']);
    expect(nul.stdout).toContain('  on nul.pkr.hcl line 2, column 5:\n');
  });
});

describe('control characters in diagnostics', () => {
  it('shows terminal escape sequences of a template escaped, in the quoted line and in details quoting template text', async () => {
    const dir = dirWith({ 't.pkr.hcl': 'locals {\n  n = cidrhost("\x1b[31mred\x1b]0;title\x07", 1)\n  m = "\x1b[2J" * 2\n}\n' });
    const r = await validate(dir, 't.pkr.hcl');
    expect(r.code).toBe(1);
    expect(errors(r.stdout)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    // The underline follows the escaped width: `"\x1b[2J"` is 9 characters wide.
    expect(r.stdout).toContain('    3:   m = "\\x1b[2J" * 2\n             ^^^^^^^^^\n');
    expect(r.stdout).toContain('invalid CIDR address: \\x1b[31mred\\x1b]0;title\\x07.');
  });

  it('shows them escaped in what inspect prints of a JSON template', async () => {
    const dir = dirWith({ 't.json': '{"variables": {"who": "wo\\u001b[31mrld"}, "builders": [{"type": "null", "communicator": "none"}]}' });
    const r = await runCli(['inspect', 't.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  who = wo\\x1b[31mrld\n');
  });
});
