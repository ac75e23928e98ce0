import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CreateKeyPairCommand, DeleteKeyPairCommand } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { timeOrderedUuid } from '../../../src/gotemplate/index.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { ec2Call } from '../ec2-call.js';
import type { EbsState } from '../state.js';

/**
 * Packer's StepKeyPair: the key the instance is launched with. ssh_private_key_file (with ssh_keypair_name, or
 * a key the source image already trusts), the agent, or a password need none made; otherwise a temporary key pair
 * `packer_<uuid>` (rsa or ed25519) is created, written to the journal first, and deleted at cleanup.
 */
export const stepKeyPair: Step<EbsState> = {
  name: 'StepKeyPair',
  run: async (state, ctx) => {
    const c = state.config;
    if (c.ssh_private_key_file) {
      ctx.ui.say('Using existing SSH private key');
      state.privateKey = await readFile(resolve(ctx.cwd, c.ssh_private_key_file), 'utf8').catch((e: unknown) => {
        throw new Error(`Error loading configured private key file: ${errorMessage(e)}`);
      });
      state.keyName = c.ssh_keypair_name || undefined;
      return;
    }
    if (c.ssh_agent_auth) {
      if (c.ssh_keypair_name) ctx.ui.say(`Using SSH Agent for existing key pair ${c.ssh_keypair_name}`);
      else ctx.ui.say('Using SSH Agent with key pair in source AMI');
      state.keyName = c.ssh_keypair_name || undefined;
      return;
    }
    if (c.ssh_password) {
      ctx.ui.say('Not using temporary keypair');
      return;
    }
    const name = `packer_${timeOrderedUuid()}`;
    const type = c.temporary_key_pair_type || c.ssh_temporary_key_pair_type || 'rsa';
    ctx.ui.say(`Creating temporary keypair: ${name}`);
    state.keyPairRecord = ctx.journal.record('ec2-key-pair', ctx.buildName, `key pair ${name} (${state.region})`, { ...state.access(state.region), name });
    state.tempKeyName = name;
    const out = await ec2Call(ctx.signal, 'Error creating temporary keypair', (o) =>
      state.ec2.send(new CreateKeyPairCommand({ KeyName: name, KeyType: type === 'ed25519' ? 'ed25519' : 'rsa', KeyFormat: 'pem' }), o),
    );
    state.keyName = name;
    state.privateKey = out.KeyMaterial;
  },
  cleanup: async (state, ctx) => {
    const name = state.tempKeyName;
    const record = state.keyPairRecord;
    state.tempKeyName = undefined;
    state.keyPairRecord = undefined;
    if (!name) return;
    ctx.ui.say('Deleting temporary keypair...');
    try {
      await ec2Call(ctx.signal, `Error cleaning up keypair. Please delete the key manually: ${name}`, (o) => state.ec2.send(new DeleteKeyPairCommand({ KeyName: name }), o));
      if (record) ctx.journal.forget(record);
    } catch (e) {
      ctx.ui.error(errorMessage(e));
    }
  },
};
