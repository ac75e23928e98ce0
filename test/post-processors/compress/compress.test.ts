import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { waitFor } from '../../support/wait.js';

/** 3.5 MiB of binary and text: several parallel deflate blocks, compressible and not. */
function mixedData(): Buffer {
  const text = Buffer.from(Array.from({ length: 30_000 }, (_, i) => `line ${i} of the image, request ${(i * 7919) % 10007} done\n`).join(''));
  return Buffer.concat([randomBytes(1 << 20), text, randomBytes(512 << 10), text]).subarray(0, (7 << 20) / 2);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A JSON template: the file builder writes out.txt; artifice makes the artifact `files`; then `compress`. */
function template(compress: Record<string, unknown>, files?: string[], extra: Record<string, unknown>[] = []): string {
  const chain = [...(files ? [{ type: 'artifice', files }] : []), ...extra, { type: 'compress', ...compress }];
  return JSON.stringify({ builders: [{ type: 'file', name: 'fb', target: 'out.txt', content: 'hello world\n' }], 'post-processors': [chain] });
}

/** A folder with the template, disk.img (mixed data, mode 0640) and notes.txt. */
function project(text: string): { dir: string; img: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-compress-'));
  const img = mixedData();
  writeFileSync(join(dir, 'disk.img'), img);
  chmodSync(join(dir, 'disk.img'), 0o640);
  writeFileSync(join(dir, 'notes.txt'), 'notes\n');
  writeFileSync(join(dir, 't.json'), text);
  return { dir, img };
}

const build = (dir: string) => runCli(['build', '-color=false', 't.json'], { cwd: dir });
const sh = (cmd: string, dir: string) => execFileSync('sh', ['-c', cmd], { cwd: dir, maxBuffer: 64 << 20 });

describe('compress post-processor: round trips with the system tools', () => {
  const FILES = ['disk.img', 'notes.txt'];
  const cases: [string, string, string][] = [
    ['a.tar.gz', 'gzip -t a.tar.gz && mkdir x && tar -xzf a.tar.gz -C x', 'pgzip'],
    ['a.tgz', 'gzip -t a.tgz && mkdir x && tar -xzf a.tgz -C x', 'pgzip'],
    ['a.tar', 'mkdir x && tar -xf a.tar -C x', 'no compression'],
    ['a.tar.lz4', 'lz4 -t a.tar.lz4 && mkdir x && lz4 -dc a.tar.lz4 | tar -xf - -C x', 'lz4'],
    ['a.tar.xz', 'xz -t a.tar.xz && mkdir x && tar -xJf a.tar.xz -C x', 'xz'],
    ['a.tar.bgzf', 'gzip -t a.tar.bgzf && mkdir x && gzip -dc a.tar.bgzf | tar -xf - -C x', 'bgzf'],
  ];
  it.each(cases)('%s', async (output, check, how) => {
    const { dir, img } = project(template({ output }, FILES));
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`==> fb (compress): Tarring ${output} with ${how}\n`);
    expect(r.stdout).toContain(`==> fb (compress): Archive ${output} completed\n`);
    expect(r.stdout).toContain(`--> fb: compressed artifacts in: ${output}\n`);
    sh(check, dir);
    expect(sha(readFileSync(join(dir, 'x/disk.img')))).toBe(sha(img));
    expect(readFileSync(join(dir, 'x/notes.txt'), 'utf8')).toBe('notes\n');
  });

  it('zip: unzip tests and extracts it, entries named as the artifact names them', async () => {
    const { dir, img } = project(template({ output: 'out/a.zip' }, FILES));
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('==> fb (compress): Zipping out/a.zip\n');
    sh('unzip -tq out/a.zip && mkdir x && unzip -q out/a.zip -d x', dir);
    expect(sha(readFileSync(join(dir, 'x/disk.img')))).toBe(sha(img));
    expect(sh('zipinfo -1 out/a.zip', dir).toString()).toBe('disk.img\nnotes.txt\n');
  });

  it.each([
    ['s.gz', 'gzip -t s.gz && gzip -dc s.gz', 'pgzip'],
    ['s.lz4', 'lz4 -dc s.lz4', 'lz4'],
    ['s.xz', 'xz -dc s.xz', 'xz'],
    ['s.bgzf', 'gzip -dc s.bgzf', 'bgzf'],
  ])('a single file into %s', async (output, check, how) => {
    const { dir, img } = project(template({ output }, ['disk.img']));
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`==> fb (compress): Archiving disk.img with ${how}\n`);
    expect(sha(sh(check, dir))).toBe(sha(img));
  });

  it('gzip of an empty file is a valid empty stream', async () => {
    const { dir } = project(template({ output: 'e.gz' }, ['empty']));
    writeFileSync(join(dir, 'empty'), '');
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(sh('gzip -dc e.gz', dir).length).toBe(0);
  });

  it('lists the archive in the tar entries with the modes and names of the files', async () => {
    const { dir } = project(template({ output: 'a.tar' }, ['disk.img', 'notes.txt']));
    await build(dir);
    const lines = sh('tar -tvf a.tar', dir).toString().trim().split('\n');
    expect(lines[0]).toMatch(/^-rw-r----- \S+\/\S+ +3670016 1970-01-01 00:00 disk\.img$/);
    expect(lines[1]).toMatch(/ notes\.txt$/);
  });
});

