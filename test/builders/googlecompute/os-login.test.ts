// googlecompute with use_os_login against the emulator's Compute and OS Login: the temporary key goes into the
// service account's login profile (never into ssh-keys), SSH logs in as the profile's POSIX account, and the key
// is deleted at the end: after a failure too, and by `tsbuild cleanup` after kill -9.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { osLoginUsername } from '../../../builders/googlecompute/steps/import-os-login-key.js';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import type { HclValue } from '../../support/ebs-harness.js';
import { buildGce, ensureLocalUser, gceEndpoints, gceEnv, gceHarnessForFile, gceTemplate, journalFiles, strayResources, type GceHarness } from '../../support/gce-harness.js';

const h = gceHarnessForFile();

const account = (x: GceHarness) => `packer@${x.emulator.project}.iam.gserviceaccount.com`;

/** A template with use_os_login whose provisioner says who it runs as; the POSIX account exists on the sshd's machine. */
function osLoginTemplate(x: GceHarness, options: Record<string, HclValue | undefined> = {}, provisioner = 'echo provisioned-as-$(id -un)'): string {
  ensureLocalUser(x.emulator.osLogin.posixUsername(account(x)));
  return gceTemplate(x, {
    options: { use_os_login: true, custom_endpoints: gceEndpoints(x), temporary_key_pair_type: 'ed25519', ...options },
    build: `  provisioner "shell" { inline = ["${provisioner}"] }`,
  });
}

const methods = (x: GceHarness) => x.emulator.calls.map((c) => `${c.method} ${c.status}`);

describe('googlecompute with use_os_login', () => {
  it('imports the key into the login profile, logs in as its POSIX account, sets enable-oslogin and no ssh-keys, and deletes the key at the end', async () => {
    const posix = h.emulator.osLogin.posixUsername(account(h));
    const r = await buildGce(h, osLoginTemplate(h));
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('Importing SSH public key for OSLogin...');
    expect(r.stdout).toContain('Obtaining SSH Username for OSLogin...');
    // ssh_username = "root" in the template: the profile's username wins, as in Packer.
    expect(r.stdout).toContain(`provisioned-as-${posix}`);
    expect(r.stdout).toContain('Deleting SSH public key for OSLogin...');
    expect(r.stdout).toContain('SSH public key for OSLogin has been deleted!');
    const calls = methods(h);
    expect(calls).toContain('oslogin.importSshPublicKey 200');
    expect(calls).toContain('oslogin.deleteSshPublicKey 200');
    expect(calls.indexOf('oslogin.importSshPublicKey 200')).toBeLessThan(calls.indexOf('instances.insert 200'));
    const imported = h.emulator.calls.find((c) => c.method === 'oslogin.importSshPublicKey');
    expect(decodeURIComponent(imported!.path)).toBe(`/v1/users/${account(h)}:importSshPublicKey`);
    const instance = h.emulator.made().find((m) => m.kind === 'compute#instance');
    if (instance?.kind !== 'compute#instance') throw new Error('no instance was made');
    expect(instance.metadata.items).toContainEqual({ key: 'enable-oslogin', value: 'TRUE' });
    expect(instance.metadata.items.map((i) => i.key)).not.toContain('ssh-keys');
    expect(h.emulator.osLogin.keys(account(h))).toEqual([]);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it.each([
    ['the instance insert, after the import', 'instances.insert', 'Error creating instance: Required permission denied'],
    ['the import itself', 'oslogin.importSshPublicKey', 'Error importing SSH public key for OSLogin: Required permission denied (PERMISSION_DENIED, HTTP 403)'],
  ])('a refusal of %s: says why, deletes the key if it was imported, and leaves nothing', async (_what, action, message) => {
    h.emulator.faults.add({ action, error: 'forbidden' });
    const r = await buildGce(h, osLoginTemplate(h));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(message);
    if (action === 'instances.insert') expect(r.stdout).toContain('SSH public key for OSLogin has been deleted!');
    expect(h.emulator.osLogin.keys(account(h))).toEqual([]);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('names what is missing when the credentials name no service account', async () => {
    const r = await buildGce(h, osLoginTemplate(h, { access_token: 'ya29.given', account_file: undefined, skip_create_image: true }));
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain('All options for deriving the OSLogin user have been exhausted');
    expect(strayResources(h)).toEqual([]);
  });

  it('kill -9 after the import: tsbuild cleanup deletes the key with the instance and the disk', async () => {
    const dir = h.newDir();
    writeFileSync(join(dir, 'build.pkr.hcl'), osLoginTemplate(h, {}, 'sleep 2'));
    const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker: 'Provisioning with shell', signal: 'SIGKILL', env: gceEnv(dir) });
    expect(killed.sent, killed.out).toBe(true);
    expect(h.emulator.osLogin.keys(account(h)), killed.out).toHaveLength(1);
    const cleanup = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir) });
    const said = `${killed.out}\n--- cleanup:\n${cleanup.stdout}${cleanup.stderr}`;
    expect(cleanup.code, said).toBe(0);
    expect(cleanup.stdout, said).toMatch(/Removed OS Login key [0-9a-f]{12} of packer@/);
    expect(h.emulator.osLogin.keys(account(h)), said).toEqual([]);
    expect(strayResources(h), said).toEqual([]);
    expect(journalFiles(dir), said).toEqual([]);
  });

  it('metadata enable-oslogin = "true" turns OS Login on as use_os_login does; Ctrl-C during provisioning deletes the key', async () => {
    const dir = h.newDir();
    const template = osLoginTemplate(h, { use_os_login: undefined, metadata: { 'enable-oslogin': 'true' } }, 'sleep 2');
    writeFileSync(join(dir, 'build.pkr.hcl'), template);
    const r = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker: 'Provisioning with shell', signal: 'SIGINT', env: gceEnv(dir) });
    expect(r.sent, r.out).toBe(true);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('Importing SSH public key for OSLogin...');
    expect(r.out).toContain('SSH public key for OSLogin has been deleted!');
    const instance = h.emulator.made().filter((m) => m.kind === 'compute#instance').at(-1);
    if (instance?.kind !== 'compute#instance') throw new Error('no instance was made');
    expect(instance.metadata.items).toContainEqual({ key: 'enable-oslogin', value: 'TRUE' });
    expect(h.emulator.osLogin.keys(account(h))).toEqual([]);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(dir)).toEqual([]);
  });

  it('oslogin_ssh_username: the profile name, ext_-prefixed, or a given name, at most 32 characters', () => {
    expect(osLoginUsername('sa_123', undefined)).toBe('sa_123');
    expect(osLoginUsername('sa_123', '__auto__')).toBe('sa_123');
    expect(osLoginUsername('user_example_com', '__external__')).toBe('ext_user_example_com');
    expect(osLoginUsername('sa_123', '__external__')).toBe('sa_123');
    expect(osLoginUsername('sa_123', 'builder')).toBe('builder');
    expect(osLoginUsername('x'.repeat(40), '')).toHaveLength(32);
  });
});
