// Real Packer plugins that tsbuild does not implement are reported as not available; a name no plugin has is an
// unknown type with a suggestion. The names come from real templates that were reported as unknown types.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-plugin-names-'));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(dir, n), t);
  return dir;
}

/** The summaries of the errors `tsbuild validate` prints, in order. */
async function validateErrors(file: string, text: string): Promise<{ code: number | null; errors: string[]; stdout: string }> {
  const r = await runCli(['validate', file], { cwd: dirWith({ [file]: text }) });
  const errors = r.stdout.split('\n').filter((l) => l.startsWith('Error: ')).map((l) => l.slice('Error: '.length));
  return { code: r.code, errors, stdout: r.stdout };
}

const HCL_SOURCES = `
source "oxide-instance" "o" {
  project = "p"
}
source "powervs" "p" {}
build {
  sources = ["source.oxide-instance.o", "source.powervs.p"]
  provisioner "azure-dtlartifact" {}
  provisioner "powervs" {}
  post-processor "powervs" {}
}
`;

const HCL_DATA = `
data "googlecompute-parametermanager" "p" {
  project_id = "x"
}
data "googlecompute-secretsmanager" "s" {}
data "azure-keyvaultsecret" "k" {}
data "powervs" "v" {}
`;

const JSON_TEMPLATE = JSON.stringify({
  builders: [{ type: 'oxide-instance' }, { type: 'powervs', name: 'p' }],
  provisioners: [{ type: 'azure-dtlartifact' }, { type: 'powervs' }],
  'post-processors': [{ type: 'powervs' }],
});

/** What validate says of the builds above, in either format (sorted). */
const UNAVAILABLE_IN_BUILDS = [
  'The builder "oxide-instance" is not available',
  'The builder "powervs" is not available',
  'The post-processor "powervs" is not available',
  'The provisioner "azure-dtlartifact" is not available',
  'The provisioner "powervs" is not available',
];

describe('tsbuild validate: plugins Packer has and tsbuild lacks', () => {
  it('reports the components of real plugins in an HCL2 build as not available', async () => {
    const r = await validateErrors('t.pkr.hcl', HCL_SOURCES);
    expect(r.code).toBe(1);
    expect([...r.errors].sort()).toEqual(UNAVAILABLE_IN_BUILDS);
    expect(r.stdout).not.toContain('There is no');
  });

  it('reports real data sources as not available', async () => {
    const r = await validateErrors('t.pkr.hcl', HCL_DATA);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'The data source "googlecompute-parametermanager" is not available',
      'The data source "googlecompute-secretsmanager" is not available',
      'The data source "azure-keyvaultsecret" is not available',
      'The data source "powervs" is not available',
    ]);
  });

  it('reports the components of real plugins in a legacy JSON template as not available', async () => {
    const r = await validateErrors('t.json', JSON_TEMPLATE);
    expect(r.code).toBe(1);
    expect([...r.errors].sort()).toEqual(UNAVAILABLE_IN_BUILDS);
  });
});

describe('tsbuild validate: misspelled plugin names', () => {
  it('are unknown types in HCL2, with the real name suggested', async () => {
    const data = await validateErrors('t.pkr.hcl', 'data "azure-keyvault-secret" "k" {}\n');
    expect(data.errors).toEqual(['Unknown data source type "azure-keyvault-secret"']);
    expect(data.stdout).toContain('There is no data source named "azure-keyvault-secret". Did you mean "azure-keyvaultsecret"?');

    const source = await validateErrors('t.pkr.hcl', 'source "oxide-instanse" "o" {}\n');
    expect(source.errors).toEqual(['Unknown source type oxide-instanse']);
    expect(source.stdout).toContain('There is no builder named "oxide-instanse". Did you mean "oxide-instance"?');

    const prov = await validateErrors('t.pkr.hcl', 'source "null" "n" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.n"]\n  provisioner "azure-dtlartefact" {}\n}\n');
    expect(prov.errors).toEqual(['Unknown provisioner type "azure-dtlartefact"']);
    expect(prov.stdout).toContain('There is no provisioner named "azure-dtlartefact". Did you mean "azure-dtlartifact"?');
  });

  it('are unknown types in a legacy JSON template, with the real name suggested', async () => {
    const r = await validateErrors('t.json', JSON.stringify({ builders: [{ type: 'powervss' }], 'post-processors': [{ type: 'oxide-image-promot' }] }));
    expect(r.code).toBe(1);
    expect([...r.errors].sort()).toEqual(['Unknown builder type "powervss"', 'Unknown post-processor type "oxide-image-promot"']);
    expect(r.stdout).toContain('There is no builder named "powervss". Did you mean "powervs"?');
    expect(r.stdout).toContain('There is no post-processor named "oxide-image-promot". Did you mean "oxide-image-promote"?');
  });
});

// Packer 1.6.6 bundled these; its validate then complains about their configuration, never about the type. (It has
// no plugin installed for the newer names above, so it calls those unknown: it cannot be the oracle for them.)
const BUNDLED_IN_PACKER_166: [string, string][] = [
  ['builders', 'proxmox'],
  ['builders', 'azure-dtl'],
  ['builders', 'oneandone'],
  ['provisioners', 'azure-dtlartifact'],
  ['provisioners', 'converge'],
  ['post-processors', 'exoscale-import'],
];

needs(packer).describe('names Packer 1.6.6 bundled', () => {
  it.each(BUNDLED_IN_PACKER_166)('%s: %s is a type Packer 1.6.6 knows and tsbuild reports as not available', async (section, type) => {
    const template = section === 'builders' ? { builders: [{ type }] } : { builders: [{ type: 'null', communicator: 'none' }], [section]: [{ type }] };
    const dir = dirWith({ 't.json': JSON.stringify(template) });
    const theirs = spawnSync(PACKER!, ['validate', 't.json'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 30_000 });
    expect(theirs.stdout + theirs.stderr).not.toMatch(/Unknown (builder|provisioner|post-processor)/);
    const ours = await runCli(['validate', 't.json'], { cwd: dir });
    expect(ours.stdout).toMatch(/Error: The (builder|provisioner|post-processor) "[^"]+" is not available/);
  });
});
