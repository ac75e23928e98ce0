// Secrets planted wherever a build could print or record them: none may reach stdout, stderr or the manifest, in
// the default UI or with -machine-readable. Packer 1.6.6 prints every one of these (each line of a multi-line
// value, the escaped form of one with commas, values made from secrets) and writes custom_data in clear.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { plain, templateDir } from './build-fixtures.js';

const COMMAS = 'c0mma,SECRET,value';
const MULTI = ['first-LINE-secret', 'second-LINE-secret', 'third-LINE-secret'];
const TOKEN = 'tok3n-secret';

/** Every text that would give a secret away: the values, each line, escaped forms, values made from them. */
function forbidden(extra: string[] = []): string[] {
  return [COMMAS, COMMAS.replaceAll(',', '%!(PACKER_COMMA)'), 'SECRET', ...MULTI, 'LINE-secret', TOKEN, TOKEN.toUpperCase(), ...extra];
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const s of secrets) expect(text, `"${s}" in:\n${text}`).not.toContain(s);
}

interface ManifestBuild {
  packer_run_uuid: string;
  custom_data: Record<string, string>;
}

function lastBuild(dir: string): { raw: string; build: ManifestBuild } {
  const raw = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const builds = (JSON.parse(raw) as { builds: ManifestBuild[] }).builds;
  return { raw, build: builds[builds.length - 1]! };
}

const HCL = `
variable "commas" {
  type      = string
  sensitive = true
}
variable "multi" {
  type      = string
  sensitive = true
}
variable "token" {
  type      = string
  sensitive = true
}
source "null" "s" { communicator = "none" }
build {
  sources = ["source.null.s"]
  provisioner "shell-local" {
    inline = [
      "echo 'commas: \${var.commas}'",
      "echo '\${var.multi}'",
      "echo 'derived: \${upper(var.token)}'",
      "echo 'at build time: \${sha256("\${build.PackerRunUUID}\${var.token}")}'",
    ]
  }
  post-processor "manifest" {
    output      = "manifest.json"
    custom_data = { token = var.token, derived = "t-\${upper(var.token)}", plain = "visible" }
  }
}`;

describe('tsbuild build: secrets in every place (HCL2)', () => {
  it('hides values with commas, each line of a multi-line value, and values made from secrets; custom_data says <sensitive>', async () => {
    const dir = templateDir(HCL, { 'secrets.pkrvars.hcl': `multi = <<EOT\n${MULTI.join('\n')}\nEOT\n` });
    for (const flags of [['-color=false'], [], ['-machine-readable']]) {
      const r = await runCli(['build', ...flags, '-var', `commas=${COMMAS}`, '-var', `token=${TOKEN}`, '-var-file=secrets.pkrvars.hcl', 'main.pkr.hcl'], { cwd: dir });
      const out = plain(r.stdout + r.stderr);
      expect(r.code, out).toBe(0);
      const { raw, build } = lastBuild(dir);
      // Known only at build time: the value made from build.PackerRunUUID and the token.
      const late = createHash('sha256').update(`${build.packer_run_uuid}${TOKEN}`).digest('hex');
      expectNoSecret(out, forbidden([late]));
      expectNoSecret(raw, forbidden([late]));
      expect(out).toContain('commas: <sensitive>');
      expect(out).toContain('derived: <sensitive>');
      expect(out).toContain('at build time: <sensitive>');
      expect(out.match(/null\.s: <sensitive>/g)?.length).toBeGreaterThanOrEqual(3);
      expect(build.custom_data).toEqual({ token: '<sensitive>', derived: '<sensitive>', plain: 'visible' });
    }
  });

  it('hides a sensitive value in a quoted var-file line, even one that is rejected, keeping the underline', async () => {
    const dir = templateDir(
      `
variable "pin" {
  type      = number
  sensitive = true
}
variable "token" {
  type      = string
  sensitive = true
}
source "null" "s" { communicator = "none" }
build { sources = ["source.null.s"] }`,
      { 'bad.pkrvars.hcl': `pin = "not-a-pin-${TOKEN}"\ntoken = "${TOKEN}-\${local.nope}"\n` },
    );
    for (const command of ['validate', 'build']) {
      const r = await runCli([command, '-var-file=bad.pkrvars.hcl', 'main.pkr.hcl'], { cwd: dir });
      const out = plain(r.stdout + r.stderr);
      expect(r.code, out).toBe(1);
      expectNoSecret(out, ['not-a-pin', TOKEN]);
      expect(out).toContain('    1: pin = <sensitive>\n             ^^^^^^^^^^^\n');
      expect(out).toContain('    2: token = <sensitive>\n');
    }
  });
});

describe('tsbuild build: secrets in every place (JSON sensitive-variables)', () => {
  const template = {
    variables: { commas: '', multi: '', token: '' },
    'sensitive-variables': ['commas', 'multi', 'token'],
    builders: [{ type: 'null', communicator: 'none' }],
    provisioners: [
      {
        type: 'shell-local',
        inline: ["echo 'commas: {{user `commas`}}'", "echo '{{user `multi`}}'", "echo 'derived: {{user `token` | upper}}'", "echo 'in a string: x-{{user `token`}}-y'"],
      },
    ],
    'post-processors': [{ type: 'manifest', output: 'manifest.json', custom_data: { token: '{{user `token`}}', derived: 't-{{user `token` | upper}}', plain: 'visible' } }],
  };

  it('hides the same values as HCL2 does, in the output and in custom_data', async () => {
    const dir = templateDir('', { 'template.json': JSON.stringify(template), 'vars.json': JSON.stringify({ commas: COMMAS, multi: MULTI.join('\n'), token: TOKEN }) });
    for (const flags of [['-color=false'], ['-machine-readable']]) {
      const r = await runCli(['build', ...flags, '-var-file=vars.json', 'template.json'], { cwd: dir });
      const out = plain(r.stdout + r.stderr);
      expect(r.code, out).toBe(0);
      const { raw, build } = lastBuild(dir);
      expectNoSecret(out, forbidden());
      expectNoSecret(raw, forbidden());
      expect(out).toContain('commas: <sensitive>');
      expect(out).toContain('derived: <sensitive>');
      expect(out).toContain('in a string: x-<sensitive>-y');
      expect(build.custom_data).toEqual({ token: '<sensitive>', derived: '<sensitive>', plain: 'visible' });
    }
  });

  it('hides a rejected value of a sensitive variable in a quoted var-file line', async () => {
    const dir = templateDir('', { 'template.json': JSON.stringify(template) });
    writeFileSync(join(dir, 'bad.json'), `{"token": 12345678987654321, "commas": "${COMMAS}"}`);
    const r = await runCli(['build', '-var-file=bad.json', 'template.json'], { cwd: dir });
    const out = plain(r.stdout + r.stderr);
    expect(r.code, out).toBe(1);
    expectNoSecret(out, [...forbidden(), '12345678987654321']);
    expect(out).toContain('    1: {"token": <sensitive>, "commas": <sensitive>}\n                 ^^^^^^^^^^^\n');
  });
});
