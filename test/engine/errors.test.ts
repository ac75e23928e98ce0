// Error kinds: a bug of ours inside a build (a TypeError) is reported as an internal error with its stack, distinct
// from a user's failing step; post-processor errors keep their cause.

import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuilds } from '../../src/engine/run-builds.js';
import { openJournal } from '../../src/journal/journal.js';
import { declareConfig } from '../../src/plugin/config.js';
import { CancelledError, ConfigError, errorKind, ExternalError, UsageError } from '../../src/plugin/errors.js';
import type { BuildPlan } from '../../src/plugin/plan.js';
import type { BuilderPlugin, PostProcessorPlugin } from '../../src/plugin/plugins.js';
import type { PluginTable } from '../../src/plugins/lookup.js';
import { Secrets } from '../../src/ui/secrets.js';
import { basicUi } from '../../src/ui/ui.js';

const noConfig = () => ({ config: {}, diagnostics: [] });

function builder(fail?: () => never): BuilderPlugin {
  return {
    kind: 'builder',
    type: 'fake',
    config: declareConfig({}),
    create: async () => ({
      run: async () => {
        fail?.();
        return { builderId: 'fake', id: 'x', files: [], string: 'x', images: [], destroy: async () => {} };
      },
    }),
  };
}

const brokenPostProcessor: PostProcessorPlugin = {
  kind: 'post-processor',
  type: 'broken',
  config: declareConfig({}),
  create: async () => ({
    postProcess: async (_ctx, artifact) => {
      // A bug: reading a property of undefined.
      const missing = (artifact.state as Record<string, { tags: string[] }> | undefined)!;
      return { artifact: { ...artifact, id: missing.nothing!.tags[0]! }, keep: true, forceOverride: false };
    },
  }),
};

async function run(plugin: BuilderPlugin, chains: BuildPlan['postProcessorChains'] = []) {
  const lines: string[] = [];
  const plugins: PluginTable = { builders: { fake: plugin }, provisioners: {}, postProcessors: { broken: brokenPostProcessor }, dataSources: {} };
  const plan: BuildPlan = { name: 'fake.one', builderType: 'fake', sourceName: 'one', buildBlockName: '', builder: noConfig, provisioners: [], postProcessorChains: chains };
  const results = await runBuilds([plan], {
    ui: basicUi({ write: (t) => lines.push(...t.split('\n')), readLine: async () => '', redact: (s) => s, now: () => new Date() }),
    color: false,
    timestamp: false,
    parallel: 0,
    debug: false,
    force: false,
    onError: 'cleanup',
    signal: new AbortController().signal,
    env: {},
    cwd: process.cwd(),
    runUuid: randomUUID(),
    journal: openJournal(mkdtempSync(join(tmpdir(), 'tsbuild-test-journal-')), 'u'),
    plugins,
    secrets: new Secrets(),
    renderDiagnostics: () => '',
    interactive: false,
  });
  return { out: lines.join('\n'), errors: results.errors };
}

describe('error kinds', () => {
  it('classifies what is thrown', () => {
    expect(errorKind(new TypeError('x is undefined'))).toBe('internal');
    expect(errorKind(new Error('exit status 2'))).toBe('external');
    expect(errorKind(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('external');
    expect(errorKind(new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }))).toBe('external');
    expect(errorKind(new ExternalError('Docker Engine', 'daemon is down'))).toBe('external');
    expect(errorKind(new CancelledError())).toBe('cancelled');
    expect(errorKind(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('cancelled');
    expect(errorKind(new UsageError('bad flag'))).toBe('usage');
    expect(errorKind(new ConfigError([], 'bad'))).toBe('configuration');
    expect(errorKind(new Error('Post-processor failed', { cause: new TypeError('bug') }))).toBe('internal');
    expect(errorKind(new AggregateError([new Error('a'), new RangeError('b')], 'two'))).toBe('internal');
    expect(errorKind('a string')).toBe('internal');
  });

  it('a TypeError in a builder is an internal error, with its stack', async () => {
    const { out, errors } = await run(
      builder(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      }),
    );
    expect(out).toContain("Build 'fake.one' errored after");
    expect(out).toContain("internal error, please report: TypeError: Cannot read properties of undefined (reading 'id')\n    at ");
    expect(errors.get('fake.one')).toBe("internal error, please report: Cannot read properties of undefined (reading 'id')");
  });

  it("a failing step is the user's error: its message, no stack, no 'internal error'", async () => {
    const { out, errors } = await run(
      builder(() => {
        throw new Error('Script exited with non-zero exit status: 3. Allowed exit codes are: [0]');
      }),
    );
    expect(out).toContain("Build 'fake.one' errored after");
    expect(out).not.toContain('internal error');
    expect(out).not.toContain('    at ');
    expect(errors.get('fake.one')).toBe('Script exited with non-zero exit status: 3. Allowed exit codes are: [0]');
  });

  it("a bug in a post-processor is reported as internal, through the post-processor's error as cause", async () => {
    const { out, errors } = await run(builder(), [[{ type: 'broken', name: '', configure: noConfig }]]);
    expect(out).toMatch(/internal error, please report: TypeError: Cannot read properties of undefined \(reading 'nothing'\)\n\s+at /);
    expect(errors.get('fake.one')).toContain('Post-processor failed: Cannot read properties of undefined');
  });
});
