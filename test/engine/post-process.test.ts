import { describe, expect, it } from 'vitest';
import type { BuildEnv } from '../../src/engine/build-env.js';
import { runPostProcessors } from '../../src/engine/post-process.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import type { PostProcessorStep } from '../../src/plugin/plan.js';
import { declareConfig, opt } from '../../src/plugin/config.js';
import { testContext } from './helpers.js';

/** An artifact that records its destruction. */
function artifact(id: string, destroyed: string[]): Artifact {
  return { builderId: 'test', id, files: [], string: id, images: [], destroy: async () => void destroyed.push(id) };
}

/** A post-processor type whose output is `<type>#n` and whose opinion on keeping is fixed, like Packer's. */
function fakePlugin(type: string, keep: boolean, forceOverride: boolean, destroyed: string[], fail = false): PostProcessorPlugin {
  let n = 0;
  return {
    kind: 'post-processor',
    type,
    config: declareConfig({ x: opt.string('An option.') }),
    create: async () => ({
      postProcess: async () => {
        if (fail) throw new Error(`${type} broke`);
        return { artifact: artifact(`${type}#${++n}`, destroyed), keep, forceOverride };
      },
    }),
  };
}

function env(destroyed: string[]): BuildEnv {
  return {
    ctx: testContext(),
    plugins: {
      builders: {},
      provisioners: {},
      postProcessors: {
        artifice: fakePlugin('artifice', true, false, destroyed),
        manifest: fakePlugin('manifest', true, true, destroyed),
        'shell-local': fakePlugin('shell-local', true, true, destroyed),
        compress: fakePlugin('compress', false, false, destroyed),
        broken: fakePlugin('broken', false, false, destroyed, true),
      },
      dataSources: {},
    },
    renderDiagnostics: () => '',
    keepSecrets: () => {},
    retryDelayMs: 0,
    extraValues: () => ({}),
  };
}

const pp = (type: string, keepInputArtifact?: boolean): PostProcessorStep => ({ type, name: '', keepInputArtifact, configure: () => ({ config: {}, diagnostics: [] }) });

describe('post-processor chains (Packer CoreBuild.Run)', () => {
  it('keeps only the builder artifact without post-processors', async () => {
    const destroyed: string[] = [];
    const out = await runPostProcessors([], artifact('built', destroyed), {}, env(destroyed));
    expect(out.artifacts.map((a) => a.id)).toEqual(['built']);
  });

  it('follows keep_input_artifact and forced keeping as Packer 1.6.6 did (artifice false, manifest, shell-local false)', async () => {
    const destroyed: string[] = [];
    const out = await runPostProcessors([[pp('artifice', false), pp('manifest'), pp('shell-local', false)]], artifact('built', destroyed), {}, env(destroyed));
    expect(out.artifacts.map((a) => a.id)).toEqual(['artifice#1', 'manifest#1', 'shell-local#1']);
    expect(destroyed).toEqual(['built']);
  });

  it('destroys intermediate artifacts a post-processor does not keep', async () => {
    const destroyed: string[] = [];
    const out = await runPostProcessors([[pp('compress'), pp('compress')]], artifact('built', destroyed), {}, env(destroyed));
    expect(out.artifacts.map((a) => a.id)).toEqual(['compress#2']);
    expect(destroyed).toEqual(['compress#1', 'built']);
  });

  it('keeps the builder artifact when the first post-processor of any chain keeps it', async () => {
    const destroyed: string[] = [];
    const out = await runPostProcessors([[pp('compress')], [pp('compress', true)]], artifact('built', destroyed), {}, env(destroyed));
    expect(out.artifacts.map((a) => a.id)).toEqual(['built', 'compress#1', 'compress#2']);
    expect(destroyed).toEqual([]);
  });

  it('a failing post-processor ends its chain with an error; other chains still run', async () => {
    const destroyed: string[] = [];
    const e = env(destroyed);
    const out = await runPostProcessors([[pp('broken'), pp('manifest')], [pp('artifice')]], artifact('built', destroyed), {}, e);
    expect(out.errors.map((x) => x.message)).toEqual(['Post-processor failed: broken broke']);
    expect((out.errors[0]!.cause as Error).message).toBe('broken broke');
    expect(out.artifacts.map((a) => a.id)).toEqual(['built', 'artifice#1']);
    expect((e.ctx as ReturnType<typeof testContext>).lines).toEqual([
      '==> t: Running post-processor:  (type broken)',
      '==> t: Running post-processor:  (type artifice)',
    ]);
  });
});
