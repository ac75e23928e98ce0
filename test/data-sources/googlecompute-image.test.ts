// data "googlecompute-image" through the CLI, with the real @google-cloud/compute clients talking to the Compute
// Engine emulator on loopback (custom_endpoints). Packer 1.6.6 has no data sources: the behaviour follows the
// googlecompute plugin's documentation.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDir } from '../cli/commands/build-fixtures.js';
import { runCli } from '../support/cli.js';
import { startGceEmulator, type GceEmulator } from '../support/gce-emulator/index.js';

let emu: GceEmulator;
let account: string;
beforeAll(async () => {
  emu = await startGceEmulator();
  for (const [name, day] of [['debian-12-bookworm-v20240101', '2024-01-01'], ['debian-12-bookworm-v20240301', '2024-03-01'], ['debian-12-bookworm-v20240201', '2024-02-01']]) {
    emu.seedImage({ name: name!, project: 'debian-cloud', family: 'debian-12', creationTimestamp: `${day}T00:00:00Z` });
  }
  emu.seedImage({ name: 'debian-11-bullseye-v20240101', project: 'debian-cloud', family: 'debian-11' });
  const dir = templateDir('');
  account = join(dir, 'account.json');
  writeFileSync(account, emu.credentialsJson);
});
afterAll(() => emu.close());

function template(data: string): string {
  return `
data "googlecompute-image" "x" {
  project_id       = "debian-cloud"
  account_file     = "${account}"
  custom_endpoints = { compute = "${emu.endpoint}/compute/v1/" }
${data}
}
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo 'name=\${data.googlecompute-image.x.name} family=\${data.googlecompute-image.x.family} created=\${data.googlecompute-image.x.creation_date}'"] }
}
`;
}

const build = (main: string) => runCli(['build', '-color=false', '.'], { cwd: templateDir(main), env: { GOOGLE_APPLICATION_CREDENTIALS: '' } });

describe('data "googlecompute-image" against the Compute Engine emulator', () => {
  it('finds the newest image of a family with most_recent', async () => {
    const r = await build(template('  filters = "family=debian-12"\n  most_recent = true'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('name=debian-12-bookworm-v20240301 family=debian-12 created=2024-03-01T00:00:00Z');
  });

  it('finds one image by a regular expression on its name', async () => {
    const r = await build(template('  filters = "name eq debian-11-.* AND family = \\"debian-11\\""'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('name=debian-11-bullseye-v20240101 family=debian-11');
  });

  it('fails, naming them, when several images match without most_recent, and when none does', async () => {
    const several = await build(template('  filters = "family=debian-12"'));
    expect(several.code).toBe(1);
    expect(several.stdout + several.stderr).toContain('3 images found in project debian-cloud with filters "family=debian-12"');
    expect(several.stdout + several.stderr).toContain('set most_recent = true');
    const none = await build(template('  filters = "family=debian-13"'));
    expect(none.code).toBe(1);
    expect(none.stdout + none.stderr).toContain('No image found in project debian-cloud with filters "family=debian-13"');
  });
});
