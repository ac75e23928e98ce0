// Everything the docker builder asks of the Docker Engine, in one interface: the steps call it and nothing else,
// so a test can replace the engine at this edge (a commit that fails, a daemon that goes away mid-build).

import type Dockerode from 'dockerode';
import { DockerCommunicator, type DockerCommunicatorOptions } from '../../src/communicator/docker/communicator.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import { connectDocker, engineMessage, statusOf, type ConnectOptions, type Endpoint } from '../../src/providers/docker/connect.js';
import { imageArtifact, type ImageArtifactOptions } from '../../src/providers/docker/artifact.js';
import * as images from '../../src/providers/docker/driver.js';
import { ExternalError } from '../../src/plugin/errors.js';

type Say = (line: string) => void;

export interface DockerDriver {
  readonly endpoint: Endpoint;
  /** The image's ID and first repository digest, or undefined when the daemon has no such image. */
  inspectImage(ref: string): Promise<{ id: string; digest: string } | undefined>;
  checkLogin(auth: images.RegistryAuth): Promise<void>;
  pullImage(ref: string, opts: { auth?: images.RegistryAuth; platform?: string; say: Say; signal: AbortSignal }): Promise<void>;
  /** Builds from a tar context; resolves with the image ID. */
  buildImage(context: NodeJS.ReadableStream, opts: { dockerfile: string; buildargs: Record<string, string>; pull: boolean; say: Say; signal: AbortSignal }): Promise<string>;
  /** Creates a container; resolves with its ID. */
  createContainer(options: Dockerode.ContainerCreateOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** The user the container's image runs as (`Config.User`). */
  containerUser(id: string): Promise<string>;
  communicator(id: string, opts: DockerCommunicatorOptions): DockerCommunicator;
  /** Removes the container and its anonymous volumes; a container already gone is not an error. */
  removeContainer(id: string): Promise<void>;
  /** Removes an image; one already gone is not an error. */
  removeImage(id: string): Promise<void>;
  /** Commits the container; resolves with the new image's ID. */
  commitContainer(id: string, opts: { author?: string; message?: string; changes?: string[] }): Promise<string>;
  exportContainer(id: string, path: string, signal: AbortSignal): Promise<void>;
  /** The artifact for an image on this daemon (destroying it removes the image). */
  imageArtifact(id: string, opts: ImageArtifactOptions): Artifact;
}

/** The driver for the daemon DOCKER_HOST points at, once it has answered. */
export async function openDockerDriver(env: Readonly<Record<string, string | undefined>>, opts: ConnectOptions = {}): Promise<DockerDriver> {
  const { docker, endpoint } = await connectDocker(env, opts);
  const container = (id: string) => docker.getContainer(id);
  return {
    endpoint,
    inspectImage: async (ref) => {
      const info = await images.inspectImage(docker, ref);
      return info && { id: info.Id, digest: info.RepoDigests?.[0] ?? '' };
    },
    checkLogin: (auth) => images.checkLogin(docker, auth),
    pullImage: (ref, opts) => images.pullImage(docker, ref, opts),
    buildImage: (context, opts) => images.buildImage(docker, context, opts),
    createContainer: async (options) => {
      try {
        return (await docker.createContainer(options)).id;
      } catch (e) {
        throw new ExternalError('Docker Engine', `Error running container: ${engineMessage(e)}`, { cause: e });
      }
    },
    startContainer: async (id) => {
      try {
        await container(id).start();
      } catch (e) {
        throw new ExternalError('Docker Engine', `Error running container: ${engineMessage(e)}`, { cause: e });
      }
    },
    containerUser: async (id) => (await container(id).inspect()).Config.User ?? '',
    communicator: (id, opts) => new DockerCommunicator(container(id), docker.modem, opts),
    removeContainer: async (id) => {
      try {
        await container(id).remove({ force: true, v: true });
      } catch (e) {
        if (statusOf(e) !== 404) throw new ExternalError('Docker Engine', `Error removing container ${id}: ${engineMessage(e)}`, { cause: e });
      }
    },
    removeImage: (id) => images.removeImage(docker, id),
    commitContainer: (id, opts) => images.commitContainer(container(id), opts),
    exportContainer: (id, path, signal) => images.exportContainer(container(id), path, signal),
    imageArtifact: (id, opts) => imageArtifact(docker, id, opts),
  };
}
