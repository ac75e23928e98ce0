import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/engine/cancel.js';
import { runSteps, type Step } from '../../src/engine/steps.js';
import { testContext } from './helpers.js';

function recorder() {
  const log: string[] = [];
  const step = (name: string, fail?: 'run' | 'cleanup', during?: () => void): Step<object> => ({
    name,
    run: async () => {
      log.push(`run ${name}`);
      during?.();
      if (fail === 'run') throw new Error(`${name} failed`);
    },
    cleanup: async (_s, ctx) => {
      log.push(`cleanup ${name}${ctx.outcome.halted ? ' halted' : ''}${ctx.outcome.cancelled ? ' cancelled' : ''}`);
      if (fail === 'cleanup') throw new Error(`cleanup of ${name} failed`);
    },
  });
  return { log, step };
}

describe('runSteps', () => {
  it('runs steps in order and cleans up in reverse', async () => {
    const { log, step } = recorder();
    await runSteps([step('a'), step('b'), step('c')], {}, testContext());
    expect(log).toEqual(['run a', 'run b', 'run c', 'cleanup c', 'cleanup b', 'cleanup a']);
  });

  it('stops at a failing step, cleans up every started step and rethrows the error', async () => {
    const { log, step } = recorder();
    await expect(runSteps([step('a'), step('b', 'run'), step('c')], {}, testContext())).rejects.toThrow('b failed');
    expect(log).toEqual(['run a', 'run b', 'cleanup b halted', 'cleanup a halted']);
  });

  it('reports a cleanup error without hiding the original error', async () => {
    const { log, step } = recorder();
    const ctx = testContext();
    await expect(runSteps([step('a', 'cleanup'), step('b', 'run')], {}, ctx)).rejects.toThrow('b failed');
    expect(log).toContain('cleanup a halted');
    expect(ctx.lines).toContain("==> t: Error cleaning up step 'a': cleanup of a failed");
  });

  it('stops on cancel, cleans up and throws CancelledError', async () => {
    const { log, step } = recorder();
    const ac = new AbortController();
    await expect(runSteps([step('a', undefined, () => ac.abort()), step('b')], {}, testContext({ signal: ac.signal }))).rejects.toBeInstanceOf(CancelledError);
    expect(log).toEqual(['run a', 'cleanup a cancelled']);
  });

  it('-on-error=abort skips cleanups with Packer messages', async () => {
    const { log, step } = recorder();
    const ctx = testContext({ onError: 'abort' });
    await expect(runSteps([step('a'), step('b', 'run')], {}, ctx)).rejects.toThrow('b failed');
    expect(log).toEqual(['run a', 'run b']);
    expect(ctx.lines).toEqual(['==> t: b failed', '==> t: Step "b" failed, aborting...', '==> t: aborted: skipping cleanup of step "a"']);
  });

  it('-on-error=run-cleanup-provisioner still cleans up StepProvision only', async () => {
    const { log, step } = recorder();
    const ctx = testContext({ onError: 'run-cleanup-provisioner' });
    await expect(runSteps([step('a'), step('StepProvision', 'run')], {}, ctx)).rejects.toThrow();
    expect(log).toEqual(['run a', 'run StepProvision', 'cleanup StepProvision halted']);
  });

  it('-on-error=ask retries a step on `r`, then cleans up on `c`', async () => {
    const { log, step } = recorder();
    const ctx = testContext({ onError: 'ask' }, ['r', 'c']);
    await expect(runSteps([step('a', 'run')], {}, ctx)).rejects.toThrow('a failed');
    expect(log).toEqual(['run a', 'run a', 'cleanup a halted']);
    expect(ctx.lines.filter((l) => l.includes('Step "a" failed'))).toHaveLength(2);
  });

  it('-debug pauses after each step and before each cleanup', async () => {
    const { step } = recorder();
    const ctx = testContext({ debug: true });
    await runSteps([step('a'), step('b')], {}, ctx);
    const pauses = ctx.lines.join('\n').match(/Pausing [^.]*\./g);
    expect(pauses).toEqual([
      "Pausing after run of step 'a'.",
      "Pausing after run of step 'b'.",
      "Pausing before cleanup of step 'b'.",
      "Pausing before cleanup of step 'a'.",
    ]);
  });
});
