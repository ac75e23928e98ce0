import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../src/util/glob.js';
import { selectBuilds } from '../../src/engine/select.js';
import type { BuildPlan } from '../../src/plugin/plan.js';

describe('build name globs', () => {
  it.each([
    ['null.a', 'null.a', true],
    ['*.null.*', 'first.null.a', true],
    ['*.null.*', 'null.a', false],
    ['null.*', 'null.a.b', true],
    ['null.?', 'null.ab', false],
    ['{file,null}.a', 'file.a', true],
    ['null.[ab]', 'null.b', true],
    ['null.[!ab]', 'null.b', false],
  ])('%s matches %s: %s', (glob, name, want) => {
    expect(matchesAny([glob], name)).toBe(want);
  });
});

describe('selectBuilds', () => {
  const plan = (name: string, pps: [string, string][]): BuildPlan => ({
    name,
    builderType: 'null',
    sourceName: name,
    buildBlockName: '',
    builder: () => ({ config: {}, diagnostics: [] }),
    provisioners: [],
    postProcessorChains: [pps.map(([type, n]) => ({ type, name: n, configure: () => ({ config: {}, diagnostics: [] }) }))],
  });
  const plans = [plan('null.a', [['manifest', ''], ['shell-local', 'tagged']]), plan('null.b', [['manifest', '']])];

  it('-only filters builds, not post-processors', () => {
    const out = selectBuilds(plans, ['null.a', 'manifest'], []);
    expect(out.map((p) => p.name)).toEqual(['null.a']);
    expect(out[0]!.postProcessorChains[0]!.map((p) => p.type)).toEqual(['manifest', 'shell-local']);
  });

  it('-except filters builds and post-processors by name or, unnamed, type; empty chains go', () => {
    const out = selectBuilds(plans, [], ['tagged', 'null.b']);
    expect(out.map((p) => p.name)).toEqual(['null.a']);
    expect(out[0]!.postProcessorChains[0]!.map((p) => p.type)).toEqual(['manifest']);
    expect(selectBuilds(plans, [], ['manifest'])[1]!.postProcessorChains).toEqual([]);
  });
});
