// Hidden globals go through the run context: the clock, the temporary folder and whether a person can answer.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPostProcessor } from '../../post-processors/manifest/index.js';
import { tempDirOf } from '../../src/util/temp-dir.js';
import { testContext } from '../engine/helpers.js';
import { runCli } from '../support/cli.js';
import { configOf } from '../support/config.js';

describe('run context', () => {
  it("the manifest's build_time comes from the run's clock", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tsbuild-clock-'));
    const pp = await manifestPostProcessor.create(configOf(manifestPostProcessor.config, { output: 'm.json' }, cwd));
    const artifact = { builderId: 'fnoeding.null', id: 'Null', files: [], string: '', images: [], destroy: async () => {} };
    await pp.postProcess(testContext({ cwd, now: () => new Date('2031-05-04T03:02:01Z') }), artifact);
    expect(JSON.parse(readFileSync(join(cwd, 'm.json'), 'utf8')).builds[0].build_time).toBe(Date.UTC(2031, 4, 4, 3, 2, 1) / 1000);
  });

  it("temporary files go to the run's folder in the run environment's TMPDIR, else /tmp", async () => {
    expect(tempDirOf({ TMPDIR: '/var/scratch' })).toBe('/var/scratch');
    expect(tempDirOf({})).toBe('/tmp');
    const cwd = mkdtempSync(join(tmpdir(), 'tsbuild-tmp-'));
    const scratch = mkdtempSync(join(tmpdir(), 'tsbuild-scratch-'));
    const template = 'source "null" "t" { communicator = "none" }\nbuild {\n  sources = ["source.null.t"]\n  provisioner "shell-local" { inline = ["echo script at $0"] }\n}\n';
    writeFileSync(join(cwd, 't.pkr.hcl'), template);
    const r = await runCli(['build', '-color=false', 't.pkr.hcl'], { cwd, env: { TMPDIR: scratch } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`null\\.t: script at ${scratch}/tsbuild-[0-9a-f-]{36}/packer-shell\\d+`));
    // The run's folder is gone at the end.
    expect(readdirSync(scratch)).toEqual([]);
  });
});
