// The docker builder talks to the engine only through its driver: a test replaces that edge to make the engine
// fail where a real daemon rarely does, and checks that the build reports it and leaves no container behind.

import type Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerConfig } from '../../../builders/docker/config.js';
import { openDockerDriver, type DockerDriver } from '../../../builders/docker/driver.js';
import { runDockerBuild } from '../../../builders/docker/run.js';
import { ExternalError, errorKind } from '../../../src/plugin/errors.js';
import { testContext } from '../../engine/helpers.js';
import { configOf } from '../../support/config.js';
import { leftoverContainers, TEST_IMAGE, testDocker } from '../../support/docker.js';

let docker: Dockerode;
beforeAll(async () => {
  docker = await testDocker();
});

/** The real driver, with `commitContainer` failing as a daemon out of disk space would. */
async function failingCommit(made: string[]): Promise<DockerDriver> {
  const real = await openDockerDriver({});
  return {
    ...real,
    createContainer: async (o) => {
      const id = await real.createContainer(o);
      made.push(id);
      return id;
    },
    commitContainer: async () => {
      throw new ExternalError('Docker Engine', 'Error committing container: write /var/lib/docker/tmp: no space left on device');
    },
  };
}

describe('docker builder driver', () => {
  it('a commit the engine refuses fails the build with its message; the container is removed', async () => {
    const made: string[] = [];
    const ctx = testContext({ buildName: 'docker.driverfault', builderType: 'docker' });
    const config = configOf(dockerConfig, { image: TEST_IMAGE, pull: false, commit: true });
    const run = runDockerBuild(config, ctx, async () => {}, await failingCommit(made));
    await expect(run).rejects.toThrow('no space left on device');
    await run.catch((e: unknown) => expect(errorKind(e)).toBe('external'));
    expect(made).toHaveLength(1);
    expect(ctx.lines.some((l) => l.includes(`Killing the container: ${made[0]}`))).toBe(true);
    expect(await leftoverContainers(docker, 'docker.driverfault')).toEqual([]);
    await expect(docker.getContainer(made[0]!).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
