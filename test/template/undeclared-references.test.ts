import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginTable } from '../../src/plugins/table.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { SEVEN_UNDECLARED, SEVEN_UNDECLARED_AT } from '../support/undeclared-variables.js';

async function plan(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-references-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return planTemplate(dir, { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
}

/** `line:column attribute` of each "Unsupported attribute" error, in the order reported. */
function undeclared(diags: { summary: string; detail: string; range?: { start: { line: number; column: number } } }[]): string[] {
  return diags
    .filter((d) => d.summary === 'Unsupported attribute')
    .map((d) => `${d.range!.start.line}:${d.range!.start.column} ${/named "([^"]+)"/.exec(d.detail)![1]}`);
}

describe('references to undeclared names in configurations that are not decoded', () => {
  it('reports every one in the blocks of plugins tsbuild does not have, besides the plugins themselves', async () => {
    const r = await plan({ 't.pkr.hcl': SEVEN_UNDECLARED });
    expect(undeclared(r.diagnostics)).toEqual(SEVEN_UNDECLARED_AT);
    expect(r.diagnostics.filter((d) => d.summary.endsWith('is not available')).map((d) => d.range!.start.line)).toEqual([20, 24]);
  });

  it('reports them after errors in the declarations too, in source order, each once', async () => {
    const r = await plan({ 't.pkr.hcl': `${SEVEN_UNDECLARED}\nlocals {\n  name = "img-\${var.version}"\n}\n` });
    expect(undeclared(r.diagnostics)).toEqual([...SEVEN_UNDECLARED_AT, '31:21 version']);
  });

  it('reports them in the plugins tsbuild has after errors in the declarations', async () => {
    const r = await plan({
      't.pkr.hcl': `locals {
  a = var.nope
}
source "null" "n" {
  communicator = var.comm
}
build {
  source "source.null.n" {
    name = var.renamed
  }
  provisioner "shell-local" {
    inline       = [local.a, local.missing]
    pause_before = var.pause
  }
}
`,
    });
    expect(undeclared(r.diagnostics)).toEqual(['2:11 nope', '5:22 comm', '9:16 renamed', '12:36 missing', '13:24 pause']);
  });

  it('leaves alone what depends on the plugin: its build data and the contextual names', async () => {
    const r = await plan({
      't.pkr.hcl': `source "hyperv-iso" "x" {
  image_name = "\${source.name}-\${build.ImageName}"
}
build {
  sources = ["source.hyperv-iso.x"]
  provisioner "powershell" {
    inline = ["echo \${build.ImageName} \${upper(source.type)}"]
    dynamic "elevated" {
      for_each = ["a"]
      content {
        user = elevated.value
      }
    }
  }
}
`,
    });
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['The builder "hyperv-iso" is not available', 'The provisioner "powershell" is not available']);
  });

  it('checks the data sources tsbuild does not have, and bodies written in JSON', async () => {
    const r = await plan({
      't.pkr.json': JSON.stringify(
        {
          data: { 'amazon-ami': { base: { filters: { name: '${var.ami_name}' }, owners: ['${local.owner}'] } } },
          source: { 'azure-arm': { x: { client_id: '${var.client_id}', azure_tag: { name: 'a', value: '${data.amazon-ami.base.id}' } } } },
          build: { sources: ['source.azure-arm.x'] },
        },
        null,
        2,
      ),
    });
    expect(undeclared(r.diagnostics).map((s) => s.split(' ')[1])).toEqual(['ami_name', 'owner', 'client_id']);
  });
});
