// Tests that need something a machine may lack, such as Packer 1.6.6, the behaviour oracle. Where it is missing, the
// tests are replaced by one stand-in per group: skipped with the reason (the run's summary lists it, see
// skip-summary.ts), or, with TSBUILD_REQUIRE_ORACLES=1 (scripts/test-all.sh, which installs everything), failing
// with what is missing and how to install it. The stand-in replaces the group's body, which is never run: it may
// call the missing program while collecting its cases.

import { describe, it, type TestFunction } from 'vitest';
import { CHROMIUM, chromiumPresent } from './browser.js';
import { PACKER } from './packer-console.js';

export interface Need {
  /** What the tests need, as a reader would look for it. */
  what: string;
  /** How to get it, following "to install it, ". */
  install: string;
  present: boolean;
}

export const packer: Need = {
  what: 'Packer 1.6.6 (/usr/bin/packer or /usr/local/bin/packer), the behaviour oracle',
  install: 'as root on Debian: apt-get install packer (scripts/test-all.sh does it)',
  present: PACKER !== undefined,
};

export const chromium: Need = {
  what: `Debian's Chromium (${CHROMIUM}), the browser of the registry page's test`,
  install: 'as root on Debian: apt-get install chromium (scripts/test-all.sh does it)',
  present: chromiumPresent,
};

/** The test API for tests that need `need`. */
export interface Gated {
  describe(name: string, body: () => void): void;
  it(name: string, fn: TestFunction, timeout?: number): void;
  /** `it.each`: one stand-in for all the cases when `need` is missing. */
  each: typeof it.each;
}

/** Whether a missing need fails the run instead of skipping its tests. */
const oraclesRequired = () => process.env.TSBUILD_REQUIRE_ORACLES === '1';

function standIn(need: Need, name: string): void {
  if (oraclesRequired()) {
    it(name, () => {
      throw new Error(`Missing: ${need.what}, which TSBUILD_REQUIRE_ORACLES=1 (scripts/test-all.sh) requires. To install it, ${need.install}`);
    });
  } else {
    it(name, (ctx) => ctx.skip(`needs ${need.what}; to install it, ${need.install}`));
  }
}

/** `describe`, `it` and `it.each` when `need` is present; stand-ins that say what is missing otherwise. */
export function needs(need: Need): Gated {
  if (need.present) return { describe: (name, body) => describe(name, body), it: (name, fn, timeout) => it(name, fn, timeout), each: it.each.bind(it) };
  return {
    describe: (name) => describe(name, () => standIn(need, 'all tests of this group')),
    it: (name) => standIn(need, name),
    each: (() => (name: string) => standIn(need, name.replace(/%[sdifjo#]/g, '<each case>'))) as unknown as typeof it.each,
  };
}
