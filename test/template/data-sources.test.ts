import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag/diagnostic.js';
import { pluginTable } from '../../src/plugins/table.js';
import { loadTemplate, type LoadOptions } from '../../src/template/load.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { formatValue } from '../../src/value/format.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';

function dirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-data-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  return dir;
}

function load(text: string, opts: Partial<LoadOptions> = {}) {
  const dir = dirWith(text);
  return loadTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'build', plugins: pluginTable(), executeDataSources: true, ...opts });
}

const errors = (r: { diagnostics: Diagnostic[] }) => r.diagnostics.filter((d) => d.severity === 'error');
const local = (r: Awaited<ReturnType<typeof load>>, name: string) => formatValue(r.locals.get(name)!);

const BUILDS = `
source "null" "a" { communicator = "none" }
source "null" "b" { communicator = "none" }
build {
  name    = "first"
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo \${local.for_a}"] }
}
build {
  sources = ["source.null.b"]
  post-processor "shell-local" { inline = ["echo \${data.null.for_b.output}"] }
}
`;

describe('data sources and locals in one dependency graph', () => {
  it('lets a data source use a local and a local use a data source, in any order in the files', async () => {
    const r = await load(`
locals { greeting = upper(data.null.inner.output) }
data "null" "outer" { input = "\${local.greeting}!" }
data "null" "inner" { input = local.name }
locals { name = "world" }
`);
    expect(errors(r)).toEqual([]);
    expect(r.executedDataSources).toEqual(['null.inner', 'null.outer']);
    expect(formatValue(r.scope!.lookup('data')!.get('null')!.get('outer')!)).toBe('{\n  "output" = "WORLD!"\n}');
    expect(local(r, 'greeting')).toBe('WORLD');
  });

  it('reports a cycle through locals and data sources with its chain, from each member', async () => {
    const r = await load('data "null" "a" { input = local.x }\nlocals { x = data.null.a.output }\n');
    expect(errors(r).map((d) => [d.summary, d.detail])).toEqual([
      ['Circular reference between locals and data sources', 'data.null.a depends on itself: data.null.a -> local.x -> data.null.a.'],
      ['Circular reference between locals and data sources', 'local.x depends on itself: local.x -> data.null.a -> local.x.'],
    ]);
    expect(r.executedDataSources).toEqual([]);
  });

  it('without executing (validate), checks every data block and gives unknown values of the output type', async () => {
    const r = await load(
      `
data "null" "ok" { input = "x" }
data "null" "typo" { inptu = "x" }
data "nul" "t" { input = "x" }
data "azure-keyvaultsecret" "p" { name = "x" }
locals {
  known   = data.null.ok.output
  missing = data.null.ok.nope
}
`,
      { mode: 'validate', executeDataSources: false },
    );
    expect(r.executedDataSources).toEqual([]);
    expect(errors(r).map((d) => `${d.summary}: ${d.detail}`)).toEqual([
      'Missing required argument: The argument "input" is required in data "null" "typo", but no definition was found.',
      'Unsupported argument: An argument named "inptu" is not expected here. Did you mean "input"?',
      'Unknown data source type "nul": There is no data source named "nul". Did you mean "null"?',
      'The data source "azure-keyvaultsecret" is not available: tsbuild does not implement the data source "azure-keyvaultsecret" (available: amazon-ami, amazon-parameterstore, amazon-secretsmanager, googlecompute-image, hcp-packer-artifact, hcp-packer-version, http, null).',
      'Unsupported attribute: This object does not have an attribute named "nope".',
    ]);
    expect(r.locals.get('known')!.known).toBe(false);
    const typo = r.diagnostics.find((d) => d.summary === 'Unsupported argument')!;
    expect([typo.range!.start.line, typo.range!.start.column]).toEqual([3, 22]);
  });
});

describe('a data source that fails', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
  });
  afterAll(() => server.close());

  it('is reported once, at its block, and what uses it is unknown without more errors', async () => {
    const r = await load(`
data "http" "gone" { url = "${server.base}/gone" }
locals { body = data.http.gone.body }
data "null" "after" { input = local.body }
`);
    expect(errors(r).map((d) => [d.summary, d.detail, d.range?.start.line])).toEqual([
      ['Data source "http.gone" failed', `HTTP request error: GET ${server.base}/gone answered 404 Not Found; a 2xx status is required`, 2],
    ]);
    expect(r.locals.get('body')!.known).toBe(false);
    expect(r.executedDataSources).toEqual([]);
  });
});

describe('-only and -except: only the data sources the chosen builds use run', () => {
  const template = `${BUILDS}
data "null" "for_a" { input = "a" }
data "null" "for_b" { input = "b" }
data "null" "unused" { input = "u" }
locals { for_a = data.null.for_a.output }
`;

  it('runs every data source when no build is left out (as Packer)', async () => {
    const r = await load(template);
    expect(r.executedDataSources.sort()).toEqual(['null.for_a', 'null.for_b', 'null.unused']);
  });

  it('runs what the chosen builds use, through locals; the others stay unknown', async () => {
    const onlyA = await load(template, { selection: { only: ['first.null.a'], except: [] } });
    expect(errors(onlyA)).toEqual([]);
    expect(onlyA.executedDataSources).toEqual(['null.for_a']);
    expect(local(onlyA, 'for_a')).toBe('a');
    const exceptA = await load(template, { selection: { only: [], except: ['first.*'] } });
    expect(exceptA.executedDataSources).toEqual(['null.for_b']);
  });

  it('runs what names the builds, whichever is chosen', async () => {
    const r = await load(
      `
data "null" "name" { input = "named" }
data "null" "other" { input = "o" }
source "null" "a" { communicator = "none" }
build {
  name    = data.null.name.output
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo \${data.null.other.output}"] }
}
`,
      { selection: { only: ['nothing.matches'], except: [] } },
    );
    expect(r.executedDataSources).toEqual(['null.name']);
  });

  it('leaves out a post-processor -except removes by name', async () => {
    const r = await load(
      `
data "null" "pp" { input = "p" }
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  post-processor "shell-local" {
    name   = "notify"
    inline = ["echo \${data.null.pp.output}"]
  }
}
`,
      { selection: { only: [], except: ['notify'] } },
    );
    expect(r.executedDataSources).toEqual([]);
  });
});

describe('unknown values never reach a running plugin', () => {
  it('the check before running accepts them; the configuration to run with reports each, located', async () => {
    const dir = dirWith(`${BUILDS}
data "null" "for_b" { input = "b" }
locals { for_a = "a" }
`);
    // As validate plans: data sources not executed.
    const planned = await planTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
    expect(errors(planned)).toEqual([]);
    const pp = planned.plans.find((p) => p.name === 'null.b')!.postProcessorChains[0]![0]!;
    expect(errors(pp.configure({}))).toEqual([]);
    const run = pp.configure({}, { requireKnown: true });
    expect(run.diagnostics.map((d) => [d.summary, d.range?.start.line, d.range?.start.column])).toEqual([['Value not known', 11, 43]]);
    expect(run.diagnostics[0]!.detail).toBe(
      'The value of "inline" in post-processor "shell-local" is not known, so it cannot run: it depends on a data source that was not executed or on a value that could not be evaluated.',
    );
  });
});
