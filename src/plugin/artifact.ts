// What a build produces, and what post-processors turn into other artifacts.

import type { Value } from '../value/value.js';

/** Where an image lives, as HCP Packer names platforms; other builders add theirs. */
export type Platform = 'docker' | 'aws' | 'azure' | 'gce' | 'qemu' | 'vmware' | 'file' | (string & {});

/** One image an artifact stands for, in the shape the image registry records (HCP Packer's artifact metadata). */
export interface ArtifactImage {
  platform: Platform;
  /** The platform's identifier: an AMI id, an image id (`sha256:...`), a resource id, a file path. */
  externalId: string;
  /** The region or location, where the platform has one. */
  region?: string;
  labels: Readonly<Record<string, string>>;
  /** The image this one was built from, when known. */
  sourceExternalId?: string;
}

export interface Artifact {
  /** Packer's builder id, e.g. `fnoeding.null`, `packer.file`, `packer.post-processor.manifest`. */
  readonly builderId: string;
  /** Packer's artifact id, e.g. `Null`, `File`, an AMI id list, an image id. */
  readonly id: string;
  readonly files: readonly string[];
  /** The human summary printed after `--> name: `. */
  readonly string: string;
  /** What the image registry records; empty when the artifact is no image (a manifest's, a tar file's). */
  readonly images: readonly ArtifactImage[];
  /**
   * The builder's generated data (`build.*`) as it stood when the artifact was made: the engine gives it to every
   * post-processor of the build. Set by builders; post-processors leave it out.
   */
  readonly generatedData?: Readonly<Record<string, Value>>;
  /** Plugin-specific state that later post-processors read (docker tags and digest). */
  readonly state?: Readonly<Record<string, unknown>>;
  /** Removes what the artifact stands for (files, images). Called when an intermediate artifact is not kept. */
  destroy(): Promise<void>;
}
