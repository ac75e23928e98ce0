// A plugin tsbuild lacks brings template functions and fields of its own (azure-chroot's `vm`, an ISO builder's
// `.HTTPIP` and `.HTTPPort`, a provisioner's `.Vars` and `.Path`): its configuration is left uninterpreted, so the
// only error is that the plugin is not available. Packer 1.6.6 has these plugins built in and validates them.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonTemplate } from '../../src/json-template/load.js';
import { pluginTable } from '../../src/plugins/table.js';
import { runCli } from '../support/cli.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-unavailable-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

// Packer 1.6.6 validates this one (exit 0, with no warning: a shutdown command and no communicator).
const ISO_JSON = JSON.stringify(
  {
    builders: [
      {
        type: 'hyperv-iso',
        iso_url: 'http://example.invalid/a.iso',
        iso_checksum: 'none',
        shutdown_command: 'stop',
        switch_name: 's',
        communicator: 'none',
        boot_command: ['http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg<enter>'],
      },
    ],
    provisioners: [
      { type: 'powershell', execute_command: '{{ .Vars }} {{ .Path }}', inline: ['echo'] },
      { type: 'shell-local', inline: ['echo {{ build_name }}'] },
    ],
  },
  null,
  2,
);

// Packer 1.6.6 calls `vm`, which asks the Azure metadata service (and so fails, or waits, off Azure): not compared.
const AZURE_JSON = JSON.stringify({
  builders: [{ type: 'azure-chroot', subscription_id: '{{vm `subscription_id`}}', source: 'src', image_resource_id: '/subscriptions/{{vm `subscription_id`}}/x' }],
});

const ISO_HCL = `source "hyperv-iso" "a" {
  iso_url          = "http://example.invalid/a.iso"
  iso_checksum     = "none"
  shutdown_command = "stop"
  switch_name      = "s"
  communicator     = "none"
  boot_command     = ["http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg<enter>"]
}

build {
  sources = ["source.hyperv-iso.a"]
  provisioner "powershell" {
    execute_command = "{{ .Vars }} {{ .Path }}"
    inline          = ["echo"]
  }
}
`;

const errorSummaries = (stdout: string) => [...stdout.matchAll(/^Error: (.*)$/gm)].map((m) => m[1]);

describe('the configuration of an unavailable plugin', () => {
  it('is not rendered: its own template functions are no error', async () => {
    const dir = dirWith({ 'iso.json': ISO_JSON, 'azure.json': AZURE_JSON });
    const load = (path: string) => loadJsonTemplate(path, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
    const summaries = async (path: string) => (await load(path)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary);
    expect(await summaries('iso.json')).toEqual(['The builder "hyperv-iso" is not available', 'The provisioner "powershell" is not available']);
    expect(await summaries('azure.json')).toEqual(['The builder "azure-chroot" is not available']);
  });

  it('of a JSON template gives only the not-available errors in validate', async () => {
    const dir = dirWith({ 'iso.json': ISO_JSON, 'azure.json': AZURE_JSON });
    const iso = await runCli(['validate', 'iso.json'], { cwd: dir });
    expect(iso.code).toBe(1);
    expect(errorSummaries(iso.stdout)).toEqual(['The builder "hyperv-iso" is not available', 'The provisioner "powershell" is not available']);
    const azure = await runCli(['validate', 'azure.json'], { cwd: dir });
    expect(errorSummaries(azure.stdout)).toEqual(['The builder "azure-chroot" is not available']);
  });

  it('of an HCL2 template (Go templates in plain strings) gives only the not-available errors', async () => {
    const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dirWith({ 't.pkr.hcl': ISO_HCL }) });
    expect(r.code).toBe(1);
    expect(errorSummaries(r.stdout)).toEqual(['The builder "hyperv-iso" is not available', 'The provisioner "powershell" is not available']);
  });

  needs(packer).it('is valid for Packer 1.6.6, which has these plugins and their functions', () => {
    const dir = dirWith({ 'iso.json': ISO_JSON, 't.pkr.hcl': ISO_HCL });
    const run = (path: string) => spawnSync(PACKER!, ['validate', path], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 30_000 });
    expect(run('iso.json')).toMatchObject({ status: 0 });
    expect(run('t.pkr.hcl')).toMatchObject({ status: 0 });
  });
});
