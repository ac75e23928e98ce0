// Packer's StepConnect for SSH, for any builder: waits for SSH, keeps the communicator in the builder's
// state, and closes it at cleanup. Also the `build.*` values an SSH connection makes known.

import { readFile } from 'node:fs/promises';
import type { Step } from '../engine/steps.js';
import type { GeneratedData } from '../plugin/plugins.js';
import { Value } from '../value/value.js';
import { SshCommunicator } from '../communicator/ssh/communicator.js';
import type { SshSettings } from '../communicator/ssh/config.js';
import { publicKeyOf } from '../communicator/ssh/keypair.js';

export interface SshState {
  comm?: SshCommunicator;
}

/** Connects with the settings `settingsOf` gives (a builder may learn the host in an earlier step). */
export function stepConnectSsh<S extends SshState>(settingsOf: (state: S) => SshSettings): Step<S> {
  return {
    name: 'StepConnect',
    run: async (state, ctx) => {
      const settings = settingsOf(state);
      ctx.ui.say(`Using ssh communicator to connect: ${settings.host}`);
      state.comm = await SshCommunicator.connect(settings, { ui: ctx.ui, signal: ctx.signal, env: ctx.env });
    },
    cleanup: async (state) => {
      state.comm?.close();
      state.comm = undefined;
    },
  };
}

/** build.Host, Port, User, Password, ConnType, SSHPrivateKey and SSHPublicKey for the settings. */
export async function sshGeneratedData(s: SshSettings): Promise<GeneratedData> {
  const privateKey = s.privateKey ?? (s.privateKeyFile ? await readFile(s.privateKeyFile, 'utf8').catch(() => '') : '');
  const publicKey = privateKey ? await publicKeyOf(privateKey).catch(() => '') : '';
  return {
    Host: Value.string(s.host),
    Port: Value.number(s.port),
    User: Value.string(s.username),
    Password: Value.string(s.password ?? ''),
    ConnType: Value.string('ssh'),
    SSHPrivateKey: Value.string(privateKey),
    SSHPublicKey: Value.string(publicKey),
  };
}
