import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests run the bundle: rebuilt first when a source file changed since it was built.
    globalSetup: ['test/support/fresh-bundle.ts'],
    // Tests skipped for a reason (a missing oracle) are listed at the end.
    reporters: ['default', './test/support/skip-summary.ts'],
    // Type-level tests (`*.test-d.ts`, expectTypeOf) are checked by tsc with a configuration that includes them.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
  },
});
