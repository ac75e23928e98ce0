import { readdir } from 'node:fs/promises';
import { sleep } from '../../../src/engine/cancel.js';
import type { Step } from '../../../src/engine/steps.js';
import { parseDuration } from '../../../src/template/duration.js';
import type { VmwareState } from '../state.js';
import { forgetVm } from './run-vm.js';

/** Lock files VMware still holds in `dir` (a lone .vmx.lck does not count, as in Packer). */
async function locks(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  const found = names.filter((n) => /\.lck$/i.test(n));
  return found.length === 1 && found[0]!.endsWith('.vmx.lck') ? [] : found;
}

/**
 * Packer's StepShutdown: shutdown_command over the communicator, then the machine is watched (every 150 ms) until
 * VMware says it stopped, up to shutdown_timeout; without a command, `vmrun stop hard`. Then VMware's lock files
 * are waited for (up to 2 minutes). Packer also sleeps 5 s more; tsbuild does not.
 */
export const stepShutdown: Step<VmwareState> = {
  name: 'StepShutdown',
  run: async (state, ctx) => {
    const c = state.config;
    const vmx = state.vmxPath!;
    if (c.shutdown_command && state.comm) {
      ctx.ui.say('Gracefully halting virtual machine...');
      let failed: unknown;
      // The command's connection usually drops as the machine goes down: its end is not waited for.
      void state.comm.run(c.shutdown_command, { signal: ctx.signal }).catch((e: unknown) => (failed = e));
      const deadline = Date.now() + (parseDuration(c.shutdown_timeout) ?? 300_000);
      while (await state.driver.isRunning(vmx, ctx.signal).catch(() => true)) {
        if (Date.now() >= deadline) {
          throw new Error(`Timeout while waiting for machine to shut down.${failed ? ` (the shutdown command: ${(failed as Error).message})` : ''}`);
        }
        await sleep(150, ctx.signal);
      }
    } else {
      ctx.ui.say('Forcibly halting virtual machine...');
      await state.driver.stop(vmx, ctx.signal).catch((e: Error) => {
        throw new Error(`Error stopping VM: ${e.message}`, { cause: e });
      });
    }
    forgetVm(state, ctx.journal);
    ctx.ui.message('Waiting for VMware to clean up after itself...');
    const deadline = Date.now() + 120_000;
    while ((await locks(state.outputDir)).length > 0 && Date.now() < deadline) await sleep(150, ctx.signal);
  },
};
