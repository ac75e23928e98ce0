import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { jsonTemplateDir, oursFirstError, squash, validateLikePacker } from '../../support/validate-compare.js';

/** The smallest googlecompute configuration Packer accepts (no API call is made while validating). */
const BASE: Record<string, unknown> = { type: 'googlecompute', project_id: 'my-project', zone: 'us-central1-a', source_image: 'debian-12', ssh_username: 'packer' };

/** A JSON template with one googlecompute builder: BASE with `over` (undefined removes an option). */
const templateDir = (over: Record<string, unknown>) => jsonTemplateDir('tsbuild-gce-', BASE, over);

/** One option changed from BASE per case: the rule it breaks, in Packer 1.6.6's words. */
const CASES: [string, Record<string, unknown>][] = [
  ['valid', {}],
  ['valid with a family in another project', { source_image: undefined, source_image_family: 'debian-12', source_image_project_id: 'debian-cloud' }],
  ['valid without a communicator', { communicator: 'none', ssh_username: undefined }],
  ['nothing set', { project_id: undefined, zone: undefined, source_image: undefined }],
  ['no project_id', { project_id: undefined }],
  ['no zone', { zone: undefined }],
  ['no source image', { source_image: undefined }],
  ['no ssh_username', { ssh_username: undefined }],
  ['image_name with capitals', { image_name: 'My_Image' }],
  ['image_name too long', { image_name: `a${'b'.repeat(63)}` }],
  ['image_family with capitals', { image_family: 'Fam' }],
  ['preemptible and MIGRATE', { preemptible: true, on_host_maintenance: 'MIGRATE' }],
  ['unknown on_host_maintenance', { on_host_maintenance: 'REBOOT' }],
  ['omit_external_ip without use_internal_ip', { omit_external_ip: true }],
  ['missing account_file', { account_file: '/nonexistent/account.json' }],
  ['missing startup_script_file', { startup_script_file: '/nonexistent/startup.sh' }],
  ['bad state_timeout', { state_timeout: 'soon' }],
  ['two storage locations', { image_storage_locations: ['us', 'eu'] }],
  ['an unknown option', { image_size: 10 }],
];

describe('tsbuild validate of googlecompute templates', () => {
  needs(packer).each(CASES)('%s: same exit code and first error as Packer 1.6.6', async (_name, over) => {
    const { ours, want } = await validateLikePacker(templateDir(over));
    if (want === undefined) return;
    expect(oursFirstError(ours.stdout), ours.stdout).toContain(want);
  });

  it('rejects what it cannot honour, with a reason: WinRM, Vault, custom endpoints of APIs it never calls; and a bad OS Login key lifetime', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ use_os_login: true, oslogin_ssh_key_expire_after: 'soon' }, `error decoding 'oslogin_ssh_key_expire_after': time: invalid duration "soon"`],
      [{ communicator: 'winrm' }, 'it has no WinRM communicator'],
      [{ vault_gcp_oauth_engine: 'gcp' }, '`vault_gcp_oauth_engine` is not supported by tsbuild'],
      [{ custom_endpoints: { storage: 'https://storage.example.com/' } }, 'custom_endpoints: tsbuild calls no "storage" API'],
      [{ custom_endpoints: { compute: 'ftp://x' } }, 'custom_endpoints.compute must be an http or https URL'],
      [{ credentials_json: '{', account_file: '/etc/hostname' }, 'You cannot specify more than one of account_file, credentials_file and credentials_json'],
      [{ image_labels: { Team: 'x' } }, 'key "Team" must match regex'],
      [{ image_encryption_key: { kmsKeyName: 'k', rawKey: 'r' } }, 'image_encryption_key needs exactly one of kmsKeyName and rawKey'],
    ];
    for (const [over, message] of cases) {
      const r = await runCli(['validate', 't.json'], { cwd: templateDir(over) });
      expect(r.code, JSON.stringify(over)).toBe(1);
      expect(squash(r.stdout + r.stderr)).toContain(message);
    }
  });

  it('checks HCL sources after rendering their Go templates ({{timestamp}} in image_name), and hides secrets', async () => {
    const hcl = `source "googlecompute" "x" {
  project_id       = "my-project"
  zone             = "us-central1-a"
  source_image     = "debian-12"
  ssh_username     = "packer"
  image_name       = "app-{{timestamp}}"
  credentials_json = "{\\"type\\": \\"service_account\\", \\"private_key\\": \\"SECRET-KEY\\"}"
}
build { sources = ["source.googlecompute.x"] }
`;
    const dir = templateDir({});
    writeFileSync(join(dir, 't.pkr.hcl'), hcl);
    expect(await runCli(['validate', 't.pkr.hcl'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'The configuration is valid.\n' });
    const inspect = await runCli(['inspect', 't.pkr.hcl'], { cwd: dir });
    expect(inspect.stdout + inspect.stderr).not.toContain('SECRET-KEY');
  });
});
