// The AWS SDK (about half a second to load) stays off the path of builds that do not run an amazon-ebs source:
// a template that declares one but builds only its null source, and validate, load none of it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { ebsTemplate, startEbsHarness, type EbsHarness } from '../../support/ebs-harness.js';
import { tsbuildEnv } from '../../support/ebs-tsbuild.js';

let h: EbsHarness;
let traceDir: string;
/** NODE_OPTIONS that make a process say on stderr every module it loads from outside the bundle (`loaded <name>`). */
let traceOptions: string;

beforeAll(async () => {
  h = await startEbsHarness();
  traceDir = mkdtempSync(join(tmpdir(), 'tsbuild-trace-'));
  const trace = join(traceDir, 'trace.cjs');
  writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (!r.startsWith('node:')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
  traceOptions = `--require ${trace}`;
});
afterAll(async () => {
  await h?.close();
  if (traceDir) rmSync(traceDir, { recursive: true, force: true });
});

describe('amazon-ebs start-up', () => {
  it('loads no AWS SDK module for validate, nor for a build of only the null source beside an amazon-ebs one; a build of the amazon-ebs source loads the EC2 client', async () => {
    const dir = h.newDir();
    const template = ebsTemplate(h, { build: '  provisioner "shell" {\n    only   = ["amazon-ebs.x"]\n    inline = ["echo provisioned"]\n  }' }).replace(
      'sources = ["source.amazon-ebs.x"]',
      'sources = ["source.amazon-ebs.x", "source.null.n"]',
    );
    writeFileSync(join(dir, 'build.pkr.hcl'), `source "null" "n" { communicator = "none" }\n${template}`);
    const env = tsbuildEnv(h, dir, { NODE_OPTIONS: traceOptions });
    for (const args of [['validate', 'build.pkr.hcl'], ['build', '-color=false', '-only=null.n', 'build.pkr.hcl']]) {
      const r = await runCli(args, { cwd: dir, env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/^loaded (@aws-sdk|@smithy)\//m);
      expect(r.stderr).not.toMatch(/^loaded ssh2$/m);
    }
    expect(h.emulator.calls).toEqual([]);
    const used = await runCli(['build', '-color=false', '-only=amazon-ebs.x', 'build.pkr.hcl'], { cwd: dir, env });
    expect(used.code, used.stdout + used.stderr).toBe(0);
    expect(used.stdout).toContain('AMIs were created:');
    expect(used.stderr).toMatch(/^loaded @aws-sdk\/client-ec2$/m);
  });
});
