// Packer's configuration warnings of the ISO builders (iso_checksum "none"; vmware-iso without a shutdown_command):
// `validate` and `build` print them and go on, with Packer 1.6.6's words, in JSON and HCL2 templates.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { squash } from '../../support/validate-compare.js';

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-iso-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHECKSUM = "A checksum of 'none' was specified. Since ISO files are so big, a checksum is highly recommended.";
const SHUTDOWN = 'A shutdown_command was not specified. Without a shutdown command, Packer will forcibly halt the virtual machine, which may result in data loss.';

/** A template with one builder of `type` (JSON, or HCL2 when `name` ends in .pkr.hcl). */
function template(name: string, type: string, options: Record<string, string>): string {
  const all: Record<string, string> = { iso_url: '/nonexistent/installer.iso', ssh_username: 'root', ...options };
  const text = name.endsWith('.json')
    ? JSON.stringify({ builders: [{ type, ...all }] })
    : `source "${type}" "x" {\n${Object.entries(all).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}\n`).join('')}}\nbuild { sources = ["source.${type}.x"] }\n`;
  writeFileSync(join(dir, name), text);
  return name;
}

/** Packer's warnings: "Warning: <message>" (HCL2), or "Warning: Warning when preparing build: ..." then the message (JSON). */
function packerWarnings(out: string): string[] {
  return out
    .split(/^Warning: /m)
    .slice(1)
    .map((block) => {
      const paragraphs = block.split(/\n\s*\n/);
      return squash(paragraphs[0]!.startsWith('Warning when preparing build') ? paragraphs[1]! : paragraphs[0]!);
    });
}

/** tsbuild's warnings: the message paragraph after each warning's located excerpt. */
function ourWarnings(out: string): string[] {
  return out
    .split(/\n(?=Warning: |Error: |The configuration is valid|==> )/)
    .filter((block) => block.startsWith('Warning: '))
    .map((block) => squash(block.split(/\n\s*\n/).filter((p) => p.trim()).at(-1)!));
}

const packerRun = (args: string[]) => spawnSync(PACKER!, args, { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_CACHE_DIR: join(dir, 'cache') }, encoding: 'utf8', timeout: 60_000 });

const CASES: [string, string, Record<string, string>, string[]][] = [
  ['qemu.json', 'qemu', { iso_checksum: 'none' }, [CHECKSUM]],
  ['qemu.pkr.hcl', 'qemu', { iso_checksum: 'none' }, [CHECKSUM]],
  ['qemu-sum.json', 'qemu', { iso_checksum: `sha256:${'0'.repeat(64)}` }, []],
  ['vmware.json', 'vmware-iso', { iso_checksum: 'none' }, [CHECKSUM, SHUTDOWN]],
  ['vmware.pkr.hcl', 'vmware-iso', { iso_checksum: 'none' }, [CHECKSUM, SHUTDOWN]],
  ['vmware-shutdown.json', 'vmware-iso', { iso_checksum: 'none', shutdown_command: 'poweroff' }, [CHECKSUM]],
];

describe('configuration warnings of the ISO builders', () => {
  needs(packer).each(CASES)('validate %s: valid, with the warnings Packer 1.6.6 prints', async (name, type, options, expected) => {
    const file = template(name, type, options);
    const theirs = packerRun(['validate', file]);
    const ours = await runCli(['validate', file], { cwd: dir });
    expect(theirs.status).toBe(0);
    expect(packerWarnings(theirs.stdout + theirs.stderr)).toEqual(expected);
    expect(ours.code).toBe(0);
    expect(ourWarnings(ours.stdout)).toEqual(expected);
    expect(ours.stdout).toContain('The configuration is valid.');
  }, 60_000);

  needs(packer).it('build prints them before the build starts, as Packer does, and goes on', async () => {
    const file = template('build.json', 'qemu', { iso_checksum: 'none' });
    const theirs = packerRun(['build', '-color=false', file]);
    const ours = await runCli(['build', '-color=false', file], { cwd: dir, env: { PACKER_CACHE_DIR: join(dir, 'cache'), TSBUILD_STATE_DIR: join(dir, 'state') } });
    for (const out of [theirs.stdout, ours.stdout]) {
      expect(out.indexOf('Warning: ')).toBeGreaterThanOrEqual(0);
      expect(out.indexOf('Warning: ')).toBeLessThan(out.indexOf('==> qemu: Retrieving ISO'));
    }
    expect(packerWarnings(theirs.stdout.slice(0, theirs.stdout.indexOf('==> ')))).toEqual([CHECKSUM]);
    expect(ourWarnings(ours.stdout)).toEqual([CHECKSUM]);
    // The build went on to the download, which fails in both.
    expect([theirs.status, ours.code]).toEqual([1, 1]);
  }, 60_000);
});
