// The qemu builder's floppy (floppy_files, floppy_content) and cd_files CD on the real QEMU: while the VM runs, its
// own block devices (QMP query-block on the template's qmp_socket_path) show the floppy on floppy0 and the CD on a
// second CD-ROM drive after the ISO, and the images hold the files (read back with mtools and xorriso). The guest
// is not booted to the end: the test quits QEMU once it has looked, and the build stops there.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connectQmp } from '../../../builders/qemu/qmp.js';
import { runCli } from '../../support/cli.js';
import { needs } from '../../support/needs.js';
import { qemuIso } from '../../support/qemu.js';
import { waitFor } from '../../support/wait.js';
import { qemuProject } from './project.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface BlockDevice {
  device: string;
  removable: boolean;
  inserted?: { file: string; ro: boolean };
}

needs(qemuIso).describe('qemu builder media', () => {
  it('attaches the floppy as floppy0 and the cd_files CD after the ISO, with their files; both are gone afterwards', async () => {
    const p = qemuProject();
    dirs.push(p.dir);
    writeFileSync(join(p.dir, 'answers.cfg'), 'answer=42\n');
    mkdirSync(join(p.dir, 'seed'));
    writeFileSync(join(p.dir, 'seed', 'user-data'), '#cloud-config\n');
    p.template({
      boot_command: '',
      disable_vnc: 'true',
      boot_wait: '"-1s"',
      ssh_timeout: '"5m"',
      qmp_enable: 'true',
      qmp_socket_path: '"qmp.sock"',
      floppy_files: '["answers.cfg"]',
      floppy_content: '{ "notes/readme.txt" = "on the floppy" }',
      floppy_label: '"ANSWERS"',
      cd_files: '["seed/"]',
      cd_content: '{ "meta-data" = "instance-id: tiny" }',
      cd_label: '"cidata"',
    });
    const env = { TSBUILD_STATE_DIR: join(p.dir, 'state'), PACKER_CACHE_DIR: join(p.dir, 'cache') };
    const build = runCli(['build', '-color=false', '.'], { cwd: p.dir, env });
    const socket = join(p.dir, 'qmp.sock');
    const qmp = await waitFor(() => (existsSync(socket) ? connectQmp(socket).catch(() => undefined) : undefined), { what: "QEMU's QMP socket", timeoutMs: 60_000 });
    let blocks: BlockDevice[];
    try {
      blocks = (await qmp.execute('query-block')) as BlockDevice[];
      const floppy = blocks.find((b) => b.device === 'floppy0')?.inserted?.file;
      const cds = blocks.filter((b) => b.inserted && b.device.startsWith('ide')).map((b) => b.inserted!.file);
      expect(floppy).toMatch(/floppy-[^/]+\/packer\.vfd$/);
      expect(cds).toEqual([p.iso, expect.stringMatching(/cd-[^/]+\/packer\.iso$/)]);
      // The images as the guest sees them.
      const mtools = { ...process.env, MTOOLS_SKIP_CHECK: '1' };
      expect(execFileSync('mtype', ['-i', floppy!, '::/answers.cfg'], { env: mtools, encoding: 'utf8' })).toBe('answer=42\n');
      expect(execFileSync('mtype', ['-i', floppy!, '::/notes/readme.txt'], { env: mtools, encoding: 'utf8' })).toBe('on the floppy');
      expect(execFileSync('mlabel', ['-s', '-i', floppy!, '::'], { env: mtools, encoding: 'utf8' })).toContain('ANSWERS');
      const listing = execFileSync('xorriso', ['-indev', cds[1]!, '-pvd_info', '-find', '/', '-type', 'f'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(listing).toContain("'/user-data'");
      expect(listing).toContain("'/meta-data'");
      expect(listing).toMatch(/Volume Id\s*:\s*cidata/);
      await qmp.execute('quit').catch(() => undefined);
    } finally {
      qmp.close();
    }
    const r = await build;
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain('Creating floppy disk...');
    expect(out).toContain('Creating CD disk...');
    // The run's temporary media are removed with the build.
    for (const b of blocks.filter((x) => x.inserted && /\/(floppy|cd)-[^/]+\//.test(x.inserted.file))) expect(existsSync(b.inserted!.file)).toBe(false);
  }, 120_000);
});
