import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag/diagnostic.js';
import { pluginTable } from '../../src/plugins/table.js';
import { loadJsonTemplate, type JsonLoadOptions } from '../../src/json-template/load.js';
import { UNKNOWN_BUILD_DATA } from '../../src/json-template/plan.js';
import { Value } from '../../src/value/value.js';

const NOW = new Date(Date.UTC(2026, 10, 22, 9, 20, 30));

function write(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'json-template-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

function load(dir: string, opts: Partial<JsonLoadOptions> = {}) {
  return loadJsonTemplate('template.json', { cwd: dir, env: {}, inputs: [], mode: 'build', plugins: pluginTable(), now: () => NOW, ...opts });
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.range ? `${d.range.start.line}:${d.range.start.column} ` : ''}${d.detail}`);

// The conformance case json-basic (recorded with Packer 1.6.6).
const BASIC = {
  variables: { greeting: 'hola', count: '3' },
  builders: [{ type: 'null', communicator: 'none' }, { type: 'null', name: 'named', communicator: 'none' }],
  provisioners: [
    { type: 'shell-local', inline: ['echo {{user `greeting`}} from {{build_name}} type {{build_type}}'] },
    { type: 'shell-local', except: ['named'], inline: ['echo not on named'] },
    { type: 'shell-local', inline: ['echo default'], override: { named: { inline: ['echo overridden for named'] } } },
  ],
  'post-processors': [{ type: 'shell-local', inline: ['echo pp {{user `count`}}'] }],
};

describe('build plans from a JSON template', () => {
  it('names builds by name or type and filters, overrides and renders steps as Packer does', async () => {
    const r = await load(write({ 'template.json': BASIC }));
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.plans.map((p) => [p.name, p.builderType, p.sourceName, p.buildBlockName])).toEqual([['null', 'null', 'null', ''], ['named', 'null', 'named', '']]);
    const inline = (p: { configure: (e: Record<string, Value>) => { config: Record<string, unknown> } }) => p.configure({}).config.inline;
    const [nul, named] = r.plans;
    expect(nul!.provisioners.map(inline)).toEqual([['echo hola from null type null'], ['echo not on named'], ['echo default']]);
    expect(named!.provisioners.map(inline)).toEqual([['echo hola from named type null'], ['echo overridden for named']]);
    expect(named!.postProcessorChains.map((c) => c.map(inline))).toEqual([[['echo pp 3']]]);
    // The decoded configuration, with the builder's declared defaults.
    expect(nul!.builder({}).config).toMatchObject({ communicator: 'none', ssh_port: 22 });
  });

  it('reads post-processor strings, objects and sequences, and provisioner timing', async () => {
    const r = await load(
      write({
        'template.json': {
          builders: [{ type: 'null', communicator: 'none' }, { type: 'file', name: 'f', content: 'x', target: 'out.txt' }],
          provisioners: [{ type: 'shell-local', inline: 'echo single', pause_before: '1m30s', max_retries: '{{user `n`}}', timeout: '5s', only: ['f'] }],
          'post-processors': ['manifest', [{ type: 'artifice', files: ['a'], keep_input_artifact: true }, { type: 'shell-local', name: 'last', inline: ['echo'], except: ['f'] }]],
          variables: { n: '2' },
        },
      }),
    );
    expect(errors(r.diagnostics)).toEqual([]);
    const [nul, f] = r.plans;
    expect(nul!.provisioners).toEqual([]);
    expect(f!.provisioners.map((p) => [p.pauseBeforeMs, p.maxRetries, p.timeoutMs, p.configure({}).config.inline])).toEqual([[90_000, 2, 5000, ['echo single']]]);
    // An unnamed post-processor is named after its type, as Packer's template parser names it (`Running post-processor: manifest`).
    expect(nul!.postProcessorChains.map((c) => c.map((p) => [p.type, p.name, p.keepInputArtifact]))).toEqual([[['manifest', 'manifest', undefined]], [['artifice', 'artifice', true], ['shell-local', 'last', undefined]]]);
    expect(f!.postProcessorChains.map((c) => c.map((p) => p.type))).toEqual([['manifest'], ['artifice']]);
  });

  it('leaves data the plugin fills in later, and renders generated data when it is known', async () => {
    const r = await load(
      write({
        'template.json': {
          builders: [{ type: 'null', communicator: 'none' }],
          provisioners: [{ type: 'shell-local', inline: ['echo {{ build `ID` }} {{ build `Custom` }}'], execute_command: ['sh', '-c', '{{.Vars}} {{.Script}}'] }],
        },
      }),
    );
    expect(errors(r.diagnostics)).toEqual([]);
    const p = r.plans[0]!.provisioners[0]!;
    expect(p.configure(UNKNOWN_BUILD_DATA).config).toMatchObject({ inline: ['echo {{ build `ID` }} {{ build `Custom` }}'], execute_command: ['sh', '-c', '{{.Vars}} {{.Script}}'] });
    expect(p.configure({ ID: Value.string('i-123'), Custom: Value.string('c') }).config.inline).toEqual(['echo i-123 c']);
    expect(errors(p.configure({ ID: Value.string('i-1') }).diagnostics)[0]).toMatch(/error calling build: loaded data, but couldnt find Custom in it\./);
  });
});

describe('variables', () => {
  const tpl = {
    variables: { a: 'A', b: '{{user `a`}}-b', c: '{{user `b`}}-c', home: '{{env `HOME`}}', secret: 'hunter2', req: null, http: 'http://{{ .HTTPIP }}/{{user `a`}}' },
    'sensitive-variables': ['secret'],
    builders: [{ type: 'null', communicator: 'none' }],
  };
  it('renders defaults with env and other variables; -var-file and -var override in order', async () => {
    const dir = write({ 'template.json': tpl, 'vars.json': { a: 'fromfile', req: 'r' } });
    const r = await load(dir, { env: { HOME: '/h' }, inputs: [{ kind: 'file', path: 'vars.json' }, { kind: 'var', name: 'secret', raw: 's3' }] });
    expect(errors(r.diagnostics)).toEqual([]);
    const vars = Object.fromEntries([...r.variables].map(([k, v]) => [k, v.asString()]));
    expect(vars).toEqual({ a: 'fromfile', b: 'fromfile-b', c: 'fromfile-b-c', home: '/h', secret: 's3', req: 'r', http: 'http://{{ .HTTPIP }}/fromfile' });
    expect(r.variables.get('secret')!.hasMark('sensitive')).toBe(true);
    expect(r.variables.get('a')!.hasMark('sensitive')).toBe(false);
  });
  it('requires null variables (except in the console)', async () => {
    const dir = write({ 'template.json': tpl });
    expect(errors((await load(dir)).diagnostics)).toEqual(['8:5 required variable not set: req']);
    expect(errors((await load(dir, { mode: 'console' })).diagnostics)).toEqual([]);
  });
  it('explains a variable that uses an undefined one', async () => {
    const dir = write({ 'template.json': { variables: { a: '{{user `nope`}}' }, builders: [{ type: 'null', communicator: 'none' }] } });
    expect(errors((await load(dir)).diagnostics)[0]).toMatch(/^3:10 Failed to interpolate "a": "\{\{user `nope`\}\}"; error: .*variable not set: nope.*Packer treats all variables used to interpolate other user variables as required\.$/);
  });
  it('allows env only in variables', async () => {
    const dir = write({ 'template.json': { builders: [{ type: 'null', communicator: 'none' }], provisioners: [{ type: 'shell-local', inline: ['{{env `HOME`}}'] }] } });
    expect(errors((await load(dir)).diagnostics)).toEqual(['12:12 provisioner 1 (shell-local) "inline[0]": template: root:1:2: executing "root" at <env `HOME`>: error calling env: env vars are not allowed here']);
  });
});

describe('errors, located', () => {
  it.each([
    ['{"builders":[{"type":"null"}],\n "foo": 1, "_c": "ok"}', 'syntax', ['2:2 Unknown root level key in template: \'foo\'.']],
    ['{"variables":{},\n"variables":{}, "builders":[]}', 'syntax', ['2:1 template has duplicate field: variables']],
    ['{"builders":[{"type":"null"}], "_c": 3}', 'syntax', ['1:38 Failed to cast root level comment value in comment "_c" to string.']],
    ['{"builders":[{"type":"null"}], "provisioners": "x"}', 'syntax', ["1:48 1 error(s) decoding: 'Provisioners': source data must be an array or slice, got string"]],
    ['{"builders":[{"name":"x"}]}', 'syntax', ["1:14 builder 1: missing 'type'"]],
    ['{"builders":[{"type":"null"},{"type":"null"}]}', 'syntax', ["1:38 builder 2: builder with name 'null' already exists"]],
    ['{"builders":[{"type":"null"}], "post-processors":[[["a"]], 3]}', 'syntax', ['1:52 post-processor 1.1: sequence not allowed to be nested in a sequence', '1:60 post-processor 2: bad format']],
    ['{"builders":[{"type":"null","communicator":"none"}], "provisioners":[{"type":"shell-local","only":["nul"],"inline":["x"]}]}', 'build', ["1:99 provisioner 1: 'only' specified builder 'nul' not found. Did you mean \"null\"?"]],
    ['{"builders":[{"type":"null","communicator":"none"}], "provisioners":[{"type":"shell-local","inlin":["x"]}]}', 'build', ['1:92 unknown configuration key: \'"inlin"\' in provisioner 1 (shell-local). Did you mean "inline"?']],
    ['{"builders":[]}', 'build', ['1:1 at least one builder must be defined']],
    ['{"min_packer_version":"99.0.0","builders":[{"type":"null","communicator":"none"}]}', 'build', ['1:23 This template requires Packer version 99.0.0 or higher; using 1.12.0']],
    ['{"builders":[{"type":"null","communicator":"none"}], "provisioners":[{"type":"shell-local","inline":["{{ user `x` }"]}]}', 'build', ['1:115 provisioner 1 (shell-local) "inline[0]": template: root:1: unexpected "}" in operand']],
    ['{"builders":[{"type":"nul"}]}', 'build', ['1:22 There is no builder named "nul". Did you mean "null"?']],
  ])('%s', async (text, mode, want) => {
    const r = await load(write({ 'template.json': text }), { mode: mode as JsonLoadOptions['mode'] });
    expect(errors(r.diagnostics)).toEqual(want);
  });
});
