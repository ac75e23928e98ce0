import { IMPORT_BUILDER_ID } from '../../src/providers/docker/artifact.js';
import type { Artifact } from '../../src/plugin/artifact.js';

/** Artifacts that are Docker images: from the docker builder with commit, docker-import, docker-tag, docker-push. */
const IMAGE_BUILDER_IDS = [IMPORT_BUILDER_ID, 'packer.post-processor.docker-tag', 'packer.post-processor.docker-push'];

/** Throws Packer's message when `artifact` is not a Docker image. */
export function requireImageArtifact(artifact: Artifact, verb: string): void {
  if (!IMAGE_BUILDER_IDS.includes(artifact.builderId)) {
    throw new Error(`Unknown artifact type: ${artifact.builderId}\nCan only ${verb} from Docker builder artifacts.`);
  }
}
