import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { templateDir } from './build-fixtures.js';

const TEMPLATE = `
variable "l" { default = ["a", "b"] }
variable "n" { default = 3 }
variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}
variable "unset" { type = string }
variable "empty_secret" {
  default   = ""
  sensitive = true
}
locals { o = { a = 1, b = [true] } }
source "null" "a" { communicator = "none" }
source "null" "b" { communicator = "none" }
build {
  name        = "nb"
  description = "desc"
  sources     = ["source.null.a"]
  source "source.null.b" { name = "bee" }
  provisioner "shell-local" { inline = ["true"] }
  provisioner "shell-local" {
    name   = "second"
    inline = ["true"]
  }
  post-processor "manifest" {}
  post-processors {
    post-processor "shell-local" { inline = ["true"] }
    post-processor "manifest" { name = "m2" }
  }
}
build {
  sources = ["source.null.a"]
}
`;

const EXPECTED = `Packer Inspect: HCL2 mode

> input-variables:

var.empty_secret: ""
var.l: "[\\n  \\"a\\",\\n  \\"b\\",\\n]"
var.n: "3"
var.secret: "<sensitive>"
var.unset: "<unknown>"

> local-variables:

local.o: "{\\n  \\"a\\" = 1\\n  \\"b\\" = [\\n    true,\\n  ]\\n}"

> builds:

  > nb:

  > Description: desc

    sources:

      null.a

      null.b

    provisioners:

      shell-local
      shell-local.second

    post-processors:

      0:
        manifest

      1:
        shell-local
        manifest.m2

  > <unnamed build 1>:

    sources:

      null.a

    provisioners:

      <no provisioner>

    post-processors:

      <no post-processor>

`;

describe('tsbuild inspect', () => {
  it("prints Packer's HCL2 layout", async () => {
    const r = await runCli(['inspect', 'main.pkr.hcl'], { cwd: templateDir(TEMPLATE) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
  });

  needs(packer).it('matches packer inspect', async () => {
    const dir = templateDir(TEMPLATE);
    const theirs = await promisify(execFile)(PACKER!, ['inspect', 'main.pkr.hcl'], { cwd: dir });
    const ours = await runCli(['inspect', 'main.pkr.hcl'], { cwd: dir });
    expect(ours.stdout).toBe(theirs.stdout);
  });
});

describe('tsbuild validate checks plugin configurations', () => {
  it('reports an unknown argument of a builder with its location and a suggestion', async () => {
    const dir = templateDir(`
source "file" "f" {
  contnet = "x"
  target  = "t"
}
build { sources = ["source.file.f"] }
`);
    const r = await runCli(['validate', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('on main.pkr.hcl line 3, column 3:');
    expect(r.stdout).toContain('Did you mean "content"?');
    const syntax = await runCli(['validate', '-syntax-only', 'main.pkr.hcl'], { cwd: dir });
    expect(syntax.code).toBe(0);
  });

  it('reports a missing required argument and conflicting options', async () => {
    const dir = templateDir(`
source "file" "f" { content = "x" }
source "file" "g" {
  content = "x"
  source  = "y"
  target  = "t"
}
build { sources = ["source.file.f", "source.file.g"] }
`);
    const r = await runCli(['validate', 'main.pkr.hcl'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The argument "target" is required');
    expect(r.stdout).toContain('Cannot specify source file AND content');
  });
});
