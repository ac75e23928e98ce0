// @google-cloud/compute (seconds to load and set up) stays off the path of builds that do not run a googlecompute
// source: a template that declares one but builds only its null source, and validate, load none of it; a build of
// the googlecompute source loads only the clients it uses, not the package's index of every client.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { gceEnv, gceHarnessForFile, gceTemplate } from '../../support/gce-harness.js';

const h = gceHarnessForFile();
const TRACE = "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (!r.startsWith('node:')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n";

describe('googlecompute start-up', () => {
  it('loads no Google module for validate, nor for a build of only the null source beside a googlecompute one', async () => {
    const dir = h.newDir();
    const trace = join(dir, 'trace.cjs');
    writeFileSync(trace, TRACE);
    const template = gceTemplate(h, { options: { temporary_key_pair_type: 'ed25519' } }).replace('sources = ["source.googlecompute.x"]', 'sources = ["source.googlecompute.x", "source.null.n"]');
    writeFileSync(join(dir, 'build.pkr.hcl'), `source "null" "n" { communicator = "none" }\n${template}`);
    const env = gceEnv(dir, { NODE_OPTIONS: `--require ${trace}` });
    for (const args of [['validate', 'build.pkr.hcl'], ['build', '-color=false', '-only=null.n', 'build.pkr.hcl']]) {
      const r = await runCli(args, { cwd: dir, env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/^loaded (@google-cloud|google-gax|google-auth-library)/m);
    }
    expect(h.emulator.calls).toEqual([]);
    const used = await runCli(['build', '-color=false', '-only=googlecompute.x', 'build.pkr.hcl'], { cwd: dir, env });
    expect(used.code, used.stdout + used.stderr).toBe(0);
    expect(used.stdout).toContain('A disk image was created:');
    expect(used.stderr).toMatch(/^loaded @google-cloud\/compute\/build\/src\/v1\/images_client\.js$/m);
    expect(used.stderr).not.toMatch(/^loaded @google-cloud\/compute$/m);
  });

  it('keeps google-gax (application default credentials) out of the bundle: it loads from node_modules when used', () => {
    const bundle = readFileSync(fileURLToPath(new URL('../../../dist/bundle/main.cjs', import.meta.url)), 'utf8');
    expect(/(import|require)\("google-gax"\)/.test(bundle), 'the bundle loads google-gax from node_modules').toBe(true);
    expect(bundle.includes('class GoogleAuth'), 'google-auth-library is not bundled').toBe(false);
  });
});
