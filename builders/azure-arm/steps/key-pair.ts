import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { generateKeyPair, publicKeyOf } from '../../../src/communicator/ssh/keypair.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { AzureArmState } from '../state.js';

/**
 * Packer's StepCreateSSHKey: the key the VM's osProfile authorizes for ssh_username. ssh_private_key_file's (its
 * public half derived), else a temporary RSA 2048 key pair (temporary_key_pair_type/bits choose another), which
 * lives only in memory.
 */
export const stepKeyPair: Step<AzureArmState> = {
  name: 'StepCreateSSHKey',
  run: async (state, ctx) => {
    const c = state.config;
    if (c.ssh_private_key_file) {
      state.privateKey = await readFile(resolve(ctx.cwd, c.ssh_private_key_file), 'utf8').catch((e: unknown) => {
        throw new Error(`Error loading configured private key file: ${errorMessage(e)}`);
      });
      state.publicKey = await publicKeyOf(state.privateKey);
      return;
    }
    ctx.ui.say('Creating a temporary SSH key for the machine...');
    const type = (c.temporary_key_pair_type || c.ssh_temporary_key_pair_type || 'rsa') as 'rsa' | 'ed25519' | 'ecdsa';
    const pair = await generateKeyPair(type, c.temporary_key_pair_bits ?? c.ssh_temporary_key_pair_bits ?? (type === 'rsa' ? 2048 : undefined), 'packer Azure Deployment');
    state.privateKey = pair.privateKey;
    state.publicKey = pair.publicKey;
  },
};
