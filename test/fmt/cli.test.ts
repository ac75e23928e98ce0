import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const UGLY = 'a=1\nbbb = {x=1}\n';
const PRETTY = 'a   = 1\nbbb = { x = 1 }\n';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-fmt-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('tsbuild fmt', () => {
  it('rewrites the HCL files of the current folder and lists the ones it changed', async () => {
    const dir = dirWith({ 'a.pkr.hcl': UGLY, 'b.pkrvars.hcl': 'x = 1\n', 'c.pkr.json': '{ "a":1 }', 'd.pkrvars.hcl': 'y="z"\n' });
    const r = await runCli(['fmt'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: 'a.pkr.hcl\nd.pkrvars.hcl\n' });
    expect(read(dir, 'a.pkr.hcl')).toBe(PRETTY);
    expect(read(dir, 'd.pkrvars.hcl')).toBe('y = "z"\n');
    expect(read(dir, 'c.pkr.json')).toBe('{ "a":1 }');
    expect(await runCli(['fmt', '.'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
  });

  it('-check exits 3 and lists the files that would change, without writing', async () => {
    const dir = dirWith({ 'a.pkr.hcl': UGLY, 'b.pkr.hcl': PRETTY });
    expect(await runCli(['fmt', '-check', '.'], { cwd: dir })).toMatchObject({ code: 3, stdout: 'a.pkr.hcl\n' });
    expect(read(dir, 'a.pkr.hcl')).toBe(UGLY);
    expect(await runCli(['fmt', '-check', 'b.pkr.hcl'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
  });

  it('-diff prints a unified diff after the name; -write=false keeps the file', async () => {
    const dir = dirWith({ 't.pkr.hcl': UGLY });
    const r = await runCli(['fmt', '-diff', '-write=false', 't.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('t.pkr.hcl\n--- old/t.pkr.hcl\n+++ new/t.pkr.hcl\n@@ -1,2 +1,2 @@\n-a=1\n-bbb = {x=1}\n+a   = 1\n+bbb = { x = 1 }\n');
    expect(read(dir, 't.pkr.hcl')).toBe(UGLY);
  });

  it('-recursive descends into subfolders, in name order, skipping hidden ones', async () => {
    const dir = dirWith({ 'z.pkr.hcl': UGLY, 'sub/a.pkr.hcl': UGLY, 'sub/deeper/b.pkrvars.hcl': 'x=1\n', '.hidden/c.pkr.hcl': UGLY });
    expect(await runCli(['fmt', '-check', '.'], { cwd: dir })).toMatchObject({ code: 3, stdout: 'z.pkr.hcl\n' });
    const r = await runCli(['fmt', '-recursive', '.'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: 'sub/a.pkr.hcl\nsub/deeper/b.pkrvars.hcl\nz.pkr.hcl\n' });
    expect(read(dir, 'sub/deeper/b.pkrvars.hcl')).toBe('x = 1\n');
    expect(read(dir, '.hidden/c.pkr.hcl')).toBe(UGLY);
  });

  it('- reads standard input and prints the formatted text', async () => {
    const dir = dirWith({});
    expect(await runCli(['fmt', '-'], { cwd: dir, input: UGLY })).toMatchObject({ code: 0, stdout: PRETTY });
    expect(await runCli(['fmt', '-'], { cwd: dir, input: PRETTY })).toMatchObject({ code: 0, stdout: PRETTY });
    expect(await runCli(['fmt', '-check', '-'], { cwd: dir, input: UGLY })).toMatchObject({ code: 3, stdout: '' });
  });

  it('reports a syntax error with its location, exits 1 and leaves the file as it was', async () => {
    const bad = 'source "null" "a" {\n  communicator = \n}\n';
    const dir = dirWith({ 'bad.pkr.hcl': bad, 'good.pkr.hcl': UGLY });
    const r = await runCli(['fmt', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^good\.pkr\.hcl\nError: Invalid expression\n\n  on bad\.pkr\.hcl line 2, column 18:\n    2:   communicator = \n/);
    expect(read(dir, 'bad.pkr.hcl')).toBe(bad);
    expect(read(dir, 'good.pkr.hcl')).toBe(PRETTY);
  });

  it('refuses JSON files and missing files with exit 1', async () => {
    const dir = dirWith({ 't.pkr.json': '{}' });
    const r = await runCli(['fmt', 't.pkr.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: encountered an error while formatting t.pkr.json');
    expect(read(dir, 't.pkr.json')).toBe('{}');
    const missing = await runCli(['fmt', 'nope.pkr.hcl'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('failed to open nope.pkr.hcl');
  });

  it('leaves a file with bytes that are not UTF-8 as it is, even in a comment, and refuses a named pipe', async () => {
    const dir = dirWith({});
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + UGLY)]);
    writeFileSync(join(dir, 'latin1.pkr.hcl'), bytes);
    execFileSync('mkfifo', [join(dir, 'pipe.pkr.hcl')]);
    const r = await runCli(['fmt', 'latin1.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Invalid character encoding\n\n  on latin1.pkr.hcl line 1, column 6:\n');
    expect(readFileSync(join(dir, 'latin1.pkr.hcl'))).toEqual(bytes);
    const pipe = await runCli(['fmt', 'pipe.pkr.hcl'], { cwd: dir });
    expect(pipe.code).toBe(1);
    expect(pipe.stdout).toContain('failed to open pipe.pkr.hcl: it is a named pipe (FIFO), not a regular file');
  });

  it('rejects an unknown flag with the usage', async () => {
    const r = await runCli(['fmt', '-bogus'], { cwd: dirWith({}) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('flag provided but not defined: -bogus');
    expect(r.stderr).toContain('Usage: tsbuild fmt');
  });
});
