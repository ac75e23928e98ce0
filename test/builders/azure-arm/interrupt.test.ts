// An azure-arm build stopped by Ctrl-C (SIGINT) at every step boundary leaves nothing in Resource Manager: the
// build cleans up after itself (the temporary resource group, the image, the gallery version).

import { describe, expect, it } from 'vitest';
import { buildAndInterrupt } from '../../support/cli.js';
import { armEnv } from '../../support/arm-emulator/harness.js';
import { BOUNDARIES, harnessPool, interruptProject, journalIn, madeSince } from '../../support/arm-emulator/interrupts.js';

const withHarness = harnessPool(3);

describe.concurrent('SIGINT at every step boundary of an azure-arm build', () => {
  it.each(BOUNDARIES)('SIGINT at "%s" leaves nothing', (marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = interruptProject(h);
      const r = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, env: armEnv(h, dir) });
      expect(r.sent, r.out).toBe(true);
      expect(r.code, r.out).toBe(1);
      expect(madeSince(h, before), r.out).toEqual([]);
      expect(journalIn(dir), r.out).toEqual([]);
    }),
    120_000,
  );
});
