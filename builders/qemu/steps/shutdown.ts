// Packer's stepShutdown: runs shutdown_command over SSH and waits, up to shutdown_timeout, for QEMU to exit (the
// process's exit is the event waited for); without a command, tells QEMU to quit (QMP `quit`: QEMU flushes its
// disks; Packer kills the process).

import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { formatGoDuration } from '../../../src/ui/duration.js';
import type { QemuState } from '../state.js';

export const stepShutdown: Step<QemuState> = {
  name: 'stepShutdown',
  run: async (state, ctx) => {
    const { config: c, settings: s, vm } = state;
    if (!vm) return;
    if (c.shutdown_command && state.comm) {
      ctx.ui.say('Gracefully halting virtual machine...');
      const stopCommand = new AbortController();
      const sent = state.comm.run(c.shutdown_command, { signal: stopCommand.signal }).then(
        (r) => r,
        (e: unknown) => ({ error: e }),
      );
      try {
        if (!(await vm.waitExit(s.shutdownTimeoutMs, ctx.signal))) {
          const r = await Promise.race([sent, Promise.resolve(undefined)]);
          const detail = r && 'error' in r ? ` (the shutdown command failed: ${errorMessage(r.error)})` : r && 'exitCode' in r && r.exitCode !== 0 ? ` (the shutdown command exited with ${r.exitCode})` : '';
          throw new Error(`Timeout while waiting for machine to shut down${detail}: QEMU still runs after ${formatGoDuration(s.shutdownTimeoutMs)}.`);
        }
      } finally {
        stopCommand.abort();
      }
    } else {
      ctx.ui.say('Halting the virtual machine...');
      await vm.stop();
    }
    if (state.vmRecord) ctx.journal.forget(state.vmRecord);
    state.vmRecord = undefined;
  },
};