describe('compress post-processor: options and errors', () => {
  it.each(['a.gz', 'a.lz4'])("refuses several files into %s with Packer's message, and writes nothing", async (output) => {
    const { dir } = project(template({ output }, ['disk.img', 'notes.txt']));
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Post-processor failed: Can only have 1 input file when not using tar/zip. Found 2 files: [disk.img notes.txt]');
    expect(existsSync(join(dir, output))).toBe(false);
  });

  it('names the archive packer_{{.BuildName}}_{{.BuilderType}} (tar + gzip) by default, and renders output', async () => {
    const { dir } = project(JSON.stringify({ builders: [{ type: 'file', name: 'fb', target: 'out.txt', content: 'x' }], 'post-processors': [[{ type: 'compress', keep_input_artifact: true }], [{ type: 'compress', output: 'o/{{.BuildName}}-{{.BuilderType}}.tar.gz', keep_input_artifact: true }]] }));
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('==> fb (compress): Tarring packer_fb_file with pgzip\n');
    sh('gzip -t packer_fb_file && tar -tzf packer_fb_file && gzip -t o/fb-file.tar.gz', dir);
  });

  it('removes its input unless keep_input_artifact is set', async () => {
    const gone = project(template({ output: 'a.tar.gz' }));
    await build(gone.dir);
    expect(existsSync(join(gone.dir, 'out.txt'))).toBe(false);
    const kept = project(template({ output: 'a.tar.gz', keep_input_artifact: true }));
    const r = await build(kept.dir);
    expect(existsSync(join(kept.dir, 'out.txt'))).toBe(true);
    expect(r.stdout).toContain('--> fb: Stored file: out.txt\n');
  });

  it('refuses bzip2, which Packer would fill with gzip data', async () => {
    const { dir } = project(template({ output: 'a.tar.bzip2' }));
    const r = await runCli(['validate', 't.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('bzip2 compression is not available');
  });

  it('says that compression_level does not change lz4, zip or xz', async () => {
    const { dir } = project(template({ output: 'a.zip', compression_level: 9 }, ['notes.txt']));
    const r = await build(dir);
    expect(r.stdout).toContain('compression_level has no effect on zip (as in Packer)');
  });

  it('names an input file that disappeared before it was read', async () => {
    const { dir } = project(template({ output: 'a.tar.gz' }, ['disk.img', 'notes.txt'], [{ type: 'shell-local', inline: ['rm notes.txt'] }]));
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Post-processor failed: Error creating tar: Unable to read file notes.txt: no such file or directory');
    expect(existsSync(join(dir, 'a.tar.gz'))).toBe(false);
  });

  it('names the folder it cannot create', async () => {
    const { dir } = project(template({ output: 'notes.txt/a.tar.gz' }, ['disk.img']));
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Post-processor failed: Unable to create dir for archive notes.txt/a.tar.gz: ');
  });

  it('stops on Ctrl-C and removes the partial archive', async () => {
    const { dir } = project(template({ output: 'big.tar.gz', compression_level: 9 }, ['big.img']));
    writeFileSync(join(dir, 'big.img'), randomBytes(256 << 20));
    const run = startCli(['build', '-color=false', 't.json'], { cwd: dir });
    const archive = join(dir, 'big.tar.gz');
    await waitFor(() => existsSync(archive) && readFileSync(archive).length > 1 << 20, { what: 'the archive to grow past 1 MiB', timeoutMs: 120_000 });
    run.kill('SIGINT');
    const r = await run.exited;
    expect(r.code, r.stdout + r.stderr).not.toBe(0);
    expect(existsSync(archive)).toBe(false);
  }, 180_000);
});

/** Root can mount a tmpfs: a full disk and a read-only folder for real. */
const isRoot = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v mount']).status === 0;
const rootOnly = {
  what: 'root, to mount a small tmpfs (a full disk) and a read-only one',
  install: 'run the tests as root (scripts/test-all.sh does)',
  present: isRoot,
};

needs(rootOnly).describe('compress post-processor on a full disk and a read-only folder', () => {
  function mountTmpfs(options: string): string {
    const at = mkdtempSync(join(tmpdir(), 'tsbuild-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at]);
    return at;
  }
  const umount = (at: string) => spawnSync('umount', [at]);

  it('fails with the path on a full disk and removes the partial file', async () => {
    const at = mountTmpfs('size=1m');
    try {
      const { dir } = project(template({ output: join(at, 'a.tar.gz') }, ['disk.img']));
      const r = await build(dir);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`Post-processor failed: Unable to write archive ${join(at, 'a.tar.gz')}: no space left on device`);
      expect(readdirSync(at)).toEqual([]);
    } finally {
      umount(at);
    }
  });

  it('fails with the path in a read-only folder', async () => {
    const at = mountTmpfs('size=1m,ro');
    try {
      const { dir } = project(template({ output: join(at, 'a.zip') }, ['disk.img']));
      const r = await build(dir);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`Post-processor failed: Unable to create archive ${join(at, 'a.zip')}: read-only file system`);
    } finally {
      umount(at);
    }
  });
});

needs(packer).describe('compress post-processor beside Packer 1.6.6', () => {
  const formats = ['a.tar', 'a.tar.gz', 'a.tar.lz4', 'a.tar.xz', 'a.zip', 'a.bgzf'];
  it("prints Packer's lines and writes the same tar bytes and zip entries", async () => {
    const chains = formats.map((output) => [{ type: 'artifice', files: output.endsWith('bgzf') ? ['disk.img'] : ['disk.img', 'notes.txt'], keep_input_artifact: true }, { type: 'compress', output, keep_input_artifact: true }]);
    const text = JSON.stringify({ builders: [{ type: 'file', name: 'fb', target: 'out.txt', content: 'hello world\n' }], 'post-processors': chains });
    const ours = project(text);
    const theirs = project(text);
    writeFileSync(join(theirs.dir, 'disk.img'), ours.img);
    chmodSync(join(theirs.dir, 'disk.img'), 0o640);
    const a = await build(ours.dir);
    const b = await startCli(['build', '-color=false', 't.json'], { cwd: theirs.dir, program: PACKER, env: { CHECKPOINT_DISABLE: '1' } }).exited;
    expect(a.code, a.stdout).toBe(0);
    expect(b.code, b.stdout).toBe(0);
    // Packer's xz writer is single-threaded and says so; tsbuild's uses every core.
    const lines = (s: string) => s.split('\n').filter((l) => /^(==> fb|--> fb)/.test(l)).map((l) => l.replace(/with \d+ cores?.*/, 'with N cores'));
    expect(lines(a.stdout)).toEqual(lines(b.stdout));
    expect(sha(readFileSync(join(ours.dir, 'a.tar')))).toBe(sha(readFileSync(join(theirs.dir, 'a.tar'))));
    const zipEntries = (dir: string) => sh('zipinfo a.zip', dir).toString().split('\n').slice(2, 4).map((l) => l.replace(/ +\d+ bl defN/, ' defN'));
    expect(zipEntries(ours.dir)).toEqual(zipEntries(theirs.dir));
  });
});
