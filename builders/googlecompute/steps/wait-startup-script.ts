import { sleep } from '../../../src/engine/cancel.js';
import type { Step } from '../../../src/engine/steps.js';
import { SCRIPT_STATUS, STATUS_DONE, STATUS_ERROR } from '../metadata.js';
import type { GceState } from '../state.js';

/** Packer's StepWaitStartupScript: waits until the wrapped startup script records that it ended (state_timeout bounds it). */
export const stepWaitStartupScript: Step<GceState> = {
  name: 'StepWaitStartupScript',
  run: async (state, ctx) => {
    ctx.ui.say('Waiting for any running startup script to finish...');
    const until = Date.now() + state.stateTimeoutMs;
    for (;;) {
      const info = await state.driver.getInstance(state.zone, state.instanceName, ctx.signal);
      const status = info?.metadata[SCRIPT_STATUS];
      if (status === STATUS_ERROR) throw new Error('Startup script failed.');
      if (status === STATUS_DONE) break;
      if (Date.now() > until) throw new Error(`Error waiting for startup script to finish: still "${status ?? ''}" after ${Math.round(state.stateTimeoutMs / 1000)}s`);
      await sleep(1000, ctx.signal);
    }
    ctx.ui.message('Startup script, if any, has finished running.');
  },
};
