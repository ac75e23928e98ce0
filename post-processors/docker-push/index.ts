import { imageArtifact, imageIdOf, IMPORT_BUILDER_ID } from '../../src/providers/docker/artifact.js';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { checkLogin, pushImage, splitReference, type RegistryAuth } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { declareConfig, opt } from '../../src/plugin/config.js';
import { requireImageArtifact } from '../docker-tag/accept.js';
import { registryOf, storedAuth } from './auth.js';

const dockerPushConfig = declareConfig(
  {
    login: opt.bool('Logs in to the registry before pushing.'),
    login_username: opt.string('The registry user name.'),
    login_password: opt.string('The registry password.').sensitive(),
    login_server: opt.string("The registry to log in to (default: the image's)."),
    ecr_login: opt.bool('Rejected: log in to Amazon ECR with login_username and login_password.'),
  },
  (c) => (c.ecr_login ? [{ message: 'ecr_login is not supported by tsbuild: log in with login_username and login_password (aws ecr get-login-password)', attribute: 'ecr_login' }] : []),
);

/** The names to push: the tags a docker-tag or docker-import gave, or the artifact's own name. */
function namesOf(artifact: { id: string; state?: Readonly<Record<string, unknown>> }): string[] {
  const tags = artifact.state?.docker_tags;
  const names = Array.isArray(tags) && tags.length > 0 ? (tags as string[]) : [artifact.id];
  return [...new Set(names)];
}

/** docker-push: pushes the tagged image to its registry (logging in first with `login`). */
export const dockerPushPostProcessor: PostProcessorPlugin<typeof dockerPushConfig> = {
  kind: 'post-processor',
  type: 'docker-push',
  config: dockerPushConfig,
  create: async (config) => {
    return {
      postProcess: async (ctx, artifact) => {
        requireImageArtifact(artifact, 'push');
        const { docker } = await connectDocker(ctx.env, ctx);
        const names = namesOf(artifact);
        let loginAuth: RegistryAuth | undefined;
        if (config.login) {
          ctx.ui.message('Logging in...');
          loginAuth = { username: config.login_username ?? '', password: config.login_password ?? '', serveraddress: config.login_server || registryOf(names[0]!) };
          await checkLogin(docker, loginAuth);
        }
        let digest: string | undefined;
        for (const name of names) {
          if (name.startsWith('sha256:')) throw new Error(`Cannot push ${name}: an image ID has no repository. Tag it first (docker-tag post-processor) and push the tag.`);
          ctx.ui.message(`Pushing: ${name}`);
          const auth = loginAuth ?? (await storedAuth(registryOf(splitReference(name).repo), ctx.env));
          digest = await pushImage(docker, name, { auth, say: (l) => ctx.ui.message(l), signal: ctx.signal });
        }
        if (config.login) ctx.ui.message('Logging out...');
        const result = imageArtifact(docker, names[names.length - 1]!, {
          builderId: IMPORT_BUILDER_ID,
          tags: names,
          state: { ...artifact.state, docker_digest: digest },
          imageId: imageIdOf(artifact),
          pushed: digest ? { registry: registryOf(splitReference(names[0]!).repo), reference: `${splitReference(names[0]!).repo}@${digest}` } : undefined,
        });
        return { artifact: result, keep: true, forceOverride: false };
      },
    };
  },
};
