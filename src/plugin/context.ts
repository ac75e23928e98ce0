// What every plugin call gets.

import type { Journal } from '../journal/journal.js';
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
  /** The run's folder for temporary files, inside $TMPDIR of the run's environment (else /tmp); removed at the end. */
  tempDir: string;
  /**
   * Where a plugin writes down each container, image or other resource it creates, before creating it, and crosses
   * it out once deleted (or handed to the user): what a killed run leaves, `tsbuild cleanup` deletes.
   */
  journal: Journal;
}
