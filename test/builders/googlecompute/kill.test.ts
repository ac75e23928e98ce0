// kill -9 at the step boundaries of a googlecompute build where it has resources in Compute Engine, then
// `tsbuild cleanup`: the journal lists them (with the insert's operation, waited for first), cleanup deletes them,
// and a second cleanup has nothing to do.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { gceEnv, gceTemplate } from '../../support/gce-harness.js';
import { waitFor } from '../../support/wait.js';
import { CASE_TIMEOUT, harnessPool, journalIn, madeSince, project, withHarness } from '../../support/gce-interrupt.js';

harnessPool();

const KILLED_AT = ['Waiting for creation operation to complete', 'Instance has been created!', 'Provisioning with shell', 'Creating image...', 'Deleting disk...'];

describe.concurrent('kill -9 during a googlecompute build, then tsbuild cleanup', () => {
  it.each(KILLED_AT)('killed at "%s"', (marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = project(h);
      const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, signal: 'SIGKILL', env: gceEnv(dir) });
      expect(killed.sent, killed.out).toBe(true);
      expect(journalIn(dir), killed.out).toHaveLength(1);
      // The journal keeps the credentials file's path (never its content): cleanup needs nothing else.
      const cleanup = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir) });
      const said = `${killed.out}\n--- cleanup:\n${cleanup.stdout}${cleanup.stderr}`;
      expect(cleanup.code, said).toBe(0);
      expect(cleanup.stdout, said).toMatch(/Removed (instance|disk|image) /);
      expect(madeSince(h, before), said).toEqual([]);
      expect(journalIn(dir), said).toEqual([]);
      const again = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir) });
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain('Nothing to clean up');
    }),
    CASE_TIMEOUT,
  );

  it('killed while Compute holds the insert\'s answer: cleanup finds the operation by its requestId, waits for it, and deletes what it made', () =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const instancesBefore = h.emulator.made().filter((m) => m.kind === 'compute#instance').length;
      const dir = project(h);
      // The insert is accepted (its operation runs, slowly) but its answer never reaches the build.
      h.emulator.setDelays({ operation: 8000 });
      h.emulator.holds.add({ method: 'instances.insert', ms: 60_000 });
      try {
        const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], {
          cwd: dir,
          marker: 'Creating instance...',
          ready: { check: () => h.emulator.holds.held() > 0, what: 'the instance insert held by the emulator' },
          signal: 'SIGKILL',
          env: gceEnv(dir),
        });
        expect(killed.sent, killed.out).toBe(true);
        expect(killed.out).not.toContain('Waiting for creation operation to complete');
        const cleanup = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir) });
        const said = `${killed.out}\n--- cleanup:\n${cleanup.stdout}${cleanup.stderr}`;
        expect(cleanup.code, said).toBe(0);
        // What the insert made (it ends after cleanup started) is there and deleted: not left to appear later.
        await waitFor(() => h.emulator.made().filter((m) => m.kind === 'compute#instance').length > instancesBefore, { what: 'the held insert to make its instance', timeoutMs: 30_000 });
        expect(cleanup.stdout, said).toMatch(/Removed instance packer-/);
        expect(cleanup.stdout, said).toMatch(/Removed disk packer-/);
        expect(madeSince(h, before), said).toEqual([]);
        expect(journalIn(dir), said).toEqual([]);
      } finally {
        h.emulator.setDelays({ operation: 300 });
      }
    }),
    CASE_TIMEOUT,
  );

  it('finds credentials in GOOGLE_APPLICATION_CREDENTIALS when the template gave credentials_json, and says how to delete by hand without them', () =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = h.newDir();
      const template = gceTemplate(h, { options: { account_file: undefined, credentials_json: h.emulator.credentialsJson, temporary_key_pair_type: 'ed25519' }, build: '  provisioner "shell" { inline = ["sleep 1"] }' });
      writeFileSync(join(dir, 'build.pkr.hcl'), template);
      const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker: 'Provisioning with shell', signal: 'SIGKILL', env: gceEnv(dir) });
      expect(killed.sent, killed.out).toBe(true);
      // No credentials: the metadata server is not there; cleanup says what to do and keeps the journal.
      const refused = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir, { GCE_METADATA_HOST: '127.0.0.1:1', GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'missing.json') }) });
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stdout).toContain('gcloud compute instances delete packer-');
      expect(refused.stdout).not.toContain('PRIVATE KEY');
      expect(journalIn(dir)).toHaveLength(1);
      writeFileSync(join(dir, 'adc.json'), h.emulator.credentialsJson);
      const cleanup = await runCli(['cleanup'], { cwd: dir, env: gceEnv(dir, { GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') }) });
      expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
      expect(madeSince(h, before)).toEqual([]);
      expect(journalIn(dir)).toEqual([]);
    }),
    CASE_TIMEOUT,
  );
});
