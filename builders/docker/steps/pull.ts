import type { Step } from '../../../src/engine/steps.js';
import { Value } from '../../../src/value/value.js';
import type { RegistryAuth } from '../../../src/providers/docker/driver.js';
import type { DockerState } from '../state.js';
import type { DockerConfig } from '../config.js';

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** The credentials of `login = true`, for the registry the image comes from. */
export function loginAuth(config: DockerConfig): RegistryAuth | undefined {
  if (!config.login) return undefined;
  return { username: config.login_username ?? '', password: config.login_password ?? '', serveraddress: config.login_server || DOCKER_HUB };
}

/**
 * Packer's StepPull: pulls the image when `pull` is true (logging in first with `login`), then records the
 * source image's ID and digest. An image built from a Dockerfile is never pulled.
 */
export const stepPull: Step<DockerState> = {
  name: 'StepPull',
  run: async (state, ctx) => {
    const { config } = state;
    const built = (config.build?.length ?? 0) > 0;
    if (config.pull && !built) {
      ctx.ui.say(`Pulling Docker image: ${state.image}`);
      const auth = loginAuth(config);
      if (auth) {
        ctx.ui.message('Logging in...');
        await state.driver.checkLogin(auth);
      }
      await state.driver.pullImage(state.image, { auth, platform: config.platform, say: (l) => ctx.ui.message(l), signal: ctx.signal });
    }
    const info = await state.driver.inspectImage(state.image);
    if (!info) {
      throw new Error(
        config.pull
          ? `Image ${state.image} is not on the Docker daemon after the pull.`
          : `Image ${state.image} is not on the Docker daemon and pull is false: set pull = true, or make the image first (docker pull, docker build or docker import).`,
      );
    }
    state.data = { ...state.data, SourceImageSha256: Value.string(info.id), SourceImageDigest: Value.string(info.digest) };
  },
};
