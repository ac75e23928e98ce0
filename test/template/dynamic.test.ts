import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginTable } from '../../src/plugins/table.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { loadTemplate } from '../../src/template/load.js';

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-dynamic-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  return dir;
}

const TEMPLATE = `
source "file" "base" {}
variables {
  images = {
    dummy    = { image = "dummy", layers = ["base"] }
    postgres = { image = "pg", layers = ["base", "pg"] }
  }
}
locals {
  files = { foo = { destination = "fooo" } }
}
build {
  dynamic "source" {
    for_each = var.images
    labels   = ["file.base"]
    content {
      name    = source.key
      target  = "\${source.value.image}.txt"
      content = join(",", source.value.layers)
    }
  }
  dynamic "provisioner" {
    for_each = local.files
    iterator = f
    labels   = ["shell-local"]
    content {
      inline = ["echo \${source.name}-\${f.value.destination}"]
    }
  }
}
`;

describe('dynamic blocks', () => {
  it('expands dynamic source and provisioner blocks in a build, binding the iterator', async () => {
    const dir = write(TEMPLATE);
    const loaded = await loadTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate' });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.builds[0]!.sources.map((s) => s.localName)).toEqual(['dummy', 'postgres']);
    const planned = await planTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
    expect(planned.diagnostics).toEqual([]);
    expect(planned.plans.map((p) => p.name)).toEqual(['file.dummy', 'file.postgres']);
    expect(planned.plans[1]!.builder({}).config).toMatchObject({ target: 'pg.txt', content: 'base,pg' });
    expect(planned.plans[0]!.provisioners[0]!.configure({}).config).toMatchObject({ inline: ['echo dummy-fooo'] });
  });

  it('reports a for_each that is not a collection, at its expression', async () => {
    const dir = write('source "null" "a" { communicator = "none" }\nbuild {\n  sources = ["source.null.a"]\n  dynamic "provisioner" {\n    for_each = "nope"\n    labels   = ["shell-local"]\n    content { inline = ["true"] }\n  }\n}\n');
    const loaded = await loadTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate' });
    expect(loaded.diagnostics.map((d) => [d.summary, d.range?.start.line])).toEqual([['Invalid dynamic for_each value', 5]]);
  });
});
