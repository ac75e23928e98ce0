import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { keyFingerprint, osLoginUser } from '../../../src/providers/gcp/oslogin.js';
import { parseDuration } from '../../../src/template/duration.js';
import { osLoginSetting } from '../metadata.js';
import type { GceState } from '../state.js';

const POSIX_NAME_MAX = 32;

/** oslogin_ssh_username applied to the profile's POSIX username, as Packer does. */
export function osLoginUsername(profile: string, setting: string | undefined): string {
  let name = profile;
  if (setting === '__external__') name = name.startsWith('sa_') || name.startsWith('ext_') ? name : `ext_${name}`;
  else if (setting && setting !== '__auto__') name = setting;
  return name.slice(0, POSIX_NAME_MAX);
}

/**
 * Packer's StepImportOSLoginSSHKey: with use_os_login, the temporary public key goes into the OS Login profile of
 * the credentials' service account (or impersonate_service_account), and SSH logs in as the profile's primary
 * POSIX account. The key is written to the journal before the import; cleanup deletes it, whatever the outcome.
 */
export const stepImportOsLoginKey: Step<GceState> = {
  name: 'StepImportOSLoginSSHKey',
  run: async (state, ctx) => {
    const c = state.config;
    if (osLoginSetting(c) !== true || c.communicator === 'none') return;
    if (c.ssh_private_key_file) {
      ctx.ui.say("Private key file specified, won't import SSH key for OSLogin");
      return;
    }
    if (!state.publicKey) {
      ctx.ui.say('No public SSH key found; skipping SSH public key import for OSLogin...');
      return;
    }
    const user = osLoginUser(c, ctx.cwd, ctx.env);
    if (!user) {
      throw new Error(
        'All options for deriving the OSLogin user have been exhausted: use_os_login imports the key into the profile of a service account, ' +
          'named by impersonate_service_account or by the client_email of the service account key the credentials are (account_file, credentials_json, GOOGLE_APPLICATION_CREDENTIALS)',
      );
    }
    ctx.ui.say('Importing SSH public key for OSLogin...');
    const key = state.publicKey;
    const fingerprint = keyFingerprint(key);
    const record = ctx.journal.record('gce-oslogin-key', ctx.buildName, `OS Login key ${fingerprint.slice(0, 12)} of ${user}`, { ...state.access, user, fingerprint });
    state.osLogin = { user, fingerprint, record };
    const after = c.oslogin_ssh_key_expire_after ? parseDuration(c.oslogin_ssh_key_expire_after)! : 0;
    const profile = await state.driver.importOsLoginKey(user, key, after > 0 ? (Date.now() + after) * 1000 : undefined, ctx.signal);
    // The profile files the key under its own fingerprint: keep that one if it differs.
    const filed = Object.entries(profile.sshPublicKeys).find(([, k]) => k.key?.trim() === key.trim());
    const actual = filed ? (filed[1].fingerprint ?? filed[0]) : fingerprint;
    if (actual !== fingerprint) {
      ctx.journal.update(record, { fingerprint: actual });
      state.osLogin = { ...state.osLogin, fingerprint: actual };
    }
    if (profile.posixAccounts.length === 0) throw new Error('Error importing SSH public key for OSLogin: no PosixAccounts available');
    ctx.ui.say('Obtaining SSH Username for OSLogin...');
    const primary = profile.posixAccounts.find((a) => a.primary) ?? profile.posixAccounts[0]!;
    state.sshUsername = osLoginUsername(primary.username, c.oslogin_ssh_username);
  },
  cleanup: async (state, ctx) => {
    const imported = state.osLogin;
    if (!imported) return;
    ctx.ui.say('Deleting SSH public key for OSLogin...');
    try {
      await state.driver.deleteOsLoginKey(imported.user, imported.fingerprint, ctx.signal);
      ctx.journal.forget(imported.record);
      state.osLogin = undefined;
      ctx.ui.message('SSH public key for OSLogin has been deleted!');
    } catch (e) {
      ctx.ui.error(`Error deleting SSH public key for OSLogin. Please delete it manually.\n\nError: ${errorMessage(e)}\nThe journal keeps it for tsbuild cleanup.`);
    }
  },
};
