// A value that is not known (here: a data source `validate` did not run) never reaches a plugin: decoding the
// configuration to run with fails, located, and the plugin is never created.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nullBuilder } from '../../builders/null/index.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { ConfigError } from '../../src/plugin/errors.js';
import { runBuild } from '../../src/engine/run-build.js';
import type { BuilderPlugin, ProvisionerPlugin } from '../../src/plugin/plugins.js';
import type { PluginTable } from '../../src/plugins/lookup.js';
import { pluginTable } from '../../src/plugins/table.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { testContext } from './helpers.js';

function tracked(created: string[]): PluginTable {
  const real = pluginTable();
  const builder: BuilderPlugin = { ...nullBuilder, create: (c) => (created.push('builder'), nullBuilder.create(c as Parameters<typeof nullBuilder.create>[0])) };
  const shell = real.provisioners['shell-local']!;
  const provisioner: ProvisionerPlugin = { ...shell, create: (c) => (created.push('provisioner'), shell.create(c)) };
  return { ...real, builders: { null: builder }, provisioners: { 'shell-local': provisioner } };
}

async function planWithUnknownData(body: string, plugins: PluginTable) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-unknown-'));
  writeFileSync(join(dir, 't.pkr.hcl'), `data "null" "d" { input = "x" }\n${body}`);
  const planned = await planTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins });
  expect(planned.diagnostics).toEqual([]);
  return planned;
}

async function runExpectingConfigError(body: string) {
  const created: string[] = [];
  const plugins = tracked(created);
  const planned = await planWithUnknownData(body, plugins);
  const env = { ctx: testContext(), plugins, renderDiagnostics: (d: Parameters<typeof renderDiagnostics>[0]) => renderDiagnostics(d, planned.sources), keepSecrets: () => {}, retryDelayMs: 0, extraValues: () => ({}) };
  const error = await runBuild(planned.plans[0]!, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return { error: error as ConfigError, created };
}

describe('configureNow: the configuration a plugin runs with', () => {
  it('rejects an unknown value in a source before the builder is created', async () => {
    const { error, created } = await runExpectingConfigError(
      'source "null" "a" { communicator = data.null.d.output }\nbuild { sources = ["source.null.a"] }\n',
    );
    expect(created).toEqual([]);
    expect(error.diagnostics.map((d) => [d.summary, d.range?.start.line, d.range?.start.column])).toEqual([['Value not known', 2, 36]]);
    expect(error.message).toContain('The value of "communicator" in source "null" "a" is not known, so it cannot run');
    expect(error.message).toMatch(/on \S*t\.pkr\.hcl line 2, column 36:/);
  });

  it('rejects an unknown value in a provisioner before it is created; the builder ran', async () => {
    const { error, created } = await runExpectingConfigError(`source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" {
    inline = ["echo \${data.null.d.output}"]
  }
}
`);
    expect(created).toEqual(['builder']);
    expect(error.diagnostics.map((d) => [d.summary, d.range?.start.line])).toEqual([['Value not known', 6]]);
  });
});
