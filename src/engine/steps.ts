// Packer's multistep, the TypeScript way: a builder is a list of steps; one runner owns their order,
// cancellation (AbortSignal), -debug pauses, -on-error policies and reverse cleanup.

import type { RunContext } from '../plugin/context.js';
import { errorMessage } from '../plugin/errors.js';
import { abortableWait, CancelledError, isCancellation } from './cancel.js';

/** How the steps ended, as seen by cleanups. */
export interface StepOutcome {
  /** A step failed. */
  halted: boolean;
  /** The build was cancelled (Ctrl-C). */
  cancelled: boolean;
  error?: unknown;
}

export interface CleanupContext extends RunContext {
  outcome: StepOutcome;
}

export interface Step<S> {
  /** Packer's step name (`StepProvision`), shown by -debug and -on-error. */
  name: string;
  run(state: S, ctx: RunContext): Promise<void>;
  /** Undoes only what `run` created; runs for every step that started, even one that failed. Safe to call twice. */
  cleanup?(state: S, ctx: CleanupContext): Promise<void>;
}

/** Asks the user what to do after a failed step (`-on-error=ask`). */
async function askAfterFailure(name: string, error: unknown, ctx: RunContext): Promise<'cleanup' | 'abort' | 'retry'> {
  ctx.ui.error(errorMessage(error));
  ctx.ui.say(`Step ${JSON.stringify(name)} failed`);
  for (;;) {
    const line = await abortableWait(ctx.ask('[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)?'), ctx.signal).catch(() => 'c');
    const c = (line.toLowerCase() + 'c')[0];
    if (c === 'c') return 'cleanup';
    if (c === 'a') return 'abort';
    if (c === 'r') return 'retry';
    ctx.ui.say(`Incorrect input: ${JSON.stringify(line)}`);
  }
}


async function debugPause(where: string, name: string, ctx: RunContext): Promise<void> {
  if (!ctx.debug || ctx.signal.aborted) return;
  await abortableWait(ctx.ask(`Pausing ${where} step '${name}'. Press enter to continue.`), ctx.signal).catch(() => '');
}

/**
 * Runs steps in order until one throws or the build is cancelled, then cleans up every started step in reverse.
 * Rethrows the first error (a cancelled build throws CancelledError). A cleanup error is reported but never hides
 * the original error.
 */
export async function runSteps<S>(steps: readonly Step<S>[], state: S, ctx: RunContext): Promise<void> {
  const started: Step<S>[] = [];
  const outcome: StepOutcome = { halted: false, cancelled: false };
  let aborted = false;
  for (const step of steps) {
    if (ctx.signal.aborted) break;
    started.push(step);
    try {
      for (;;) {
        try {
          await step.run(state, ctx);
          break;
        } catch (e) {
          if (ctx.onError !== 'ask' || ctx.signal.aborted || isCancellation(e)) throw e;
          const answer = await askAfterFailure(step.name, e, ctx);
          if (answer === 'retry') continue;
          if (answer === 'abort') aborted = true;
          throw e;
        }
      }
    } catch (e) {
      outcome.error = e;
      break;
    }
    await debugPause('after run of', step.name, ctx);
  }
  outcome.cancelled = ctx.signal.aborted;
  outcome.halted = outcome.error !== undefined && !outcome.cancelled;
  const skipCleanup = aborted || ((ctx.onError === 'abort' || ctx.onError === 'run-cleanup-provisioner') && (outcome.halted || outcome.cancelled));
  const cleanupCtx: CleanupContext = { ...ctx, signal: new AbortController().signal, outcome, debug: ctx.debug && !outcome.cancelled };
  let logged = false;
  for (const step of started.reverse()) {
    if (!step.cleanup) continue;
    const keepCleanupProvisioner = ctx.onError === 'run-cleanup-provisioner' && step.name === 'StepProvision';
    if (skipCleanup && !keepCleanupProvisioner) {
      reportSkippedCleanup(step.name, outcome, logged, ctx);
      logged = true;
      continue;
    }
    await debugPause('before cleanup of', step.name, cleanupCtx);
    try {
      await step.cleanup(state, cleanupCtx);
    } catch (e) {
      ctx.ui.error(`Error cleaning up step '${step.name}': ${errorMessage(e)}`);
    }
  }
  if (outcome.error !== undefined) throw outcome.cancelled && !isCancellation(outcome.error) ? new CancelledError() : outcome.error;
  if (outcome.cancelled) throw new CancelledError();
}

/** Packer's messages when -on-error=abort (or an `a` answer) leaves resources in place. */
function reportSkippedCleanup(name: string, outcome: StepOutcome, logged: boolean, ctx: RunContext): void {
  if (logged) {
    ctx.ui.error(`aborted: skipping cleanup of step ${JSON.stringify(name)}`);
    return;
  }
  if (outcome.error !== undefined && !isCancellation(outcome.error)) ctx.ui.error(errorMessage(outcome.error));
  ctx.ui.error(outcome.cancelled ? 'Interrupted, aborting...' : `Step ${JSON.stringify(name)} failed, aborting...`);
}
