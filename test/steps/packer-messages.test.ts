// The shared ISO-builder checks against Packer 1.6.6 itself: each case is a qemu template that `packer validate`
// rejects for one reason; tsbuild's check of the same options gives the same message.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect } from 'vitest';
import { bootCommandConfigProblems, type BootCommandConfig } from '../../src/steps/boot-command/config.js';
import { httpProblems } from '../../src/steps/http-server.js';
import { isoProblems, type IsoConfig } from '../../src/steps/iso/config.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-packer-iso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The one error Packer 1.6.6 reports for a qemu builder with `options` (its wrapped lines joined). */
async function packerError(options: Record<string, unknown>): Promise<string> {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ builders: [{ type: 'qemu', ssh_username: 'a', iso_url: 'x.iso', iso_checksum: 'none', ...options }] }));
  const out = await run('timeout', ['30', PACKER!, 'validate', file], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
  );
  const errors = out.split(/\n\* /).slice(1).map((s) => s.split('\n\n')[0]!.replace(/\n/g, ' ').trim());
  expect(errors, out).toHaveLength(1);
  return errors[0]!;
}

const iso = (c: Partial<IsoConfig>) => isoProblems({ iso_target_extension: 'iso', ...c }).map((p) => p.message);
const boot = (c: BootCommandConfig) => bootCommandConfigProblems(c).map((p) => p.message);

needs(packer).describe('ISO builder checks, compared with Packer 1.6.6', () => {
  needs(packer).each([
    [{ boot_command: ['<wait-1s>'] }],
    [{ boot_command: ['<wai', 't1m-2s>'] }],
    [{ boot_command: ['<wait-250ms><enter>'] }],
    [{ boot_wait: 'soon' }],
    [{ boot_key_interval: '5x' }],
    [{ disable_vnc: true, boot_command: ['a'] }],
  ] as [BootCommandConfig][])('boot command options %j', async (options) => {
    expect(boot(options)).toEqual([await packerError(options)]);
  }, 60_000);

  needs(packer).each([
    ['sha256:zz', { iso_url: 'x.iso', iso_checksum: 'sha256:zz' }],
    ['abcd', { iso_url: 'x.iso', iso_checksum: 'abcd' }],
    ['foo:abcd', { iso_url: 'x.iso', iso_checksum: 'foo:abcd' }],
    ['no checksum', { iso_url: 'x.iso' }],
    ['no URL', { iso_checksum: 'none' }],
    ['both URL options', { iso_url: 'x.iso', iso_urls: ['y.iso'], iso_checksum: 'none' }],
  ] as [string, Partial<IsoConfig>][])('ISO options: %s', async (_name, options) => {
    expect(iso(options)).toEqual([await packerError({ iso_url: undefined, iso_checksum: undefined, ...options })]);
  }, 60_000);

  needs(packer).it('http_port_min above http_port_max', async () => {
    const message = await packerError({ http_port_min: 9, http_port_max: 8 });
    expect(httpProblems({ http_port_min: 9, http_port_max: 8, http_bind_address: '0.0.0.0' }).map((p) => p.message)).toEqual([message]);
  }, 60_000);
});
