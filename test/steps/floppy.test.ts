// The floppy image read back with mtools: files at the root (globs, folders flattened), floppy_dirs with their
// structure, floppy_content, the label; the image is gone after cleanup. Config checks as Packer's.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { runSteps } from '../../src/engine/steps.js';
import { floppyProblems, type FloppyConfig } from '../../src/steps/floppy/config.js';
import { stepCreateFloppy, type FloppyState } from '../../src/steps/floppy/step.js';
import { testContext } from '../engine/helpers.js';
import { needs } from '../support/needs.js';
import { mtools } from '../support/vmware-standin/needs.js';

const { describe, it } = needs(mtools);

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-floppy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mt = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });

function tree(): string {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'drivers', 'net'), { recursive: true });
  mkdirSync(join(src, 'flat', 'deep'), { recursive: true });
  writeFileSync(join(src, 'ks.cfg'), 'kickstart\n');
  writeFileSync(join(src, 'a.sh'), 'echo a\n');
  writeFileSync(join(src, 'b.sh'), 'echo b\n');
  writeFileSync(join(src, 'drivers', 'net', 'e1000.inf'), 'driver\n');
  writeFileSync(join(src, 'flat', 'one.txt'), '1\n');
  writeFileSync(join(src, 'flat', 'deep', 'two.txt'), '2\n');
  return src;
}

describe('floppy_files, floppy_dirs, floppy_content', () => {
  it('makes a 1.44 MB FAT12 image with the files, and removes it at cleanup', async () => {
    const src = tree();
    const config: FloppyConfig = {
      floppy_files: ['ks.cfg', '*.sh', 'flat'],
      floppy_dirs: ['drivers'],
      floppy_content: { 'meta/user-data': '#cloud-config\n' },
      floppy_label: 'cidata',
    };
    const ctx = testContext({ cwd: src, tempDir: mkdtempSync(join(dir, 'tmp-')) });
    const state: FloppyState = {};
    let image = '';
    const check = {
      name: 'check',
      run: async (s: FloppyState) => {
        image = s.floppyPath!;
        const listing = mt('mdir', ['-i', image, '-/', '-b', '::']);
        expect(listing.split('\n').filter(Boolean).sort()).toEqual(
          ['::/a.sh', '::/b.sh', '::/ks.cfg', '::/one.txt', '::/two.txt', '::/drivers/', '::/drivers/net/', '::/drivers/net/e1000.inf', '::/meta/', '::/meta/user-data'].sort(),
        );
        expect(mt('mtype', ['-i', image, '::/meta/user-data'])).toBe('#cloud-config\n');
        expect(mt('mtype', ['-i', image, '::/drivers/net/e1000.inf'])).toBe('driver\n');
        expect(mt('mdir', ['-i', image, '::'])).toContain('Volume in drive : is CIDATA');
        expect(mt('minfo', ['-i', image, '::'])).toMatch(/sectors per track: 18[\s\S]*heads: 2/);
        expect(execFileSync('stat', ['-c', '%s', image], { encoding: 'utf8' }).trim()).toBe('1474560');
      },
    };
    await runSteps([stepCreateFloppy<FloppyState>(() => config), check], state, ctx);
    expect(image).not.toBe('');
    expect(existsSync(image)).toBe(false);
    expect(ctx.lines).toContain('==> t: Creating floppy disk...');
    expect(ctx.lines).toContain('    t: Copying file: ks.cfg');
  });

  it('makes no image when nothing goes on a floppy', async () => {
    const state: FloppyState = {};
    await runSteps([stepCreateFloppy<FloppyState>(() => ({ floppy_label: 'packer' }))], state, testContext());
    expect(state.floppyPath).toBeUndefined();
  });

  it("checks paths as Packer's FloppyConfig does (globs are checked when the disk is made)", () => {
    const problems = floppyProblems({ floppy_files: ['missing.cfg', 'x*'], floppy_dirs: ['nodir'], floppy_label: 'packer' }, { cwd: dir, templateDir: dir, env: {} });
    expect(problems.map((p) => p.message)).toEqual([
      "Bad Floppy disk file 'missing.cfg': stat missing.cfg: no such file or directory",
      "Bad Floppy disk directory 'nodir': stat nodir: no such file or directory",
    ]);
  });
});
