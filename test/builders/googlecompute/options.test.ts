// googlecompute options that reach beyond one API call: a startup script the build waits for (the guest reports
// through the instance's metadata), and impersonate_service_account (tokens of another account through IAM
// Credentials' generateAccessToken).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../../support/cli.js';
import { buildGce, gceEnv, gceHarnessForFile, gceTemplate, strayResources, ZONE } from '../../support/gce-harness.js';
import { waitFor } from '../../support/wait.js';

const h = gceHarnessForFile();
const FAST = { temporary_key_pair_type: 'ed25519' };

describe('googlecompute options', () => {
  it('startup_script_file: the script goes in wrapped, and the build waits until the guest reports it done', async () => {
    const dir = h.newDir();
    writeFileSync(join(dir, 'startup.sh'), '#!/bin/sh\necho configured > /etc/motd\n');
    writeFileSync(join(dir, 'build.pkr.hcl'), gceTemplate(h, { options: { ...FAST, startup_script_file: 'startup.sh' }, build: '  provisioner "shell" { inline = ["echo after-startup"] }' }));
    const run = startCli(['build', '-color=false', 'build.pkr.hcl'], { cwd: dir, env: gceEnv(dir) });
    await waitFor(() => run.output().includes('Waiting for any running startup script to finish...'), { what: 'the startup script wait', timeoutMs: 60_000 });
    const instance = h.emulator.instances().find((i) => i.metadata.items.some((m) => m.key === 'startup-script-status'))!;
    const meta = Object.fromEntries(instance.metadata.items.map((m) => [m.key, m.value]));
    expect(meta['packer-wrapped-startup-script']).toBe('#!/bin/sh\necho configured > /etc/motd\n');
    expect(meta['startup-script']).toContain('startup-script-status=$status');
    expect(meta['startup-script-status']).toBe('notdone');
    expect(run.output()).not.toContain('after-startup');
    h.emulator.setGuestMetadata(ZONE, instance.name, 'startup-script-status', 'done');
    const r = await run.exited;
    expect(r.code, run.output()).toBe(0);
    expect(r.stdout).toMatch(/Startup script, if any, has finished running\.\n[\s\S]*after-startup/);
    expect(strayResources(h)).toEqual([]);
  });

  it('impersonate_service_account: calls are made with the impersonated account\'s tokens; refused without the role', async () => {
    const project = h.emulator.project;
    const deployer = `deployer@other-project.iam.gserviceaccount.com`;
    const dir = h.newDir();
    writeFileSync(join(dir, 'deployer.json'), h.emulator.addAccount(deployer, 'other-project'));
    const template = gceTemplate(h, { options: { ...FAST, account_file: join(dir, 'deployer.json'), impersonate_service_account: `packer@${project}.iam.gserviceaccount.com`, custom_endpoints: { compute: `${h.emulator.endpoint}/compute/v1/`, iamcredentials: h.emulator.endpoint } } });
    const refused = await buildGce(h, template);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain(`Error getting an access token for packer@${project}.iam.gserviceaccount.com: impersonating packer@${project}.iam.gserviceaccount.com: Permission 'iam.serviceAccounts.getAccessToken' denied`);
    h.emulator.allowImpersonation(deployer, `packer@${project}.iam.gserviceaccount.com`);
    const r = await buildGce(h, template);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('A disk image was created:');
    expect(strayResources(h)).toEqual([]);
  });
});
