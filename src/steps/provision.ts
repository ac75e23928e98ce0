import type { Step } from '../engine/steps.js';
import { errorMessage } from '../plugin/errors.js';
import type { Communicator } from '../plugin/communicator.js';
import type { GeneratedData, ProvisionHook } from '../plugin/plugins.js';

/**
 * Packer's StepProvision: runs the provisioners; when the build failed or was cancelled, its cleanup runs the
 * error-cleanup provisioner (with a signal of its own, since the build's may be cancelled).
 */
export function stepProvision<S>(hook: ProvisionHook, comm: (s: S) => Communicator | undefined, data: (s: S) => GeneratedData): Step<S> {
  return {
    name: 'StepProvision',
    run: (state) => hook(comm(state), data(state)),
    cleanup: async (state, ctx) => {
      if (!ctx.outcome.halted && !ctx.outcome.cancelled) return;
      ctx.ui.say('Provisioning step had errors: Running the cleanup provisioner, if present...');
      if (!hook.cleanup) return;
      try {
        await hook.cleanup(comm(state), data(state), ctx.signal);
      } catch (e) {
        ctx.ui.error(`Cleanup failed: ${errorMessage(e)}. Original Provisioning error: ${errorMessage(ctx.outcome.error)}`);
      }
    },
  };
}
