import type { DockerCommunicator } from '../../src/communicator/docker/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { DockerConfig } from './config.js';
import type { DockerDriver } from './driver.js';

/** What the docker builder's steps share. */
export interface DockerState {
  config: DockerConfig;
  driver: DockerDriver;
  /** The image the container runs: `image`, or the one built from the Dockerfile. */
  image: string;
  /** Host folder mounted at `container_dir`. */
  tempDir?: string;
  containerId?: string;
  /** The container's entry in the run's journal. */
  containerRecord?: string;
  comm?: DockerCommunicator;
  /** The committed image. */
  imageId?: string;
  /** The committed image's entry in the run's journal, until the build hands the image over. */
  imageRecord?: string;
  /** `build.*` values; replaced (never changed in place) as steps learn more (ImageSha256 after the commit). */
  data: GeneratedData;
}
