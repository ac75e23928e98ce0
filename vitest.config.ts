import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Most test files spend their time waiting for programs (Packer, sshd, ansible, docker, the emulators' state
    // changes), not computing: three files at a time keep two cores busy (vitest's default is cores - 1).
    maxWorkers: 3,
    hookTimeout: 120_000,
    // Runs that tests kill on purpose leave resource journals: in a folder of the test run's own, never in the
    // user's ~/.local/state (tests of the journal set their own folder).
    env: { TSBUILD_STATE_DIR: mkdtempSync(join(tmpdir(), 'tsbuild-test-state-')) },
    // CLI tests run the bundle: rebuilt first when a source file changed since it was built.
    globalSetup: ['test/support/fresh-bundle.ts'],
    // Tests skipped for a reason (a missing oracle) are listed at the end.
    reporters: ['default', './test/support/skip-summary.ts'],
    // Type-level tests (`*.test-d.ts`, expectTypeOf) are checked by tsc with a configuration that includes them.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
  },
});
