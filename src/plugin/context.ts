// What every plugin call gets.

import type { BuildUi } from './ui.js';

export interface RunContext {
  ui: BuildUi;
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The build's full name (`null.hello`, `mybuild.null.hello`). */
  buildName: string;
  /** The source's name in the build (`hello`): PACKER_BUILD_NAME and the manifest's `name`, as in Packer 1.6.6. */
  sourceName: string;
  /** `-force`: replace existing artifacts (and start a new manifest). */
  force: boolean;
  /** Runs `fn` while no other build of this run holds the lock `key` (a manifest file's path, for example). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** PACKER_BUILDER_TYPE. */
  builderType: string;
  /** PACKER_RUN_UUID: one per tsbuild run. */
  runUuid: string;
  /** `-debug`: pause between steps. */
  debug: boolean;
  /** `-on-error` */
  onError: 'cleanup' | 'abort' | 'ask' | 'run-cleanup-provisioner';
  /** Asks the user (for `-debug` and `-on-error=ask`); resolves with the answer or '' when not interactive. */
  ask(question: string): Promise<string>;
  /** Whether a person is at the terminal to answer (stdin is a TTY). */
  interactive: boolean;
  /** The run's clock: build times, file names with a time in them. */
  now(): Date;
  /** The folder for temporary files ($TMPDIR of the run's environment, else /tmp). */
  tempDir: string;
}
