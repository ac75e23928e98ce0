// What the engine tells an image registry about each build (src/publish implements it). A failure of the recorder
// is the build's failure, as in Packer: a build whose metadata could not be recorded did not publish.

import type { Artifact } from '../plugin/artifact.js';

export interface BuildRecorder {
  /** Before the build runs; false when the build is skipped (already done in the version being resumed). */
  started(buildName: string): Promise<boolean>;
  /** The build's final artifacts (after post-processors). */
  finished(buildName: string, artifacts: readonly Artifact[]): Promise<void>;
  /** The build failed or was cancelled; must not throw. */
  failed(buildName: string, cancelled: boolean): Promise<void>;
}
