// A googlecompute build stopped at every step boundary leaves nothing in Compute Engine: Ctrl-C (SIGINT) and
// SIGTERM let the build clean up after itself. The emulator's operations and instance states take a little time,
// so that some interrupts come during a wait. (kill -9 then `tsbuild cleanup`: kill.test.ts.)

import { describe, expect, it } from 'vitest';
import { buildAndInterrupt } from '../../support/cli.js';
import { gceEnv } from '../../support/gce-harness.js';
import { BOUNDARIES, CASE_TIMEOUT, harnessPool, journalIn, madeSince, project, withHarness } from '../../support/gce-interrupt.js';

harnessPool();

describe.concurrent('SIGINT and SIGTERM at every step boundary of a googlecompute build', () => {
  const terms = ['Creating image...'];
  const cases = [...BOUNDARIES.map((m) => ['SIGINT', m] as const), ...terms.map((m) => ['SIGTERM', m] as const)];
  it.each(cases)('%s at "%s" leaves nothing', (signal, marker) =>
    withHarness(async (h) => {
      const before = new Set(h.emulator.leftovers());
      const dir = project(h);
      const r = await buildAndInterrupt(['-color=false', 'build.pkr.hcl'], { cwd: dir, marker, signal, env: gceEnv(dir) });
      expect(r.sent, r.out).toBe(true);
      expect(r.code, r.out).toBe(1);
      expect(madeSince(h, before), r.out).toEqual([]);
      expect(journalIn(dir), r.out).toEqual([]);
    }),
    CASE_TIMEOUT,
  );
});
