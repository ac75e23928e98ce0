// Runs every planned build, in parallel up to -parallel-builds, each with its own colored UI, and prints
// Packer's per-build and overall timing lines.

import type { Diagnostic } from '../diag/diagnostic.js';
import type { PluginTable } from '../plugins/lookup.js';
import { BUILD_COLORS } from '../ui/colors.js';
import { formatElapsed } from '../ui/duration.js';
import { coloredUi, targetedUi, timestampedUi, type Ui } from '../ui/ui.js';
import { generatedValues } from './build-env.js';
import { tempDirOf } from '../util/temp-dir.js';
import { RUN_WIDE, type Journal } from '../journal/journal.js';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runLimited } from './limit.js';
import { createLocks } from './locks.js';
import type { BuildRecorder } from './build-recorder.js';
import type { BuildTracker } from './pending-guard.js';
import { runBuild } from './run-build.js';
import { errorKind, errorMessage, internalErrorText } from '../plugin/errors.js';
import type { Artifact } from '../plugin/artifact.js';
import type { BuildPlan } from '../plugin/plan.js';
import type { RunContext } from '../plugin/context.js';
import type { Secrets } from '../ui/secrets.js';

export interface RunBuildsOptions {
  ui: Ui;
  color: boolean;
  timestamp: boolean;
  parallel: number;
  debug: boolean;
  force: boolean;
  onError: RunContext['onError'];
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  runUuid: string;
  plugins: PluginTable;
  /** What the builds' output hides; plugin configurations add the sensitive values they hold when decoded to run. */
  secrets: Secrets;
  renderDiagnostics: (d: Diagnostic[]) => string;
  retryDelayMs?: number;
  now?: () => Date;
  /** A person can answer questions (stdin is a TTY). */
  interactive: boolean;
  /** The run's resource journal. */
  journal: Journal;
  /** Told when each build starts and ends (the guard against builds that never end). */
  tracker?: BuildTracker;
  /** The image registry builds publish to, when there is one. */
  recorder?: BuildRecorder;
}

export interface BuildResults {
  /** By build name, in plan order, for builds that finished with artifacts. */
  artifacts: Map<string, Artifact[]>;
  errors: Map<string, string>;
  cancelled: boolean;
}

function buildUis(plans: readonly BuildPlan[], o: RunBuildsOptions): Ui[] {
  return plans.map((plan, i) => {
    let ui = o.ui;
    if (o.color) {
      ui = coloredUi(ui, BUILD_COLORS[i % BUILD_COLORS.length]!);
      ui.say(`${plan.name}: output will be in this color.`);
      if (i === plans.length - 1) o.ui.say('');
    }
    return o.timestamp ? timestampedUi(ui, o.now ?? (() => new Date())) : ui;
  });
}

export async function runBuilds(plans: readonly BuildPlan[], o: RunBuildsOptions): Promise<BuildResults> {
  const results: BuildResults = { artifacts: new Map(), errors: new Map(), cancelled: false };
  if (o.debug) o.ui.say('Debug mode enabled. Builds will not be parallelized.');
  const uis = buildUis(plans, o);
  const withLock = createLocks();
  const finished = new Map<string, Artifact[] | undefined>();
  const start = process.hrtime.bigint();
  // One temporary folder for the whole run, written down before it exists: whatever a plugin puts in it is gone
  // at the end, or with `tsbuild cleanup` after a kill.
  const tempDir = join(tempDirOf(o.env), `tsbuild-${o.runUuid}`);
  const tempRecord = o.journal.record('temp-dir', RUN_WIDE, `temporary folder ${tempDir}`, { path: tempDir });
  mkdirSync(tempDir, { recursive: true, mode: 0o700 });
  const tasks = plans.map((plan, i) => async () => {
    const ui = uis[i]!;
    const began = process.hrtime.bigint();
    o.tracker?.started(plan.name);
    const targeted = targetedUi(ui, plan.name, o.secrets.redact);
    const ctx: RunContext = {
      ui: targeted,
      signal: o.signal,
      env: o.env,
      cwd: o.cwd,
      buildName: plan.name,
      sourceName: plan.packerBuildName ?? plan.sourceName,
      builderType: plan.builderType,
      runUuid: o.runUuid,
      debug: o.debug,
      force: o.force,
      onError: o.onError,
      withLock,
      ask: (q) => targeted.ask(q),
      interactive: o.interactive,
      now: o.now ?? (() => new Date()),
      tempDir,
      journal: o.journal,
    };
    try {
      if (o.recorder && !(await o.recorder.started(plan.name))) return;
      const artifacts = await runBuild(plan, {
        ctx,
        plugins: o.plugins,
        renderDiagnostics: o.renderDiagnostics,
        keepSecrets: (texts) => o.secrets.add(texts),
        retryDelayMs: o.retryDelayMs ?? 2000,
        extraValues: (data) => generatedValues(o.runUuid, data),
      });
      await o.recorder?.finished(plan.name, artifacts ?? []);
      ui.say(`Build '${plan.name}' finished after ${formatElapsed(process.hrtime.bigint() - began)}.`);
      finished.set(plan.name, artifacts);
    } catch (e) {
      const elapsed = formatElapsed(process.hrtime.bigint() - began);
      // Packer 1.6.6 reports a cancelled build as finished (without artifacts).
      const kind = errorKind(e);
      await o.recorder?.failed(plan.name, kind === 'cancelled');
      if (kind === 'cancelled' && o.signal.aborted) ui.say(`Build '${plan.name}' finished after ${elapsed}.`);
      else if (kind === 'internal') {
        // Our bug, not the user's: say so, with the stack, once; the summary repeats only the message.
        ui.error(`Build '${plan.name}' errored after ${elapsed}: ${internalErrorText(e)}`);
        results.errors.set(plan.name, `internal error, please report: ${errorMessage(e)}`);
      } else {
        const msg = errorMessage(e);
        ui.error(`Build '${plan.name}' errored after ${elapsed}: ${msg}`);
        results.errors.set(plan.name, msg);
      }
    } finally {
      o.tracker?.ended(plan.name);
    }
  });
  try {
    await runLimited(tasks, o.debug ? 1 : o.parallel, () => !o.signal.aborted);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
    o.journal.forget(tempRecord);
  }
  o.ui.say(`\n==> Wait completed after ${formatElapsed(process.hrtime.bigint() - start)}`);
  for (const plan of plans) {
    const a = finished.get(plan.name);
    if (a) results.artifacts.set(plan.name, a);
  }
  results.cancelled = o.signal.aborted;
  return results;
}
