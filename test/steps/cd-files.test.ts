// The CD image read back with xorriso: files and folders (a trailing slash puts a folder's contents at the root),
// cd_content, the volume label; the image is gone after cleanup.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { runSteps } from '../../src/engine/steps.js';
import { cdProblems, type CdConfig } from '../../src/steps/cd-files/config.js';
import { stepCreateCd, type CdState } from '../../src/steps/cd-files/step.js';
import { testContext } from '../engine/helpers.js';
import { needs } from '../support/needs.js';
import { xorriso } from '../support/vmware-standin/needs.js';

const { describe, it } = needs(xorriso);

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-cd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every path on the CD, from xorriso's listing. */
function listing(iso: string): string[] {
  const out = execFileSync('xorriso', ['-indev', iso, '-find', '/', '-exec', 'lsdl'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out
    .split('\n')
    .map((l) => /'(\/[^']*)'$/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined && p !== '/')
    .sort();
}

describe('cd_files, cd_content, cd_label', () => {
  it('makes an ISO with the files and the label, and removes it at cleanup', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'tree', 'sub'), { recursive: true });
    mkdirSync(join(src, 'flat'), { recursive: true });
    writeFileSync(join(src, 'user-data'), '#cloud-config\n');
    writeFileSync(join(src, 'tree', 'sub', 'x.txt'), 'x\n');
    writeFileSync(join(src, 'flat', 'y.txt'), 'y\n');
    writeFileSync(join(src, 'a.cfg'), 'a\n');
    writeFileSync(join(src, 'b.cfg'), 'b\n');
    symlinkSync(join(src, 'a.cfg'), join(src, 'tree', 'link.cfg'));
    const config: CdConfig = { cd_files: ['user-data', 'tree', 'flat/', '*.cfg'], cd_content: { 'meta-data': 'instance-id: x\n', 'deep/er/z.txt': 'z' }, cd_label: 'cidata' };
    const ctx = testContext({ cwd: src, tempDir: mkdtempSync(join(dir, 'tmp-')) });
    let image = '';
    const check = {
      name: 'check',
      run: async (s: CdState) => {
        image = s.cdPath!;
        expect(listing(image)).toEqual(
          ['/a.cfg', '/b.cfg', '/deep', '/deep/er', '/deep/er/z.txt', '/meta-data', '/tree', '/tree/link.cfg', '/tree/sub', '/tree/sub/x.txt', '/user-data', '/y.txt'].sort(),
        );
        const pvd = execFileSync('xorriso', ['-indev', image, '-pvd_info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        expect(pvd).toMatch(/Volume Id\s*:\s*cidata/);
        // A symbolic link is copied as its target's content.
        execFileSync('xorriso', ['-osirrox', 'on', '-indev', image, '-extract', '/tree/link.cfg', join(dir, 'link-out')], { stdio: 'ignore' });
        expect(readFileSync(join(dir, 'link-out'), 'utf8')).toBe('a\n');
      },
    };
    await runSteps([stepCreateCd<CdState>(() => config), check], {} as CdState, ctx);
    expect(image).not.toBe('');
    expect(existsSync(image)).toBe(false);
    expect(ctx.lines).toContain('==> t: Creating CD disk...');
  });

  it('makes no image when nothing goes on a CD', async () => {
    const state: CdState = {};
    await runSteps([stepCreateCd<CdState>(() => ({}))], state, testContext());
    expect(state.cdPath).toBeUndefined();
  });

  it("checks paths as Packer's CDConfig does", () => {
    const problems = cdProblems({ cd_files: ['missing', 'm*'] }, { cwd: dir, templateDir: dir, env: {} });
    expect(problems.map((p) => p.message)).toEqual(["Bad CD disk file 'missing': stat missing: no such file or directory"]);
  });
});
