// The docker builder's run: Packer's steps, in Packer's order, on the Engine API.

import { resolve } from 'node:path';
import { runSteps, type Step } from '../../src/engine/steps.js';
import { stepProvision } from '../../src/steps/provision.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import type { RunContext } from '../../src/plugin/context.js';
import { Value } from '../../src/value/value.js';
import { exportArtifact } from '../../src/providers/docker/artifact.js';
import type { DockerConfig } from './config.js';
import { openDockerDriver, type DockerDriver } from './driver.js';
import type { DockerState } from './state.js';
import { stepBuildImage } from './steps/build-image.js';
import { stepCommit, stepExport } from './steps/commit.js';
import { stepPull } from './steps/pull.js';
import { stepRunContainer } from './steps/run-container.js';
import { stepTempDir } from './steps/temp-dir.js';

/** Runs the build through `driver` (by default, the daemon DOCKER_HOST points at). */
export async function runDockerBuild(config: DockerConfig, ctx: RunContext, provision: ProvisionHook, driver?: DockerDriver): Promise<Artifact> {
  driver ??= await openDockerDriver(ctx.env, ctx);
  const state: DockerState = {
    config,
    driver,
    image: config.image ?? '',
    // Packer's placeholders until the values are known.
    data: { ImageSha256: Value.string('ERR_IMAGE_SHA256_NOT_FOUND'), SourceImageSha256: Value.string('ERR_SOURCE_IMAGE_SHA256_NOT_FOUND'), SourceImageDigest: Value.string(''), ConnType: Value.string('docker') },
  };
  const steps: Step<DockerState>[] = [
    stepTempDir,
    stepBuildImage,
    stepPull,
    stepRunContainer,
    stepProvision<DockerState>(provision, (s) => s.comm, (s) => s.data),
  ];
  if (config.commit) steps.push(stepCommit);
  else if (config.export_path) steps.push(stepExport);
  await runSteps(steps, state, ctx);
  const generatedData = Object.freeze({ ...state.data });
  if (config.commit) {
    const source = state.data.SourceImageSha256?.asString();
    return driver.imageArtifact(state.imageId!, { imageId: state.imageId, sourceImageId: source?.startsWith('sha256:') ? source : undefined, generatedData });
  }
  return exportArtifact(config.export_path ?? '', resolve(ctx.cwd, config.export_path ?? ''), generatedData);
}
