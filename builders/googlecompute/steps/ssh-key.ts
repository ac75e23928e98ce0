import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateKeyPair, publicKeyOf } from '../../../src/communicator/ssh/keypair.js';
import type { KeyPairType } from '../../../src/communicator/ssh/config.js';
import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { GceState } from '../state.js';

/**
 * Packer's StepSSHKeyGen for googlecompute: ssh_private_key_file is used as it is (the image, or the `ssh-keys` of
 * the template's metadata, must trust it); otherwise a temporary key pair (rsa unless temporary_key_pair_type
 * says) whose public key the create step puts in the instance's `ssh-keys` metadata.
 */
export const stepSshKey: Step<GceState> = {
  name: 'StepSSHKeyGen',
  run: async (state, ctx) => {
    const c = state.config;
    if (c.communicator === 'none') return;
    if (c.ssh_private_key_file) {
      ctx.ui.say('Using existing SSH private key');
      state.privateKey = await readFile(resolve(ctx.cwd, c.ssh_private_key_file), 'utf8').catch((e: unknown) => {
        throw new Error(`Error loading configured private key file: ${errorMessage(e)}`);
      });
      return;
    }
    if (c.ssh_agent_auth || c.ssh_password) return;
    const type = (c.temporary_key_pair_type || c.ssh_temporary_key_pair_type || 'rsa') as KeyPairType;
    ctx.ui.say(`Creating temporary ${type.toUpperCase()} SSH key for instance...`);
    const pair = await generateKeyPair(type, c.temporary_key_pair_bits ?? c.ssh_temporary_key_pair_bits, `packer-${c.ssh_username ?? ''}`);
    state.privateKey = pair.privateKey;
    state.publicKey = (await publicKeyOf(pair.privateKey)).trim();
  },
};
