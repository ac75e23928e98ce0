// An azure-arm build killed (kill -9), then `tsbuild cleanup`: what the journal lists (the temporary resource group,
// the image, the gallery version) is deleted, with the service principal's secret from
// cleanup's environment (the journal keeps none). A second cleanup has nothing to do.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { armEnv } from '../../support/arm-emulator/harness.js';
import { BOUNDARIES, harnessPool, interruptProject, journalIn, madeSince } from '../../support/arm-emulator/interrupts.js';

const withHarness = harnessPool(3);

// One boundary per kind of record outstanding (the interrupt test goes through every boundary): the group asked for,
// the VM waited for, provisioning, the image asked for, the gallery version asked for, the group being deleted.
const KILLED_AT = BOUNDARIES.filter((b) => ['Deploying the network', 'Deploying the virtual machine', 'Provisioning with shell', 'Capturing image', 'Publishing to Shared Image Gallery', 'Deleting resource group'].includes(b));

describe.concurrent('kill -9 during an azure-arm build, then tsbuild cleanup', () => {
  it.each(KILLED_AT)('killed at "%s"', (marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = interruptProject(h);
      const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, signal: 'SIGKILL', env: armEnv(h, dir) });
      expect(killed.sent, killed.out).toBe(true);
      // The journal says where and as whom, never with which secret.
      const journal = journalIn(dir).map((f) => readFileSync(join(dir, 'state', 'journal', f), 'utf8')).join('');
      expect(journal).toContain(h.emulator.clientId);
      expect(journal).not.toContain(h.emulator.clientSecret);
      const env = armEnv(h, dir, { AZURE_CLIENT_SECRET: h.emulator.clientSecret });
      const cleanup = await runCli(['cleanup'], { cwd: dir, env });
      const said = `${killed.out}\n--- cleanup:\n${cleanup.stdout}${cleanup.stderr}`;
      expect(cleanup.code, said).toBe(0);
      expect(madeSince(h, before), said).toEqual([]);
      expect(journalIn(dir), said).toEqual([]);
      const again = await runCli(['cleanup'], { cwd: dir, env });
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).toContain('Nothing to clean up');
    }),
    120_000,
  );

  it('says which credentials cleanup needs when its environment has none', () =>
    withHarness(async (h) => {
      const dir = interruptProject(h);
      const killed = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker: 'Deploying the network', signal: 'SIGKILL', env: armEnv(h, dir) });
      expect(killed.sent, killed.out).toBe(true);
      const first = await runCli(['cleanup'], { cwd: dir, env: armEnv(h, dir) });
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(/Could not remove resource group pkr-Resource-Group-\w+ .*AZURE_CLIENT_SECRET.*To delete it by hand: az group delete/);
      const second = await runCli(['cleanup'], { cwd: dir, env: armEnv(h, dir, { AZURE_CLIENT_SECRET: h.emulator.clientSecret }) });
      expect(second.code, second.stdout).toBe(0);
      expect(journalIn(dir)).toEqual([]);
    }),
    120_000,
  );
});
