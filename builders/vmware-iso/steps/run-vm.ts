import { resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { recordVmwareVm } from '../../../src/journal/vmware-vm.js';
import type { Journal } from '../../../src/journal/journal.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { VmwareState } from '../state.js';

/**
 * Packer's StepRun: `vmrun start` (nogui when headless); at cleanup, a machine still running is stopped hard.
 * Packer first waits until 5 s passed since the start; tsbuild asks vmrun at once. The machine is written to the
 * run's journal before `vmrun start` and crossed out once it is known to be stopped (here, or by StepShutdown), so
 * that `tsbuild cleanup` stops a machine a killed run (or -on-error=abort) left running.
 */
export const stepRunVm: Step<VmwareState> = {
  name: 'StepRun',
  run: async (state, ctx) => {
    ctx.ui.say('Starting virtual machine...');
    if (state.config.headless) {
      if (state.vncPort !== undefined) {
        ctx.ui.message(
          `The VM will be run headless, without a GUI. If you want to\nview the screen of the VM, connect via VNC${state.vncPassword ? ' with the password in RemoteDisplay.vnc.password of the .vmx file' : ''} to\nvnc://${state.vncIp}:${state.vncPort}`,
        );
      } else {
        ctx.ui.message('The VM will be run headless, without a GUI, as configured.\nIf the run isn\'t succeeding as you expect, please enable the GUI\nto inspect the progress of the build.');
      }
    }
    state.started = true;
    const { driver } = state;
    state.vmRecord = recordVmwareVm(ctx.journal, ctx.buildName, { vmx: resolve(ctx.cwd, state.vmxPath!), vmrun: driver.vmrun ?? 'vmrun', product: driver.product });
    await driver.start(state.vmxPath!, state.config.headless ?? false, ctx.signal).catch((e: Error) => {
      throw new Error(`Error starting VM: ${e.message}`, { cause: e });
    });
  },
  cleanup: async (state, ctx) => {
    if (!state.started) return;
    state.started = false;
    try {
      if (await state.driver.isRunning(state.vmxPath!, ctx.signal)) {
        ctx.ui.say('Stopping virtual machine...');
        await state.driver.stop(state.vmxPath!, ctx.signal);
      }
      forgetVm(state, ctx.journal);
    } catch (e) {
      // The machine may run on: it stays in the journal for `tsbuild cleanup`.
      ctx.ui.error(`Error stopping VM: ${errorMessage(e)}`);
    }
  },
};

/** The machine is stopped: its journal entry is crossed out. */
export function forgetVm(state: VmwareState, journal: Journal): void {
  if (state.vmRecord) journal.forget(state.vmRecord);
  state.vmRecord = undefined;
}
