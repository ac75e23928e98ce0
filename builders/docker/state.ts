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
  comm?: DockerCommunicator;
  /** The committed image. */
  imageId?: string;
  /** `build.*` values; replaced (never changed in place) as steps learn more (ImageSha256 after the commit). */
  data: GeneratedData;
}
