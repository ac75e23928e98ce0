// What a build produces, and what post-processors turn into other artifacts.

export interface Artifact {
  /** Packer's builder id, e.g. `fnoeding.null`, `packer.file`, `packer.post-processor.manifest`. */
  builderId: string;
  /** Packer's artifact id, e.g. `Null`, `File`, an AMI id list, an image id. */
  id: string;
  files: string[];
  /** The human summary printed after `--> name: `. */
  string: string;
  /** Builder-specific state (`atlas.artifact.metadata`, generated data...). */
  state?: Record<string, unknown>;
  /** Removes what the artifact stands for (files, images). Called when an intermediate artifact is not kept. */
  destroy(): Promise<void>;
}
