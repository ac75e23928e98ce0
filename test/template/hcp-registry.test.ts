import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginTable } from '../../src/plugins/table.js';
import { loadTemplate, type LoadOptions } from '../../src/template/load.js';

// Current Packer (1.12.1 and later) reads hcp_packer_registry at the top level and deprecates it inside a build;
// Packer 1.6.6 knows neither, so these follow Packer's documentation and hcl2template's messages.

async function load(text: string, opts: Partial<LoadOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-hcp-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  const r = await loadTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable(), ...opts });
  return r.diagnostics.map((d) => [d.severity, d.summary, d.range?.start.line]);
}

const SOURCE = 'source "null" "a" { communicator = "none" }\n';
const BUILD = 'build { sources = ["source.null.a"] }\n';
const NOTHING = 'Nothing will be published to an image registry';
const DEPRECATED = 'Build block level hcp_packer_registry are deprecated';
const MULTIPLE = 'Multiple HCP Packer registry block declaration';

describe('hcp_packer_registry', () => {
  it('is read at the top level, -syntax-only included, checked, then warns that nothing is published', async () => {
    const text = `variable "team" { default = "x" }
${SOURCE}hcp_packer_registry {
  bucket_name   = "app-images"
  description   = "The app's images"
  bucket_labels = { team = var.team }
  build_labels  = { os = "linux" }
}
${BUILD}`;
    expect(await load(text, { mode: 'syntax' })).toEqual([]);
    expect(await load(text)).toEqual([['warning', NOTHING, 3]]);
  });

  it('inside a build is checked the same way, and deprecated', async () => {
    const text = `${SOURCE}build {
  sources = ["source.null.a"]
  hcp_packer_registry {
    bucket_name   = "app"
    bucket_labels = { team = "x" }
  }
}
`;
    expect(await load(text)).toEqual([
      ['warning', NOTHING, 4],
      ['warning', DEPRECATED, 4],
    ]);
  });

  it.each([
    ['top level', (body: string) => `${SOURCE}hcp_packer_registry {\n${body}\n}\n${BUILD}`],
    ['build', (body: string) => `${SOURCE}build {\nsources = ["source.null.a"]\nhcp_packer_registry {\n${body}\n}\n}\n`],
  ])('checks the arguments and their values the same way (%s)', async (_where, template) => {
    const summaries = async (body: string) => (await load(template(body))).filter(([s]) => s === 'error').map(([, summary]) => summary);
    expect(await summaries('bucket_lables = {}')).toEqual(['Unsupported argument']);
    expect(await summaries('bucket_labels = "x"')).toEqual(['Incorrect attribute value type']);
    expect(await summaries('description = var.nope')).toEqual(['Unsupported attribute']);
    expect(await summaries('bucket_name = "a_b"')).toEqual(['Invalid hcp_packer_registry']);
    expect(await summaries(`description = "${'d'.repeat(256)}"`)).toEqual(['Invalid hcp_packer_registry']);
    expect(await summaries(`bucket_name = "ab-1"\ndescription = "${'d'.repeat(255)}"`)).toEqual([]);
  });

  it('is allowed once: a second top-level block, or one at both levels, is an error at the extra block', async () => {
    const one = 'hcp_packer_registry { bucket_name = "one" }\n';
    expect(await load(`${SOURCE}${one}${one}${BUILD}`)).toEqual([
      ['warning', NOTHING, 2],
      ['error', 'Only one hcp_packer_registry is allowed', 3],
    ]);
    const both = await load(`${SOURCE}${one}build {\n  sources = ["source.null.a"]\n  ${one}}\n`);
    expect(both).toContainEqual(['error', MULTIPLE, 5]);
    const twoBuilds = await load(`${SOURCE}build {\n  sources = ["source.null.a"]\n  ${one}}\nbuild {\n  name = "b"\n  sources = ["source.null.a"]\n  ${one}}\n`);
    expect(twoBuilds.filter(([s]) => s === 'error')).toEqual([['error', MULTIPLE, 9]]);
    const twoInOne = await load(`${SOURCE}build {\n  sources = ["source.null.a"]\n  ${one}  ${one}}\n`);
    expect(twoInOne.filter(([s]) => s === 'error')).toEqual([['error', 'Only one hcp_packer_registry is allowed', 5]]);
  });
});
