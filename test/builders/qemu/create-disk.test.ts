// The disks the qemu builder makes, with the real qemu-img: new disks of disk_size and disk_additional_size, a
// disk_image copied and resized, or used as a backing file; then compaction with compression.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { qemuConfig } from '../../../builders/qemu/config.js';
import { hostQemuDriver } from '../../../builders/qemu/driver.js';
import { settingsOf } from '../../../builders/qemu/settings.js';
import type { QemuState } from '../../../builders/qemu/state.js';
import { stepConvertDisk } from '../../../builders/qemu/steps/convert-disk.js';
import { stepCreateDisk } from '../../../builders/qemu/steps/create-disk.js';
import { decodePlainConfig } from '../../../src/plugin/plain-config.js';
import { testContext } from '../../engine/helpers.js';
import { needs } from '../../support/needs.js';
import { qemuIso } from '../../support/qemu.js';

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-qemu-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Info = { format: string; 'virtual-size': number; 'backing-filename'?: string; 'backing-filename-format'?: string };
const info = (path: string) => JSON.parse(execFileSync('qemu-img', ['info', '--output=json', path], { encoding: 'utf8' })) as Info;
const MiB = 1024 * 1024;

async function makeDisks(name: string, options: Record<string, unknown>, isoPath?: string): Promise<QemuState> {
  const cwd = join(dir, name);
  mkdirSync(cwd);
  const r = decodePlainConfig(qemuConfig, { iso_url: 'x.iso', iso_checksum: 'none', communicator: 'none', ...options }, { cwd, templateDir: cwd, env: {} });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const settings = settingsOf(r.config, 'd', cwd);
  mkdirSync(settings.outputDir);
  const state: QemuState = { config: r.config, settings, driver: hostQemuDriver, diskPaths: [], data: {}, isoPath };
  const ctx = testContext({ cwd });
  await stepCreateDisk.run(state, ctx);
  await stepConvertDisk.run(state, ctx);
  return state;
}

needs(qemuIso).describe('qemu disks', () => {
  it('creates the disk and the additional ones, with a bare size read as megabytes', async () => {
    const s = await makeDisks('new', { disk_size: '32', disk_additional_size: ['16M', '1G'] });
    expect(s.diskPaths.map((p) => p.slice(s.settings.outputDir.length + 1))).toEqual(['packer-d', 'packer-d-1', 'packer-d-2']);
    expect(s.diskPaths.map((p) => info(p)['virtual-size'])).toEqual([32 * MiB, 16 * MiB, 1024 * MiB]);
    expect(info(s.diskPaths[0]!).format).toBe('qcow2');
  });

  it('copies a disk image and resizes it; compresses it when asked', async () => {
    const image = join(dir, 'image.raw');
    execFileSync('qemu-img', ['create', '-f', 'raw', image, '8M']);
    const s = await makeDisks('copy', { disk_image: true, disk_size: '24M', disk_compression: true }, image);
    expect(info(s.settings.diskPath)).toMatchObject({ format: 'qcow2', 'virtual-size': 24 * MiB });
    expect(existsSync(`${s.settings.diskPath}.convert`)).toBe(false);
  });

  it('uses a qcow2 image as the backing file of a disk of disk_size with use_backing_file', async () => {
    const image = join(dir, 'base.qcow2');
    execFileSync('qemu-img', ['create', '-f', 'qcow2', image, '8M']);
    const s = await makeDisks('backing', { disk_image: true, use_backing_file: true, skip_resize_disk: true, disk_size: '16M' }, image);
    expect(info(s.settings.diskPath)).toMatchObject({ format: 'qcow2', 'backing-filename': image, 'backing-filename-format': 'qcow2', 'virtual-size': 16 * MiB });
  });
});
