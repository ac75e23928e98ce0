import { imageArtifact, imageIdOf, IMPORT_BUILDER_ID } from '../../src/providers/docker/artifact.js';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { checkLogin, pushImage, splitReference, type RegistryAuth } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { T } from '../../src/value/value.js';
import { requireImageArtifact } from '../docker-tag/accept.js';
import { registryOf, storedAuth } from './auth.js';

interface DockerPushConfig {
  login?: boolean;
  login_username?: string;
  login_password?: string;
  login_server?: string;
  ecr_login?: boolean;
}

/** The names to push: the tags a docker-tag or docker-import gave, or the artifact's own name. */
function namesOf(artifact: { id: string; state?: Readonly<Record<string, unknown>> }): string[] {
  const tags = artifact.state?.docker_tags;
  const names = Array.isArray(tags) && tags.length > 0 ? (tags as string[]) : [artifact.id];
  return [...new Set(names)];
}

/** docker-push: pushes the tagged image to its registry (logging in first with `login`). */
export const dockerPushPostProcessor: PostProcessorPlugin = {
  kind: 'post-processor',
  type: 'docker-push',
  schema: {
    attributes: { login: { type: T.bool }, login_username: { type: T.string }, login_password: { type: T.string }, login_server: { type: T.string }, ecr_login: { type: T.bool } },
    validate: (c) => (c.ecr_login ? [{ message: 'ecr_login is not supported by tsbuild: log in with login_username and login_password (aws ecr get-login-password)', attribute: 'ecr_login' }] : []),
  },
  create: async (raw) => {
    const config = raw as DockerPushConfig;
    return {
      postProcess: async (ctx, artifact) => {
        requireImageArtifact(artifact, 'push');
        const { docker } = await connectDocker(ctx.env);
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
