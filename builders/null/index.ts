import { runSteps, type Step } from '../../src/engine/steps.js';
import { stepProvision } from '../../src/steps/provision.js';
import type { BuilderPlugin, GeneratedData } from '../../src/plugin/plugins.js';
import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import { nullArtifact } from './artifact.js';
import { nullConfig } from './config.js';

interface NullState {
  communicator: string;
  comm?: SshCommunicator;
  data: GeneratedData;
}

/**
 * The null builder: no machine. With `communicator = "none"` the provisioners run locally (shell-local); with
 * SSH it provisions an existing host, a common way to debug provisioners.
 */
export const nullBuilder: BuilderPlugin<typeof nullConfig> = {
  kind: 'builder',
  type: 'null',
  config: nullConfig,
  create: async (config) => ({
    run: async (ctx, provision) => {
      const state: NullState = { communicator: config.communicator, data: {} };
      const steps: Step<NullState>[] = [];
      if (state.communicator === 'ssh') {
        const { sshSettingsOf } = await import('../../src/communicator/ssh/config.js');
        const { stepConnectSsh, sshGeneratedData } = await import('../../src/steps/connect-ssh.js');
        const settings = sshSettingsOf(config);
        state.data = await sshGeneratedData(settings);
        steps.push(stepConnectSsh<NullState>(() => settings));
      }
      steps.push(stepProvision<NullState>(provision, (s) => s.comm, (s) => s.data));
      await runSteps(steps, state, ctx);
      return nullArtifact(state.data);
    },
  }),
};
