import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { hasErrors } from '../../diag/diagnostic.js';
import { renderDiagnostics } from '../../diag/render.js';
import { journalDir, openJournal } from '../../journal/journal.js';
import { pluginTable } from '../../plugins/table.js';
import { runBuilds } from '../../engine/run-builds.js';
import { selectBuilds } from '../../engine/select.js';
import { cancelOnSignals, type SignalSource } from '../../engine/signals.js';
import { guardPendingBuilds, type ExitSource, type PendingGuard } from '../../engine/pending-guard.js';
import type { RunContext } from '../../plugin/context.js';
import type { PluginTable } from '../../plugins/lookup.js';
import type { CliVarInput } from '../../template/load.js';
import { planTemplate } from '../../template/plan-template.js';
import { streamOutput } from '../../ui/output.js';
import { reportResults } from '../../ui/summary.js';
import { basicUi, machineReadableUi, type Ui } from '../../ui/ui.js';
import { openPublisher } from '../../publish/open.js';
import { parentVersions } from '../../publish/parents.js';
import type { Publisher } from '../../publish/publisher.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export const ON_ERROR_VALUES = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;

export interface BuildOptions {
  target: string;
  inputs: CliVarInput[];
  only: string[];
  except: string[];
  force: boolean;
  debug: boolean;
  onError: RunContext['onError'];
  /** 0: no limit. */
  parallelBuilds: number;
  timestampUi: boolean;
  color: boolean;
  machineReadable: boolean;
  /** `-warn-on-undeclared-var`: warn about var files that set undeclared variables (silent by default). */
  warnOnUndeclaredVar?: boolean;
  plugins?: PluginTable;
  signals?: SignalSource;
  /** Where the process's end is watched for builds that never finished (the process unless given). */
  exits?: ExitSource;
}

/**
 * `tsbuild build`: runs the data sources the chosen builds need, then the builds; exit 0 when all succeeded, 1
 * otherwise (as Packer).
 */
export async function build(opts: BuildOptions, io: CliIO): Promise<number> {
  // Until the builds' UI exists, the guard writes to stdout as the planning errors do.
  const guard = guardPendingBuilds(opts.exits ?? process, { error: (line) => io.stdout.write(`${line}\n`) });
  try {
    return await runCommand(opts, io, guard);
  } finally {
    guard.stop();
  }
}

async function runCommand(opts: BuildOptions, io: CliIO, guard: PendingGuard): Promise<number> {
  const plugins = opts.plugins ?? pluginTable();
  const controller = new AbortController();
  // Every running build, command and data source listens to this one signal.
  setMaxListeners(0, controller.signal);
  // One listener from start to end, so that no signal falls between reading the template and running builds.
  const report = { error: (msg: string) => void io.stdout.write(`${msg}\n`) };
  const stopListening = cancelOnSignals(opts.signals ?? io.signals ?? process, controller, { error: (msg) => report.error(msg) });
  try {
    return await planAndRun(opts, io, plugins, controller, report, guard);
  } finally {
    stopListening();
  }
}

/** Assigns channels to a complete version; false when the registry refused. */
async function finishPublishing(publisher: Publisher | undefined, ui: Ui): Promise<boolean> {
  try {
    await publisher?.finish();
    return true;
  } catch (e) {
    ui.error(`Publishing to the image registry failed: ${(e as Error).message}`);
    return false;
  }
}

async function planAndRun(opts: BuildOptions, io: CliIO, plugins: PluginTable, controller: AbortController, report: { error(msg: string): void }, guard: PendingGuard): Promise<number> {
  const planned = await planTemplate(opts.target, {
    cwd: io.cwd,
    env: io.env,
    inputs: opts.inputs,
    mode: 'build',
    warnOnUndeclaredVar: opts.warnOnUndeclaredVar === true,
    plugins,
    executeDataSources: true,
    selection: { only: opts.only, except: opts.except },
    signal: controller.signal,
  });
  reportDiagnostics(io.stdout, planned.diagnostics, planned, planned.redact);
  const { secrets } = planned;
  const redact = secrets.redact;
  if (hasErrors(planned.diagnostics) || controller.signal.aborted) return 1;

  const plans = selectBuilds(planned.plans, opts.only, opts.except);
  const output = streamOutput(io.stdout, io.stdin, redact);
  const ui = opts.machineReadable ? machineReadableUi(output) : basicUi(output);
  report.error = (msg) => ui.error(msg);
  guard.reportTo(ui);
  const runUuid = randomUUID();
  // The registry is reached before anything is created: a registry that is down stops the run here.
  const parents = parentVersions(planned.data, planned.executedDataSources ?? []);
  const { publisher, error } = await openPublisher(planned.registry, io.env, {
    plans,
    ui,
    runUuid,
    parents,
    templateDir: await templateFolder(resolve(io.cwd, opts.target)),
    options: { debug: opts.debug, force: opts.force, only: opts.only, except: opts.except },
  });
  if (error) {
    ui.error(error);
    return 1;
  }
  const journal = openJournal(journalDir(io.env), runUuid);
  try {
    const results = await runBuilds(plans, {
      ui,
      color: opts.color && !opts.machineReadable && !io.env.PACKER_NO_COLOR,
      timestamp: opts.timestampUi,
      parallel: opts.parallelBuilds,
      debug: opts.debug,
      force: opts.force,
      onError: opts.onError,
      signal: controller.signal,
      env: io.env,
      cwd: io.cwd,
      runUuid,
      journal,
      plugins,
      secrets,
      interactive: (io.stdin as { isTTY?: boolean }).isTTY === true,
      renderDiagnostics: (d) => renderDiagnostics(d, planned.sources, { redact }).trimEnd(),
      tracker: guard,
      ...(publisher ? { recorder: publisher } : {}),
    });
    if (results.cancelled) {
      ui.say('Cleanly cancelled builds after being interrupted.');
      return 1;
    }
    const published = await finishPublishing(publisher, ui);
    reportResults(ui, results.artifacts, results.errors);
    return results.errors.size > 0 || !published ? 1 : 0;
  } finally {
    journal.close();
    output.close();
  }
}

/** The folder of a template given as a folder or a file (its own, even when the path cannot be read). */
async function templateFolder(path: string): Promise<string> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isDir ? path : dirname(path);
}
