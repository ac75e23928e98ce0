// `validate` checks a template with unknown values where values are known only at build time (data sources that did
// not run): what is computed from them is unknown too, and is no error. Packer 1.6.6 has no data sources; the
// evaluation rules behind this are compared with its console in test/eval/unknown.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

function dirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-validate-unknown-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  return dir;
}

const PAYLOAD = `variable "format" {
  default = "JSON"
}

data "null" "d" {
  input = "x"
}

locals {
  payload = var.format == "JSON" ? jsondecode(data.null.d.output) : { key = data.null.d.output }
  project = local.payload.project_id
  zones   = [for z in local.payload.zones : upper(z)]
  first   = local.payload.items[*].name
}

source "null" "n" {
  communicator = "none"
}

build {
  sources = ["source.null.n"]
  provisioner "shell-local" {
    inline = ["echo \${local.project} \${local.payload.nested.value} \${length(local.zones)}"]
  }
}
`;

describe('tsbuild validate with unknown values', () => {
  it('accepts attributes of a conditional whose chosen branch is a data source\'s unknown output', async () => {
    const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dirWith(PAYLOAD) });
    expect(r.stdout).toBe('The configuration is valid.\n');
    expect(r.code).toBe(0);
  });

  it('still reports an attribute the chosen branch cannot have', async () => {
    const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dirWith(PAYLOAD.replace('default = "JSON"', 'default = "TEXT"')) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Unsupported attribute');
    expect(r.stdout).toContain('on t.pkr.hcl line 11, column 27:');
    expect(r.stdout).toContain('This object does not have an attribute named "project_id".');
  });
});
