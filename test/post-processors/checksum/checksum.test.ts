import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';

const TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

/** A JSON template: a file builder writing out.txt, then the given post-processor chains. */
function template(chains: unknown[][]): string {
  return JSON.stringify({ builders: [{ type: 'file', name: 'fb', target: 'out.txt', content: 'hello world\n' }], 'post-processors': chains });
}

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-checksum-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The files a run left, with their contents (the template itself left out). */
function results(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel !== 't.json') out[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('checksum post-processor', () => {
  it("writes every type in Packer's file names and format, which the coreutils checkers accept", async () => {
    const dir = dirWith({ 't.json': template([[{ type: 'checksum', checksum_types: TYPES }]]) });
    const r = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const files = TYPES.map((t) => `packer_fb_file_${t}.checksum`);
    expect(r.stdout).toContain(`==> fb: Running post-processor: checksum\n`);
    expect(r.stdout).toContain(`--> fb: Created artifact from files: out.txt, ${files.join(', ')}\n`);
    for (const [i, t] of TYPES.entries()) {
      expect(readFileSync(join(dir, files[i]!), 'utf8')).toMatch(new RegExp(`^[0-9a-f]+\\tout\\.txt\\n$`));
      expect(execFileSync(`${t}sum`, ['-c', files[i]!], { cwd: dir, encoding: 'utf8' })).toBe('out.txt: OK\n');
    }
  });

  it('spreads several types of a large file over worker threads, with the same digests', async () => {
    // Random data: a chunk hashed while its buffer was being read into again would give another digest.
    const dir = dirWith({ 't.json': template([[{ type: 'artifice', files: ['big.img'] }, { type: 'checksum', checksum_types: TYPES }]]) });
    writeFileSync(join(dir, 'big.img'), randomBytes((70 << 20) + 12345));
    const r = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const t of TYPES) expect(execFileSync(`${t}sum`, ['-c', `packer_fb_file_${t}.checksum`], { cwd: dir, encoding: 'utf8' })).toBe('big.img: OK\n');
  });

  it('renders output with BuildName, BuilderType and ChecksumType, creates its folder, and appends on a second run', async () => {
    const dir = dirWith({ 't.json': template([[{ type: 'checksum', checksum_types: ['sha256'], output: 'sums/{{.BuildName}}-{{.BuilderType}}.{{.ChecksumType}}' }]]) });
    const first = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(first.stdout).toContain('--> fb: Created artifact from files: out.txt, sums/fb-file.sha256\n');
    // The file exists now: it is appended to, and not listed as created.
    const second = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(second.stdout).toContain('--> fb: Created artifact from files: out.txt\n');
    const line = 'a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447\tout.txt\n';
    expect(readFileSync(join(dir, 'sums/fb-file.sha256'), 'utf8')).toBe(line + line);
  });

  it('rejects an unknown type with Packer\'s message', async () => {
    const dir = dirWith({ 't.json': template([[{ type: 'checksum', checksum_types: ['sha256', 'crc32'] }]]) });
    const r = await runCli(['validate', 't.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Unrecognized checksum type: crc32');
  });

  it('names an input file that is missing', async () => {
    // artifice lists gone.img because it exists; a shell-local post-processor removes it before checksum runs.
    const chain = [{ type: 'artifice', files: ['out.txt', 'gone.img'] }, { type: 'shell-local', inline: ['rm gone.img'] }, { type: 'checksum' }];
    const dir = dirWith({ 't.json': template([chain]), 'gone.img': 'x' });
    const r = await runCli(['build', '-color=false', 't.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Post-processor failed: unable to open file gone.img: no such file or directory');
  });
});

needs(packer).describe('checksum post-processor beside Packer 1.6.6', () => {
  it('writes the same files with the same contents and prints the same artifact lines', async () => {
    const text = template([[{ type: 'checksum', checksum_types: TYPES }], [{ type: 'checksum', checksum_types: ['md5', 'sha512'], output: 'x/{{.ChecksumType}}/{{.BuildName}}.sum' }]]);
    const ours = dirWith({ 't.json': text });
    const theirs = dirWith({ 't.json': text });
    const a = await runCli(['build', '-color=false', 't.json'], { cwd: ours });
    const b = await startCli(['build', '-color=false', 't.json'], { cwd: theirs, program: PACKER, env: { CHECKPOINT_DISABLE: '1' } }).exited;
    expect(a.code).toBe(b.code);
    expect(results(ours)).toEqual(results(theirs));
    const artifactLines = (s: string) => s.split('\n').filter((l) => l.startsWith('--> ') || l.startsWith('==> fb'));
    expect(artifactLines(a.stdout)).toEqual(artifactLines(b.stdout));
  });
});
