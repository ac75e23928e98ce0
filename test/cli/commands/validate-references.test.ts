// References to undeclared variables are reported wherever they are, each at its place, including the blocks of
// plugins tsbuild does not have. Packer 1.6.6, which has these plugins, reports the same errors at the same places,
// but stops at the first block that fails (the builder stage, else the first provisioner).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { SEVEN_UNDECLARED, SEVEN_UNDECLARED_AT, UNAVAILABLE_PLUGIN_BLOCKS } from '../../support/undeclared-variables.js';

function dirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-validate-references-'));
  writeFileSync(join(dir, 't.pkr.hcl'), text);
  return dir;
}

/** The provisioner and post-processor of SEVEN_UNDECLARED after a builder both have, so that Packer reaches them. */
const FOUR = `source "null" "n" {
  communicator = "none"
}

build {
  sources = ["source.null.n"]

${UNAVAILABLE_PLUGIN_BLOCKS}`;

/** `line name` of each undeclared variable tsbuild reports. */
function ours(stdout: string): string[] {
  return [...stdout.matchAll(/Error: Unsupported attribute\n\n {2}on t\.pkr\.hcl line (\d+), column \d+:[\s\S]*?named "([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** `line name` of each undeclared variable Packer reports, as an error of its own or folded into a plugin's error. */
function theirs(stdout: string): string[] {
  const own = [...stdout.matchAll(/Error: Unsupported attribute\n\n {2}on t\.pkr\.hcl line (\d+):[\s\S]*?named "([^"]+)"/g)];
  const folded = [...stdout.matchAll(/t\.pkr\.hcl:(\d+),[\d-]+: Unsupported attribute; This\s+object\s+does\s+not\s+have\s+an\s+attribute\s+named\s+"([^"]+)"/g)];
  return [...own, ...folded].map((m) => `${m[1]} ${m[2]}`);
}

describe('tsbuild validate: undeclared variables', () => {
  it('reports each of the seven in the blocks of plugins tsbuild does not have', async () => {
    const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dirWith(SEVEN_UNDECLARED) });
    expect(r.code).toBe(1);
    expect(ours(r.stdout)).toEqual(SEVEN_UNDECLARED_AT.map((at) => at.replace(/:\d+/, '')));
  });

  it('reports them all after an error in the declarations', async () => {
    const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dirWith(`locals {\n  name = "img-\${var.version}"\n}\n\n${SEVEN_UNDECLARED}`) });
    expect(r.code).toBe(1);
    expect(ours(r.stdout)).toEqual(['2 version', '10 client_id', '11 client_secret', '17 owner', '25 one', '25 two', '29 box_tag', '30 token']);
  });

  needs(packer).it('reports every one Packer 1.6.6 reports, at the same line', async () => {
    for (const text of [SEVEN_UNDECLARED, FOUR]) {
      const dir = dirWith(text);
      const packerRun = spawnSync(PACKER!, ['validate', 't.pkr.hcl'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 60_000 });
      const reported = theirs(packerRun.stdout + packerRun.stderr);
      expect(packerRun.status).toBe(1);
      expect(reported.length, packerRun.stdout + packerRun.stderr).toBeGreaterThan(0);
      const r = await runCli(['validate', 't.pkr.hcl'], { cwd: dir });
      expect(ours(r.stdout)).toEqual(expect.arrayContaining(reported));
    }
  });
});
