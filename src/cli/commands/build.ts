import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hasErrors } from '../../diag/diagnostic.js';
import { renderDiagnostics } from '../../diag/render.js';
import { defaultRegistry } from '../../engine/registry.js';
import { runBuilds } from '../../engine/run-builds.js';
import { selectBuilds } from '../../engine/select.js';
import { cancelOnSignals, type SignalSource } from '../../engine/signals.js';
import type { RunContext } from '../../engine/types.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { planBuilds } from '../../template/plan.js';
import { loadTemplate, type CliVarInput } from '../../template/load.js';
import { makeRedactor } from '../../template/redact.js';
import { streamOutput } from '../../ui/output.js';
import { reportResults } from '../../ui/summary.js';
import { basicUi, machineReadableUi } from '../../ui/ui.js';
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
  registry?: PluginRegistry;
  signals?: SignalSource;
}

/** `tsbuild build`: runs every build of a template; exit 0 when all succeeded, 1 otherwise (as Packer). */
export async function build(opts: BuildOptions, io: CliIO): Promise<number> {
  const loaded = await loadTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: opts.inputs, mode: 'build' });
  if (loaded.legacyJson) {
    io.stdout.write(`Error: Legacy JSON templates are not supported yet: ${opts.target}\n\nConvert it with \`packer hcl2_upgrade\`, or use an HCL2 template (*.pkr.hcl).\n`);
    return 1;
  }
  const redact = makeRedactor(loaded.variables, loaded.locals);
  const registry = opts.registry ?? defaultRegistry();
  const planned = hasErrors(loaded.diagnostics) ? { plans: [], diagnostics: [] } : planBuilds(loaded, registry, { check: true });
  const diags = [...loaded.diagnostics, ...planned.diagnostics];
  reportDiagnostics(io.stdout, diags, loaded, redact);
  if (hasErrors(diags)) return 1;

  // Plans come one per (build block, source), in order: the source's own name is PACKER_BUILD_NAME.
  const declared = loaded.builds.flatMap((b) => b.sources.map((s) => s.name));
  const named = planned.plans.map((p, i) => ({ ...p, packerBuildName: declared[i] ?? p.sourceName }));
  const plans = selectBuilds(named, opts.only, opts.except);
  const output = streamOutput(io.stdout, io.stdin, redact);
  const ui = opts.machineReadable ? machineReadableUi(output) : basicUi(output);
  const controller = new AbortController();
  // Every running build and command listens to this one signal.
  setMaxListeners(0, controller.signal);
  const stopListening = cancelOnSignals(opts.signals ?? process, controller, ui);
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
      runUuid: randomUUID(),
      registry,
      redact,
      renderDiagnostics: (d) => renderDiagnostics(d, loaded.sources, { redact }).trimEnd(),
    });
    if (results.cancelled) {
      ui.say('Cleanly cancelled builds after being interrupted.');
      return 1;
    }
    reportResults(ui, results.artifacts, results.errors);
    return results.errors.size > 0 ? 1 : 0;
  } finally {
    stopListening();
    output.close();
  }
}
