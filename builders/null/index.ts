import { runSteps } from '../../src/engine/steps.js';
import { stepProvision } from '../../src/engine/step-provision.js';
import type { BuilderPlugin } from '../../src/engine/types.js';
import { nullArtifact } from './artifact.js';
import { nullSchema } from './config.js';

interface NullState {
  communicator: string;
}

/** The null builder: no machine, only provisioners (locally with shell-local), for testing and debugging. */
export const nullBuilder: BuilderPlugin = {
  kind: 'builder',
  type: 'null',
  schema: nullSchema,
  create: async (config) => ({
    run: async (ctx, provision) => {
      const state: NullState = { communicator: (config.communicator as string | undefined) ?? 'ssh' };
      if (state.communicator !== 'none') throw new Error(`The ${state.communicator} communicator is not available yet: set communicator = "none"`);
      await runSteps([stepProvision<NullState>(provision, () => undefined, () => ({}))], state, ctx);
      return nullArtifact();
    },
  }),
};
