import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginTable } from '../../src/plugins/table.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { Value } from '../../src/value/value.js';

async function plan(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-plan-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  return planTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
}

describe('build plans', () => {
  it('exposes the generated data a builder declares as build.<Name>, and only that', async () => {
    const docker = await plan(`
source "docker" "b" {
  image  = "busybox"
  commit = true
}
build {
  sources = ["source.docker.b"]
  post-processor "shell-local" { inline = ["echo \${build.ImageSha256} \${build.SourceImageSha256}"] }
}`);
    expect(docker.diagnostics).toEqual([]);
    const pp = docker.plans[0]!.postProcessorChains[0]![0]!;
    expect(pp.configure({ ImageSha256: Value.string('sha256:abc'), SourceImageSha256: Value.string('sha256:def') }).config).toMatchObject({ inline: ['echo sha256:abc sha256:def'] });

    const nul = await plan(`
source "null" "n" { communicator = "none" }
build {
  sources = ["source.null.n"]
  provisioner "shell-local" { inline = ["echo \${build.ImageSha256}"] }
}`);
    expect(nul.diagnostics.map((d) => [d.summary, d.detail])).toEqual([['Unsupported attribute', 'This object does not have an attribute named "ImageSha256".']]);
  });

  it('names builds as Packer does and keeps the declared source name for PACKER_BUILD_NAME', async () => {
    const r = await plan(`
source "null" "base" { communicator = "none" }
build {
  name = "b1"
  source "source.null.base" { name = "renamed" }
  sources = ["source.null.base"]
}`);
    expect(r.diagnostics).toEqual([]);
    expect(r.plans.map((p) => [p.name, p.packerBuildName])).toEqual([['b1.null.base', 'base'], ['b1.null.renamed', 'base']]);
  });
});
