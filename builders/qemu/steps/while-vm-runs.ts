import type { Step } from '../../../src/engine/steps.js';
import type { QemuState } from '../state.js';

/**
 * Runs `step` (typing the boot command, waiting for SSH) only while the VM runs: when QEMU exits on its own (a
 * crash, a guest that powered off), the step is stopped and the build fails at once with QEMU's stderr, instead of
 * waiting out ssh_timeout as Packer does.
 */
export function whileVmRuns(step: Step<QemuState>): Step<QemuState> {
  return {
    ...step,
    run: async (state, ctx) => {
      const vm = state.vm!;
      const stopped = new AbortController();
      void vm.exited.then(() => stopped.abort());
      try {
        await step.run(state, { ...ctx, signal: AbortSignal.any([ctx.signal, stopped.signal]) });
      } catch (e) {
        if (vm.running() || ctx.signal.aborted) throw e;
        const stderr = vm.stderr().trim();
        throw new Error(`QEMU exited while the build was at ${step.name}${stderr ? `:\n${stderr}` : ' (nothing on stderr)'}`, { cause: e });
      }
    },
  };
}
